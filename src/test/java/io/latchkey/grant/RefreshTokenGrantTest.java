package io.latchkey.grant;

import io.latchkey.client.FormParameters;
import static io.latchkey.testing.TestRequests.CHALLENGE;
import static io.latchkey.testing.TestRequests.NONCE;
import static io.latchkey.testing.TestRequests.VERIFIER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jwts;
import io.latchkey.account.Account;
import io.latchkey.client.AuthenticatedClient;
import io.latchkey.client.Client;
import io.latchkey.client.ClientAuthMethod;
import io.latchkey.client.ClientAuthenticator;
import io.latchkey.client.ClientCredentials;
import io.latchkey.error.ErrorCode;
import io.latchkey.error.OAuthException;
import io.latchkey.security.Secret;
import io.latchkey.store.Database;
import io.latchkey.store.RefreshTokenEntity;
import io.latchkey.testing.SignInWorld;
import io.latchkey.testing.TestClients;
import io.latchkey.testing.TestDatabase;
import io.latchkey.testing.TestKeys;
import io.latchkey.token.IdTokenIssuer;
import io.latchkey.token.TokenResponse;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RFC 6749 §6 with rotation (RFC 9700 §4.14.2) and OIDC Core §12.2 ID tokens on refresh. */
class RefreshTokenGrantTest {
    private static Database database;
    private static final Client WEB = TestClients.webApp("web").build();
    private static final Client OTHER_WEB = TestClients.webApp("other").build();
    private static final Client NATIVE_OPTED_IN = TestClients.nativeApp("native-rt").withRefreshTokens().build();
    private static final Client SPA = TestClients.spa("spa").build();
    private SignInWorld world;
    private Account person;
    private Instant authTime;

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
        world = new SignInWorld(database, WEB, OTHER_WEB, NATIVE_OPTED_IN, SPA);
        person = world.person();
        authTime = world.clock.instant().minusSeconds(20);
    }

    /** Signs in through a code with a nonce, as a real client would, and returns the first response. */
    private TokenResponse signIn(Client client, Set<String> scopes) {
        String redirect = client.redirectUris().get(0);
        Secret code = world.codes.issue(client.clientId(), person.id(), redirect, true, CHALLENGE, Optional.of(NONCE),
                scopes, authTime, "sid-1");
        return world.codeGrant.handle(form("authorization_code", "code", code.reveal(), "redirect_uri", redirect,
                "code_verifier", VERIFIER), authenticated(client));
    }

    private static AuthenticatedClient authenticated(Client client) {
        return new AuthenticatedClient(client,
                client.type().confidential() ? ClientAuthMethod.CLIENT_SECRET_BASIC : ClientAuthMethod.NONE);
    }

    private static TokenRequest form(String grantType, String... namesAndValues) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("grant_type", grantType);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            values.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return new TokenRequest(grantType, FormParameters.of(values),
                new ClientCredentials(ClientAuthMethod.NONE, "ignored", Optional.empty()));
    }

    private TokenResponse refresh(Secret token, Client client, String... more) {
        String[] parameters = new String[more.length + 2];
        parameters[0] = "refresh_token";
        parameters[1] = token.reveal();
        System.arraycopy(more, 0, parameters, 2, more.length);
        return world.refreshGrant.handle(form("refresh_token", parameters), authenticated(client));
    }

    private Claims claims(Secret idToken) {
        return Jwts.parser().verifyWith(TestKeys.KEY.publicKey()).clock(() -> Date.from(world.clock.instant()))
                .build().parseSignedClaims(idToken.reveal()).getPayload();
    }

    private static void assertError(ErrorCode code, Runnable call) {
        OAuthException e = assertThrows(OAuthException.class, call::run);
        assertEquals(code, e.error().code(), e.detail());
    }

    @Test
    void aRefreshRotatesAndTheIdTokenCarriesNoNonceButTheSameSession() {
        TokenResponse first = signIn(WEB, Set.of("openid", "profile", "offline_access"));
        assertEquals(NONCE, claims(first.idToken().orElseThrow()).get("nonce", String.class));
        world.clock.advanceSeconds(600);
        TokenResponse refreshed = refresh(first.refreshToken().orElseThrow(), WEB);
        assertNotEquals(first.refreshToken().orElseThrow().reveal(), refreshed.refreshToken().orElseThrow().reveal());
        Claims id = claims(refreshed.idToken().orElseThrow());
        assertFalse(id.containsKey("nonce"));
        assertEquals(person.subject(), id.getSubject());
        assertEquals("sid-1", id.get("sid", String.class));
        assertEquals(authTime.getEpochSecond(), id.get("auth_time", Long.class));
        assertEquals(IdTokenIssuer.leftHalfHash(refreshed.accessToken().value().reveal()),
                id.get("at_hash", String.class));
        assertNotEquals(first.accessToken().jti(), refreshed.accessToken().jti());
        assertTrue(world.verifier.verify(refreshed.accessToken().value()).isPresent());
    }

    @Test
    void thePresentedTokenCannotBeUsedAgainAndItsReuseRevokesTheNewOne() {
        TokenResponse first = signIn(WEB, Set.of("openid", "offline_access"));
        TokenResponse refreshed = refresh(first.refreshToken().orElseThrow(), WEB);
        assertError(ErrorCode.INVALID_GRANT, () -> refresh(first.refreshToken().orElseThrow(), WEB));
        assertError(ErrorCode.INVALID_GRANT, () -> refresh(refreshed.refreshToken().orElseThrow(), WEB));
    }

    @Test
    void theAccessTokenOfARefreshIsRecordedOnItsRefreshTokenAndRevokedWithTheFamily() {
        TokenResponse first = signIn(WEB, Set.of("openid", "offline_access"));
        world.clock.advanceSeconds(30);
        TokenResponse refreshed = refresh(first.refreshToken().orElseThrow(), WEB);
        String jti = refreshed.accessToken().jti();
        RefreshTokenEntity recorded = world.transactions.inTransaction(em ->
                em.find(RefreshTokenEntity.class, refreshed.refreshToken().orElseThrow().hashed()));
        assertEquals(jti, recorded.getAccessTokenJti(), "the refresh's access token is recorded on its refresh token");
        assertFalse(recorded.getAccessTokenExpiresAt().isBefore(refreshed.accessToken().expiresAt()),
                "recorded at least until the token expires");
        assertTrue(world.verifier.verify(refreshed.accessToken().value()).isPresent());

        // Reuse of the rotated token revokes the family, and with it the access token the refresh issued.
        assertError(ErrorCode.INVALID_GRANT, () -> refresh(first.refreshToken().orElseThrow(), WEB));
        boolean revoked = world.transactions.inTransaction(em -> world.revoked.isRevoked(em, jti));
        assertTrue(revoked, "the refresh's access token is on the revocation list");
        assertTrue(world.verifier.verify(refreshed.accessToken().value()).isEmpty());
    }

    @Test
    void aNarrowerScopeNarrowsTheAccessTokenAndDroppingOpenidDropsTheIdToken() {
        TokenResponse first = signIn(WEB, Set.of("openid", "orders:read", "offline_access"));
        TokenResponse narrowed = refresh(first.refreshToken().orElseThrow(), WEB, "scope", "orders:read");
        assertEquals(Set.of("orders:read"), narrowed.accessToken().scopes());
        assertFalse(narrowed.idToken().isPresent());
        TokenResponse full = refresh(narrowed.refreshToken().orElseThrow(), WEB);
        assertEquals(Set.of("openid", "orders:read", "offline_access"), full.accessToken().scopes());
    }

    @Test
    void aWiderScopeIsAnInvalidScopeAndTheTokenStillWorks() {
        TokenResponse first = signIn(WEB, Set.of("openid", "offline_access"));
        assertError(ErrorCode.INVALID_SCOPE, () -> refresh(first.refreshToken().orElseThrow(), WEB,
                "scope", "openid orders:read"));
        refresh(first.refreshToken().orElseThrow(), WEB);
    }

    @Test
    void anotherClientsRefreshTokenIsAnInvalidGrant() {
        TokenResponse first = signIn(WEB, Set.of("openid", "offline_access"));
        assertError(ErrorCode.INVALID_GRANT, () -> refresh(first.refreshToken().orElseThrow(), OTHER_WEB));
    }

    @Test
    void aDisabledPersonsRefreshIsAnInvalidGrantAndEndsTheFamily() {
        TokenResponse first = signIn(WEB, Set.of("openid", "offline_access"));
        world.setEnabled(person, false);
        assertError(ErrorCode.INVALID_GRANT, () -> refresh(first.refreshToken().orElseThrow(), WEB));
        world.setEnabled(person, true);
        assertError(ErrorCode.INVALID_GRANT, () -> refresh(first.refreshToken().orElseThrow(), WEB));
    }

    @Test
    void aMissingRefreshTokenIsAnInvalidRequest() {
        assertError(ErrorCode.INVALID_REQUEST, () -> world.refreshGrant.handle(form("refresh_token"),
                authenticated(WEB)));
    }

    @Test
    void aMalformedScopeIsAnInvalidScope() {
        TokenResponse first = signIn(WEB, Set.of("openid", "offline_access"));
        assertError(ErrorCode.INVALID_SCOPE, () -> refresh(first.refreshToken().orElseThrow(), WEB,
                "scope", "openid  offline_access"));
    }

    @Test
    void aPublicNativeAppThatOptedInRefreshesThroughTheTokenEndpoint() {
        TokenResponse first = signIn(NATIVE_OPTED_IN, Set.of("openid", "offline_access"));
        TokenEndpoint endpoint = new TokenEndpoint(List.of(world.codeGrant, world.refreshGrant),
                new ClientAuthenticator(world.clients, world.clock));
        TokenResponse refreshed = endpoint.handle(new TokenRequest("refresh_token",
                FormParameters.of(Map.of("grant_type", "refresh_token",
                        "refresh_token", first.refreshToken().orElseThrow().reveal())),
                new ClientCredentials(ClientAuthMethod.NONE, "native-rt", Optional.empty())));
        assertTrue(refreshed.refreshToken().isPresent());
    }

    @Test
    void aPublicAppThatDidNotOptInMayNotUseTheRefreshGrant() {
        TokenEndpoint endpoint = new TokenEndpoint(List.of(world.codeGrant, world.refreshGrant),
                new ClientAuthenticator(world.clients, world.clock));
        assertError(ErrorCode.UNAUTHORIZED_CLIENT, () -> endpoint.handle(new TokenRequest("refresh_token",
                FormParameters.of(Map.of("grant_type", "refresh_token", "refresh_token", "x")),
                new ClientCredentials(ClientAuthMethod.NONE, "spa", Optional.empty()))));
    }
}
