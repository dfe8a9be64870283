package io.latchkey.grant;

import io.latchkey.client.FormParameters;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.latchkey.client.AuthenticatedClient;
import io.latchkey.client.ClientAuthMethod;
import io.latchkey.client.ClientAuthenticator;
import io.latchkey.client.ClientCredentials;
import io.latchkey.client.ClientType;
import io.latchkey.testing.InMemoryClientDirectory;
import io.latchkey.testing.TestClients;
import io.latchkey.error.ErrorCode;
import io.latchkey.error.OAuthException;
import io.latchkey.security.Secret;
import io.latchkey.token.IssuedAccessToken;
import io.latchkey.token.TokenResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TokenEndpointTest {
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String SECRET = "batch-secret-0123456789abcdefghijklmnop";
    private static final TokenResponse CANNED = TokenResponse.bearer(new IssuedAccessToken(Secret.of("token"), "jti",
            Set.of("orders:read"), NOW, NOW.plusSeconds(60)));

    private final InMemoryClientDirectory clients = new InMemoryClientDirectory(
            TestClients.m2m("batch").withSecret(SECRET).withScopes("orders:read").build(),
            TestClients.webApp("web").withSecret(SECRET).build(),
            TestClients.spa("spa").build(),
            TestClients.nativeApp("native").build());
    private final ClientAuthenticator authenticator = new ClientAuthenticator(clients, CLOCK);

    /** A client_credentials handler that records what it was called with. */
    private static final class RecordingHandler implements GrantHandler {
        final List<AuthenticatedClient> calls = new ArrayList<>();

        @Override
        public GrantType grantType() {
            return GrantType.CLIENT_CREDENTIALS;
        }

        @Override
        public TokenResponse handle(TokenRequest request, AuthenticatedClient client) {
            calls.add(client);
            return CANNED;
        }
    }

    private static TokenRequest request(String grantType, ClientCredentials credentials) {
        return new TokenRequest(grantType, FormParameters.of(Map.of("grant_type", grantType)), credentials);
    }

    private static ClientCredentials basic(String id, String secret) {
        return new ClientCredentials(ClientAuthMethod.CLIENT_SECRET_BASIC, id, Optional.of(Secret.of(secret)));
    }

    private static ClientCredentials publicClient(String id) {
        return new ClientCredentials(ClientAuthMethod.NONE, id, Optional.empty());
    }

    @Test
    void passesAnAuthenticatedPermittedClientToTheGrantsHandler() {
        RecordingHandler handler = new RecordingHandler();
        TokenEndpoint endpoint = new TokenEndpoint(List.of(handler), authenticator);

        TokenResponse response = endpoint.handle(request("client_credentials", basic("batch", SECRET)));

        assertSame(CANNED, response);
        assertEquals(1, handler.calls.size());
        assertEquals("batch", handler.calls.get(0).client().clientId());
        assertEquals(ClientAuthMethod.CLIENT_SECRET_BASIC, handler.calls.get(0).method());
    }

    @Test
    void refusesAnUnknownGrantTypeBeforeAuthenticatingTheClient() {
        RecordingHandler handler = new RecordingHandler();
        TokenEndpoint endpoint = new TokenEndpoint(List.of(handler), authenticator);

        OAuthException e = assertThrows(OAuthException.class,
                () -> endpoint.handle(request("password", basic("nobody", "wrong"))));

        assertEquals(ErrorCode.UNSUPPORTED_GRANT_TYPE, e.error().code());
        assertEquals(0, clients.lookups(), "no client was looked up");
        assertEquals(List.of(), handler.calls);
    }

    @Test
    void refusesAKnownGrantTypeThatIsNotEnabled() {
        TokenEndpoint endpoint = new TokenEndpoint(List.of(), authenticator);

        OAuthException e = assertThrows(OAuthException.class,
                () -> endpoint.handle(request("client_credentials", basic("batch", SECRET))));

        assertEquals(ErrorCode.UNSUPPORTED_GRANT_TYPE, e.error().code());
        assertEquals(0, clients.lookups());
    }

    @Test
    void matchesGrantTypeNamesExactly() {
        TokenEndpoint endpoint = new TokenEndpoint(List.of(new RecordingHandler()), authenticator);

        OAuthException e = assertThrows(OAuthException.class,
                () -> endpoint.handle(request("Client_Credentials", basic("batch", SECRET))));

        assertEquals(ErrorCode.UNSUPPORTED_GRANT_TYPE, e.error().code());
    }

    @ParameterizedTest
    @EnumSource(value = ClientType.class, names = {"WEB", "SPA", "NATIVE"})
    void refusesClientCredentialsToApplicationsThatSignPeopleIn(ClientType type) {
        RecordingHandler handler = new RecordingHandler();
        TokenEndpoint endpoint = new TokenEndpoint(List.of(handler), authenticator);
        String clientId = type.wireName();
        ClientCredentials credentials = type.confidential() ? basic(clientId, SECRET) : publicClient(clientId);

        OAuthException e = assertThrows(OAuthException.class,
                () -> endpoint.handle(request("client_credentials", credentials)));

        assertEquals(ErrorCode.UNAUTHORIZED_CLIENT, e.error().code());
        assertEquals("this application may not use the client_credentials grant", e.error().description());
        assertEquals(List.of(), handler.calls);
    }

    @Test
    void authenticatesTheClientBeforeCheckingItsPolicy() {
        TokenEndpoint endpoint = new TokenEndpoint(List.of(new RecordingHandler()), authenticator);

        OAuthException e = assertThrows(OAuthException.class,
                () -> endpoint.handle(request("client_credentials", basic("web", "wrong-secret"))));

        assertEquals(ErrorCode.INVALID_CLIENT, e.error().code());
    }

    @Test
    void refusesTwoHandlersForOneGrantType() {
        assertThrows(IllegalArgumentException.class,
                () -> new TokenEndpoint(List.of(new RecordingHandler(), new RecordingHandler()), authenticator));
    }

    @Test
    void advertisesTheEnabledGrantTypes() {
        assertEquals(Set.of(GrantType.CLIENT_CREDENTIALS),
                new TokenEndpoint(List.of(new RecordingHandler()), authenticator).enabledGrantTypes());
        assertEquals(Set.of(), new TokenEndpoint(List.of(), authenticator).enabledGrantTypes());
    }
}
