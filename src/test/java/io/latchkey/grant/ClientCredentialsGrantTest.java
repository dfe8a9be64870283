package io.latchkey.grant;

import io.latchkey.client.FormParameters;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jsonwebtoken.Claims;
import io.latchkey.client.AuthenticatedClient;
import io.latchkey.client.Client;
import io.latchkey.client.ClientAuthMethod;
import io.latchkey.client.ClientAuthenticator;
import io.latchkey.client.ClientCredentials;
import io.latchkey.testing.InMemoryClientDirectory;
import io.latchkey.testing.TestClients;
import io.latchkey.error.ErrorCode;
import io.latchkey.error.OAuthException;
import io.latchkey.security.Secret;
import io.latchkey.token.TestTokens;
import io.latchkey.token.TokenResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClientCredentialsGrantTest {
    private static final String SECRET = "batch-secret-0123456789abcdefghijklmnop";
    private final Client batch = TestClients.m2m("orders-batch").withSecret(SECRET)
            .withScopes("orders:read", "orders:write", "reports:read")
            .withDefaultScopes("orders:read")
            .build();
    private final ClientCredentialsGrant grant = new ClientCredentialsGrant(TestTokens.issuer());

    private TokenResponse handle(String scope) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        if (scope != null) {
            form.put("scope", scope);
        }
        ClientCredentials credentials = new ClientCredentials(ClientAuthMethod.CLIENT_SECRET_BASIC,
                batch.clientId(), Optional.of(Secret.of(SECRET)));
        return grant.handle(new TokenRequest("client_credentials", FormParameters.of(form), credentials),
                new AuthenticatedClient(batch, ClientAuthMethod.CLIENT_SECRET_BASIC));
    }

    private static Claims claims(TokenResponse response) {
        return TestTokens.verify((String) response.toJson().get("access_token")).getPayload();
    }

    @Test
    void issuesATokenWhoseSubjectIsTheClientItself() {
        Claims claims = claims(handle("orders:read"));

        assertEquals("client:orders-batch", claims.getSubject(), "RFC 9068 §2.2, never a person's subject");
        assertEquals("orders-batch", claims.get("client_id", String.class));
        assertEquals(TestTokens.ISSUER, claims.getIssuer());
        assertEquals(Set.of(TestTokens.ORDERS_API), claims.getAudience());
    }

    @Test
    void grantsTheRequestedScopesWhenAllAreAllowed() {
        TokenResponse response = handle("reports:read orders:read");

        assertEquals("orders:read reports:read", response.toJson().get("scope"));
        assertEquals("orders:read reports:read", claims(response).get("scope", String.class));
        assertEquals(Set.of(TestTokens.ORDERS_API, TestTokens.REPORTS_API), claims(response).getAudience());
    }

    @Test
    void grantsTheDefaultScopesWhenNoneAreRequested() {
        TokenResponse response = handle(null);

        assertEquals("orders:read", response.toJson().get("scope"));
    }

    @Test
    void grantsTheDefaultScopesWhenTheScopeIsEmpty() {
        assertEquals("orders:read", handle("").toJson().get("scope"));
    }

    @Test
    void refusesAScopeOutsideThePolicy() {
        OAuthException e = assertThrows(OAuthException.class, () -> handle("orders:read admin"));

        assertEquals(ErrorCode.INVALID_SCOPE, e.error().code());
    }

    @Test
    void answersWithABearerTokenOfTheConfiguredLifetimeAndNoRefreshToken() {
        Map<String, Object> json = handle("orders:read").toJson();

        assertEquals("Bearer", json.get("token_type"));
        assertEquals(TestTokens.TTL.toSeconds(), json.get("expires_in"));
        assertFalse(json.containsKey("refresh_token"), "RFC 6749 §4.4.3: a refresh token SHOULD NOT be included");
        assertEquals(List.of("access_token", "token_type", "expires_in", "scope"), List.copyOf(json.keySet()));
    }

    @Test
    void worksBehindTheTokenEndpoint() {
        TokenEndpoint endpoint = new TokenEndpoint(List.of(grant),
                new ClientAuthenticator(new InMemoryClientDirectory(batch), TestTokens.CLOCK));
        TokenRequest request = new TokenRequest("client_credentials",
                FormParameters.of(Map.of("grant_type", "client_credentials", "scope", "orders:write")),
                new ClientCredentials(ClientAuthMethod.CLIENT_SECRET_POST, "orders-batch",
                        Optional.of(Secret.of(SECRET))));

        assertEquals("orders:write", claims(endpoint.handle(request)).get("scope", String.class));
    }
}
