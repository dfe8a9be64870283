package io.latchkey.grant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.account.Account;
import io.latchkey.account.AccountDefinition;
import io.latchkey.client.Client;
import io.latchkey.client.ClientAuthMethod;
import io.latchkey.client.ClientAuthenticator;
import io.latchkey.client.ClientCredentials;
import io.latchkey.client.FormParameters;
import io.latchkey.error.ErrorCode;
import io.latchkey.error.OAuthException;
import io.latchkey.security.Secret;
import io.latchkey.store.Database;
import io.latchkey.testing.SignInWorld;
import io.latchkey.testing.TestClients;
import io.latchkey.testing.TestDatabase;
import io.latchkey.token.TokenResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RFC 6749 §4.3: only for allowed confidential web applications, throttled like the sign-in page. */
class PasswordGrantTest {
    private static final String PASSWORD = "correct horse battery staple";
    private static Database database;
    private static final Client ALLOWED = TestClients.webApp("allowed").withPasswordGrant().build();
    private static final Client NOT_ALLOWED = TestClients.webApp("plain-web").build();
    private static final Client NATIVE = TestClients.nativeApp("native").withPasswordGrant().build();
    private SignInWorld world;
    private TokenEndpoint endpoint;
    private Account person;

    @BeforeAll
    static void openDatabase() {
        database = TestDatabase.open();
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    @BeforeEach
    void newWorld() {
        world = new SignInWorld(database, ALLOWED, NOT_ALLOWED, NATIVE);
        String username = "pw-" + UUID.randomUUID().toString().substring(0, 10);
        person = world.transactions.inTransaction(em -> world.accounts.upsert(em, new AccountDefinition(username,
                Optional.of(Secret.of(PASSWORD)), "Pat Word", Optional.empty(), false, false, true),
                world.clock.instant()));
        PasswordGrant grant = new PasswordGrant(world.accounts, world.grantStorage, world.refreshTokens,
                world.personTokens, world.audit, world.clock);
        endpoint = new TokenEndpoint(List.of(grant), new ClientAuthenticator(world.clients, world.clock));
    }

    @Test
    void anAllowedWebApplicationGetsTokensForTheRightPassword() {
        TokenResponse response = endpoint.handle(request(ALLOWED, person.username(), PASSWORD, "openid offline_access"));
        assertTrue(response.idToken().isPresent());
        assertTrue(response.refreshToken().isPresent());
        assertEquals(person.subject(), world.verifier.verify(response.accessToken().value()).orElseThrow().subject());
    }

    @Test
    void signInsThroughTheGrantAreAuditedWithoutThePasswordOrTheUsernameTyped() {
        endpoint.handle(request(ALLOWED, person.username(), PASSWORD, null));
        assertError(ErrorCode.INVALID_GRANT, () -> endpoint.handle(request(ALLOWED, person.username(), "wrong-pw", null)));

        List<io.latchkey.audit.AuditEvent> events = world.audit.events();
        assertEquals(2, events.size());
        assertEquals(io.latchkey.audit.AuditEvent.Outcome.SUCCESS, events.get(0).outcome());
        assertEquals("account:" + person.subject(), events.get(0).target());
        assertEquals(io.latchkey.audit.AuditEvent.Outcome.FAILURE, events.get(1).outcome());
        assertTrue(events.stream().map(io.latchkey.audit.AuditEvent::logLine)
                .noneMatch(line -> line.contains(PASSWORD) || line.contains("wrong-pw")));
        assertTrue(!events.get(1).logLine().contains(person.username()));
    }

    @Test
    void aWrongPasswordIsAnInvalidGrant() {
        assertError(ErrorCode.INVALID_GRANT, () -> endpoint.handle(request(ALLOWED, person.username(), "wrong", null)));
        assertError(ErrorCode.INVALID_GRANT, () -> endpoint.handle(request(ALLOWED, "nobody-here", PASSWORD, null)));
    }

    @Test
    void applicationsThatWereNotAllowedAreUnauthorized() {
        assertError(ErrorCode.UNAUTHORIZED_CLIENT,
                () -> endpoint.handle(request(NOT_ALLOWED, person.username(), PASSWORD, null)));
        assertError(ErrorCode.UNAUTHORIZED_CLIENT,
                () -> endpoint.handle(request(NATIVE, person.username(), PASSWORD, null)));
    }

    @Test
    void missingCredentialsAreAnInvalidRequest() {
        assertError(ErrorCode.INVALID_REQUEST, () -> endpoint.handle(request(ALLOWED, null, PASSWORD, null)));
        assertError(ErrorCode.INVALID_REQUEST, () -> endpoint.handle(request(ALLOWED, person.username(), null, null)));
    }

    @Test
    void repeatedFailuresAreThrottledLikeTheSignInPage() {
        for (int i = 0; i < 6; i++) {
            assertThrows(OAuthException.class, () -> endpoint.handle(request(ALLOWED, person.username(), "bad", null)));
        }
        OAuthException e = assertThrows(OAuthException.class,
                () -> endpoint.handle(request(ALLOWED, person.username(), PASSWORD, null)));
        assertEquals(ErrorCode.TOO_MANY_ATTEMPTS, e.error().code());
        assertEquals(429, e.error().code().status());
    }

    @Test
    void theAccessTokenIsRecordedForTheRefreshFamilySoAReuseRevokesIt() {
        TokenResponse response = endpoint.handle(request(ALLOWED, person.username(), PASSWORD,
                "openid offline_access"));
        Secret first = response.refreshToken().orElseThrow();
        world.refreshTokens.rotate(first, ALLOWED.clientId(), java.util.Set.of());
        assertTrue(world.verifier.verify(response.accessToken().value()).isPresent());
        assertThrows(OAuthException.class, () -> world.refreshTokens.rotate(first, ALLOWED.clientId(),
                java.util.Set.of()));
        assertTrue(world.verifier.verify(response.accessToken().value()).isEmpty(),
                "the reuse revoked the family and the access token the password grant gave");
    }

    @Test
    void theGrantIsNotEvenKnownUnlessBound() {
        TokenEndpoint without = new TokenEndpoint(List.of(), new ClientAuthenticator(world.clients, world.clock));
        assertError(ErrorCode.UNSUPPORTED_GRANT_TYPE,
                () -> without.handle(request(ALLOWED, person.username(), PASSWORD, null)));
    }

    private static TokenRequest request(Client client, String username, String password, String scope) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("grant_type", "password");
        if (username != null) {
            values.put("username", username);
        }
        if (password != null) {
            values.put("password", password);
        }
        if (scope != null) {
            values.put("scope", scope);
        }
        ClientCredentials credentials = client.type().confidential()
                ? new ClientCredentials(ClientAuthMethod.CLIENT_SECRET_BASIC, client.clientId(),
                        Optional.of(Secret.of(TestClients.SECRET)))
                : new ClientCredentials(ClientAuthMethod.NONE, client.clientId(), Optional.empty());
        return new TokenRequest("password", FormParameters.of(values), credentials, "192.0.2.10");
    }

    private static void assertError(ErrorCode code, Runnable call) {
        OAuthException e = assertThrows(OAuthException.class, call::run);
        assertEquals(code, e.error().code(), e.detail());
    }
}
