package io.latchkey.web.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.client.AccessTokenPolicy;
import io.latchkey.client.ApplicationDefinition;
import io.latchkey.client.ApplicationView;
import io.latchkey.client.ClientSigning;
import io.latchkey.client.ClientType;
import io.latchkey.client.PkcePolicy;
import io.latchkey.client.ResponseType;
import io.latchkey.consent.ScopeCatalog;
import io.latchkey.consent.ScopeDefinitionPolicy;
import io.latchkey.error.Violation;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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

    private static ApplicationView application(String clientId, Set<String> scopes, Set<String> defaultScopes) {
        return new ApplicationView(new ApplicationDefinition(clientId, clientId, ClientType.M2M, List.of(), List.of(),
                List.of(), scopes, defaultScopes, Optional.empty(), true, AccessTokenPolicy.NONE, false, false, false,
                90, false, Set.of(ResponseType.CODE), false, PkcePolicy.REQUIRED, false, ClientSigning.DEFAULT),
                0, Instant.EPOCH, Instant.EPOCH, List.of());
    }

    @Test
    void theApplicationsThatMayAskForAScopeAreThoseListingItAllowedOrDefault() {
        List<ApplicationView> applications = List.of(application("zeta", Set.of("orders:read"), Set.of()),
                application("alpha", Set.of("openid", "orders:read"), Set.of("orders:read")),
                application("other", Set.of("orders:write"), Set.of()),
                application("defaults", Set.of(), Set.of("orders:read")));
        assertEquals(List.of("alpha", "defaults", "zeta"), ScopesPage.listing(applications, "orders:read"));
        assertEquals(List.of(), ScopesPage.listing(applications, "orders"), "a name, not a prefix");
    }
}
