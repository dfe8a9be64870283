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
import io.latchkey.audit.Actor;
import io.latchkey.audit.AuditEvent;
import io.latchkey.account.Account;
import io.latchkey.client.AuthenticatedClient;
import io.latchkey.client.Client;
import io.latchkey.client.ClientAuthMethod;
import io.latchkey.client.ClientAuthenticator;
import io.latchkey.client.ClientCredentials;
import io.latchkey.error.ErrorCode;
import io.latchkey.error.OAuthException;
import io.latchkey.security.Secret;
import io.latchkey.testing.GrantWorld;
import io.latchkey.testing.SignInWorld;
import io.latchkey.testing.TestClients;
import io.latchkey.testing.TestKeys;
import io.latchkey.token.IdTokenIssuer;
import io.latchkey.token.AccessTokenClaims;
import io.latchkey.token.RefreshTokens;
import io.latchkey.token.StoredRefreshFamily;
import io.latchkey.token.TokenResponse;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * RFC 6749 §6 with rotation (RFC 9700 §4.14.2) and OIDC Core §12.2 ID tokens on refresh; on the in-memory grant
 * storage (the database-backed paths: GrantStatementCountTest, ConcurrentWritesContract, CrashDurabilityTest).
 */
class RefreshTokenGrantTest {
    private static final Client WEB = TestClients.webApp("web").build();
    private static final Client OTHER_WEB = TestClients.webApp("other").build();
    private static final Client NATIVE_OPTED_IN = TestClients.nativeApp("native-rt").withRefreshTokens().build();
    private static final Client SPA = TestClients.spa("spa").build();
    private GrantWorld world;
    private Account person;
    private Instant authTime;

    @BeforeEach
    void newWorld() {
        world = new GrantWorld(WEB, OTHER_WEB, NATIVE_OPTED_IN, SPA);
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
        assertFalse(world.storage.isRevoked(refreshed.accessToken().jti()));
    }

    @Test
    void thePresentedTokenCannotBeUsedAgainAndItsReuseRevokesTheNewOne() {
        TokenResponse first = signIn(WEB, Set.of("openid", "offline_access"));
        TokenResponse refreshed = refresh(first.refreshToken().orElseThrow(), WEB);
        assertError(ErrorCode.INVALID_GRANT, () -> refresh(first.refreshToken().orElseThrow(), WEB));
        assertError(ErrorCode.INVALID_GRANT, () -> refresh(refreshed.refreshToken().orElseThrow(), WEB));
    }

