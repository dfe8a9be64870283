package io.latchkey.web.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.latchkey.client.FormParameters;
import io.latchkey.consent.ScopeCatalog;
import io.latchkey.consent.ScopeCommands;
import io.latchkey.error.Violation;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScopeFormTest {
    @Test
    void whatIsTypedIsTrimmedAndAnEmptyApiIsNone() {
        ScopeCatalog.Scope scope = ScopeForm.of(FormParameters.of(Map.of("name", " orders:read ",
                "description", " Read your orders ", "audience", "  "))).scope();
        assertEquals(new ScopeCatalog.Scope("orders:read", "Read your orders", Optional.empty()), scope);
    }

    @Test
    void anApiIsTheTrimmedAudience() {
        ScopeCatalog.Scope scope = ScopeForm.of(FormParameters.of(Map.of("name", "orders:write",
                "description", "Change your orders", "audience", " https://orders.example.com "))).scope();
        assertEquals(Optional.of("https://orders.example.com"), scope.audience());
    }

    @Test
    void missingFieldsAreEmptyForThePolicyToRefuse() {
        assertEquals(ScopeForm.BLANK, ScopeForm.of(FormParameters.of(Map.of())));
    }

    @Test
    void theEditFormTakesTheNameFromThePageNeverFromTheForm() {
        ScopeForm typed = ScopeForm.of("orders:read", FormParameters.of(Map.of("name", "other",
                "description", "Read", "audience", "")));
        assertEquals("orders:read", typed.scope().name());
    }

    @Test
    void aStoredScopeShowsItsValues() {
        ScopeForm shown = ScopeForm.of(new ScopeCommands.StoredScope(new ScopeCatalog.Scope("a", "b",
                Optional.of("https://api.example.com")), 3, Instant.EPOCH));
        assertEquals(new ScopeForm("a", "b", "https://api.example.com"), shown);
        assertEquals("", ScopeForm.of(new ScopeCommands.StoredScope(new ScopeCatalog.Scope("a", "b",
                Optional.empty()), 0, Instant.EPOCH)).audience());
    }

    @Test
    void eachViolationMarksItsFieldAndAnyOtherMarksTheForm() {
        Map<String, String> errors = ScopeForm.fieldErrors(List.of(new Violation("name", "is too long"),
                new Violation("name", "has a space"), new Violation("audience", "is not a URI"),
                new Violation("version", "is stale")));
        assertEquals(Map.of("name", "is too long; has a space", "audience", "is not a URI", "", "version is stale"),
                errors);
    }
}
