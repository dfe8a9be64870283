package io.latchkey.web.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.consent.ScopeCatalog;
import io.latchkey.consent.ScopeDefinitionPolicy;
import io.latchkey.error.Violation;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScopesPageTest {
    private static ScopeCatalog.Scope scope(String name) {
        return new ScopeCatalog.Scope(name, "d", Optional.empty());
    }

    @Test
    void aScopesPageIsOneSegmentThatSigningInAgainMayReturnTo() {
        String page = ScopesPage.pageOf("orders:read/all x");
        assertEquals("/admin/scopes/orders%3Aread%2Fall%20x", page);
        assertEquals(Optional.of(page), ConsoleTarget.of(page), "a delete that needs a recent sign-in comes back");
    }

    @Test
    void theStandardScopesCannotBeDeletedAndThePageSaysWhy() {
        assertEquals(Optional.of("The name is a standard OpenID Connect scope and cannot be deleted."),
                ScopesPage.undeletable(scope("openid")));
        assertFalse(ScopesPage.locked(scope("openid")), "its description may be reworded");
    }

    @Test
    void latchkeysAdminScopesAreLocked() {
        String admin = ScopeDefinitionPolicy.ADMIN_SCOPE_PREFIX;
        assertTrue(ScopesPage.locked(scope(admin)));
        assertTrue(ScopesPage.undeletable(scope(admin)).isPresent());
    }

    @Test
    void anOperatorsScopeMayBeDeleted() {
        assertEquals(Optional.empty(), ScopesPage.undeletable(scope("orders:read")));
        assertFalse(ScopesPage.locked(scope("orders:read")));
    }

    @Test
    void refusalsReadAsSentences() {
        assertEquals("The name is still listed by the applications a, b; remove it from them first.",
                ScopesPage.sentence(List.of(new Violation("name",
                        "is still listed by the applications a, b; remove it from them first"))));
    }
}