    @Test
    void theAccessTokenOfARefreshIsCoveredByItsFamilyAndRevokedWithIt() {
        TokenResponse first = signIn(WEB, Set.of("openid", "offline_access"));
        world.clock.advanceSeconds(30);
        TokenResponse refreshed = refresh(first.refreshToken().orElseThrow(), WEB);
        String jti = refreshed.accessToken().jti();
        StoredRefreshFamily family = world.storage.refreshFamilyOf(refreshed.refreshToken().orElseThrow())
                .orElseThrow();
        assertEquals(Optional.of(family.grant().familyId()), AccessTokenClaims.familyOfJti(jti),
                "the refresh's access token names its family");
        assertFalse(family.accessTokensExpireAt().orElseThrow().isBefore(refreshed.accessToken().expiresAt()),
                "the family records it at least until the token expires");
        assertFalse(world.storage.isRevoked(jti));

        // Reuse of the rotated token revokes the family, and with it the access token the refresh issued.
        assertError(ErrorCode.INVALID_GRANT, () -> refresh(first.refreshToken().orElseThrow(), WEB));
        assertTrue(world.storage.isRevoked(jti), "the refresh's access token is on the revocation list");
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
        String family = world.storage.refreshFamilyOf(first.refreshToken().orElseThrow()).orElseThrow().grant()
                .familyId();
        assertEquals(List.of("grant:" + family), world.storage.eventsWithAction("refresh_token.account_unavailable")
                .stream().map(event -> event.target()).toList(), "the revocation is audited with it");
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
    void aReuseCommitsTheFamilysRevocationBeforeItIsRefusedAndIsAuditedWithoutTheToken() {
        TokenResponse first = signIn(WEB, Set.of("openid", "offline_access"));
        Secret presented = first.refreshToken().orElseThrow();
        TokenResponse refreshed = refresh(presented, WEB);
        String family = world.storage.refreshFamilyOf(presented).orElseThrow().grant().familyId();
        int commits = world.storage.commits();
        assertError(ErrorCode.INVALID_GRANT, () -> refresh(presented, WEB));
        assertEquals(commits + 1, world.storage.commits(), "the reuse's unit of work was committed");
        assertTrue(world.storage.family(family).orElseThrow().revokedAt().isPresent(), "the family is revoked");
        assertTrue(world.storage.isRevoked(first.accessToken().jti()));
        assertTrue(world.storage.isRevoked(refreshed.accessToken().jti()));

        List<AuditEvent> events = world.storage.eventsWithAction("refresh_token.reuse_detected");
        assertEquals(1, events.size(), world.storage.events().toString());
        AuditEvent event = events.get(0);
        assertEquals(Actor.SYSTEM, event.actor());
        assertEquals("grant:" + family, event.target());
        assertEquals(AuditEvent.Outcome.FAILURE, event.outcome());
        assertTrue(event.detail().contains("client_id web"), event.detail());
        for (Secret token : List.of(presented, refreshed.refreshToken().orElseThrow())) {
            assertFalse(event.logLine().contains(token.reveal()) || event.logLine().contains(token.hashed()));
        }
    }

    @Test
    void aRefusalThatIsNoReuseCommitsNothingAndIsNotAudited() {
        TokenResponse first = signIn(WEB, Set.of("openid", "offline_access"));
        int commits = world.storage.commits();
        assertError(ErrorCode.INVALID_GRANT, () -> refresh(first.refreshToken().orElseThrow(), OTHER_WEB));
        assertError(ErrorCode.INVALID_GRANT, () -> refresh(Secret.of("made-up"), WEB));
        assertError(ErrorCode.INVALID_SCOPE, () -> refresh(first.refreshToken().orElseThrow(), WEB,
                "scope", "openid orders:read"));
        assertEquals(commits, world.storage.commits());
        assertEquals(List.of(), world.storage.events());
        refresh(first.refreshToken().orElseThrow(), WEB);
    }

    @Test
    void aTokenUnusedForTheIdleLifetimeIsExpiredAndItsFamilyStaysUsableNowhere() {
        TokenResponse first = signIn(WEB, Set.of("openid", "offline_access"));
        world.clock.advance(SignInWorld.REFRESH_IDLE.minusSeconds(1));
        TokenResponse refreshed = refresh(first.refreshToken().orElseThrow(), WEB);
        world.clock.advance(SignInWorld.REFRESH_IDLE);
        assertError(ErrorCode.INVALID_GRANT, () -> refresh(refreshed.refreshToken().orElseThrow(), WEB));
        assertEquals(List.of(), world.storage.events(), "an expiry is no reuse");
    }

    @Test
    void theFamilyEndsAtItsAbsoluteLifetimeHoweverOftenItIsUsed() {
        Secret token = signIn(WEB, Set.of("openid", "offline_access")).refreshToken().orElseThrow();
        java.time.Duration step = SignInWorld.REFRESH_IDLE.minusHours(1);
        java.time.Instant end = world.clock.instant().plus(SignInWorld.REFRESH_MAX);
        while (world.clock.instant().plus(step).isBefore(end)) {
            world.clock.advance(step);
            token = refresh(token, WEB).refreshToken().orElseThrow();
        }
        world.clock.advance(java.time.Duration.between(world.clock.instant(), end));
        Secret last = token;
        assertError(ErrorCode.INVALID_GRANT, () -> refresh(last, WEB));
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
