package io.latchkey.client;

import io.latchkey.testing.TestClients;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.error.ErrorCode;
import io.latchkey.error.OAuthException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScopePolicyTest {
    private final Client client = TestClients.m2m("batch")
            .withScopes("orders:read", "orders:write", "reports:read")
            .withDefaultScopes("orders:read", "reports:read")
            .build();

    @Test
    void grantsARequestedSubsetInSortedOrder() {
        Set<String> granted = ScopePolicy.grant(client, Optional.of("reports:read orders:write"));

        assertEquals(List.of("orders:write", "reports:read"), List.copyOf(granted));
        assertEquals("orders:write reports:read", ScopePolicy.format(granted));
    }

    @Test
    void grantsTheDefaultSetWhenNoScopeIsRequested() {
        assertEquals(List.of("orders:read", "reports:read"), List.copyOf(ScopePolicy.grant(client, Optional.empty())));
    }

    @Test
    void collapsesARepeatedScope() {
        assertEquals(Set.of("orders:read"), ScopePolicy.grant(client, Optional.of("orders:read orders:read")));
    }

    @Test
    void refusesAScopeOutsideThePolicyNamingItInTheDetailOnly() {
        OAuthException e = assertThrows(OAuthException.class,
                () -> ScopePolicy.grant(client, Optional.of("orders:read admin")));

        assertEquals(ErrorCode.INVALID_SCOPE, e.error().code());
        assertEquals("the requested scope is not allowed for this application", e.error().description());
        assertTrue(e.detail().contains("admin"), e.detail());
    }

    @Test
    void refusesToFallBackToAnEmptyDefaultSet() {
        Client noDefaults = TestClients.m2m("nodefault").withScopes("orders:read").build();

        OAuthException e = assertThrows(OAuthException.class, () -> ScopePolicy.grant(noDefaults, Optional.empty()));

        assertEquals(ErrorCode.INVALID_SCOPE, e.error().code());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "orders:read  reports:read", " orders:read", "orders:read ", "orders\"read",
            "orders\\read", "orders:read\treports:read", "orders:read\nreports:read", "orders\u0000", "orders\u007f",
            "orders:réad", "orders:read\u00a0reports:read"})
    void refusesAMalformedScopeParameter(String scope) {
        OAuthException e = assertThrows(OAuthException.class, () -> ScopePolicy.grant(client, Optional.of(scope)));

        assertEquals(ErrorCode.INVALID_SCOPE, e.error().code());
        assertEquals("scope is malformed", e.error().description());
    }

    @ParameterizedTest
    @ValueSource(strings = {"!", "#", "[", "]", "~", "a:b/c?d=e&f", "https://api.example.com/orders.read"})
    void acceptsEveryScopeTokenCharacterRfc6749Allows(String token) {
        assertTrue(ScopePolicy.isScopeToken(token));
    }

    @Test
    void refusesAnEmptyScopeToken() {
        assertFalse(ScopePolicy.isScopeToken(""));
    }
}
