package io.latchkey.grant;

import io.latchkey.client.FormParameters;
import static io.latchkey.testing.TestRequests.CHALLENGE;
import static io.latchkey.testing.TestRequests.NONCE;
import static io.latchkey.testing.TestRequests.VERIFIER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import io.latchkey.testing.TestClients;
import io.latchkey.testing.TestKeys;
import io.latchkey.token.IdTokenIssuer;
import io.latchkey.token.TokenResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RFC 6749 §4.1.3 with RFC 7636 §4.6: the code, its client, its redirect_uri and its verifier; on the in-memory
 * grant storage (the database-backed paths: GrantStatementCountTest, ConcurrentWritesContract, CrashDurabilityTest).
 */
class AuthorizationCodeGrantTest {
    private static final Client WEB = TestClients.webApp("web").build();
    private static final Client OTHER_WEB = TestClients.webApp("other").build();
    private static final Client NATIVE = TestClients.nativeApp("native").build();
    private static final Client RELAXED = TestClients.webApp("relaxed").withPkceOptional().build();
    private static final Client NATIVE_OPTED_IN = TestClients.nativeApp("native-rt").withRefreshTokens().build();
    private GrantWorld world;
    private Account person;
    private Instant authTime;

    @BeforeEach
    void newWorld() {
        world = new GrantWorld(WEB, OTHER_WEB, RELAXED, NATIVE, NATIVE_OPTED_IN, TestClients.m2m("batch").build());
        person = world.person();
        authTime = world.clock.instant().minusSeconds(20);
    }

    private Secret code(Client client, String redirect, Set<String> scopes) {
        return world.codes.issue(client.clientId(), person.id(), redirect, true, CHALLENGE, Optional.of(NONCE), scopes,
                authTime, "sid-1");
    }

    private Secret code(Set<String> scopes) {
        return code(WEB, TestClients.WEB_REDIRECT, scopes);
    }

    private static TokenRequest request(String... namesAndValues) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("grant_type", "authorization_code");
        for (int i = 0; i < namesAndValues.length; i += 2) {
            values.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return new TokenRequest("authorization_code", FormParameters.of(values),
                new ClientCredentials(ClientAuthMethod.NONE, "ignored", Optional.empty()));
    }

    private static TokenRequest redeem(Secret code, String redirect, String verifier) {
        return request("code", code.reveal(), "redirect_uri", redirect, "code_verifier", verifier);
    }

    private TokenResponse handle(TokenRequest request, Client client) {
        return world.codeGrant.handle(request, new AuthenticatedClient(client,
                client.type().confidential() ? ClientAuthMethod.CLIENT_SECRET_BASIC : ClientAuthMethod.NONE));
    }

    private Claims idToken(TokenResponse response) {
        return Jwts.parser().verifyWith(TestKeys.KEY.publicKey()).clock(() -> java.util.Date.from(world.clock.instant()))
                .build().parseSignedClaims(response.idToken().orElseThrow().reveal()).getPayload();
    }

    private static void assertError(ErrorCode code, Runnable call) {
        OAuthException e = assertThrows(OAuthException.class, call::run);
        assertEquals(code, e.error().code(), e.detail());
    }

    @Test
    void aValidCodeGivesAnAccessTokenAndAnIdTokenWithTheNonce() {
        TokenResponse response = handle(redeem(code(Set.of("openid", "profile")), TestClients.WEB_REDIRECT, VERIFIER),
                WEB);
        Claims access = Jwts.parser().verifyWith(TestKeys.KEY.publicKey())
                .clock(() -> java.util.Date.from(world.clock.instant())).build()
                .parseSignedClaims(response.accessToken().value().reveal()).getPayload();
        assertEquals(person.subject(), access.getSubject());
        assertEquals("web", access.get("client_id", String.class));
        assertEquals(Set.of("openid", "profile"), response.accessToken().scopes());
        assertFalse(world.storage.isRevoked(response.accessToken().jti()));
        Claims id = idToken(response);
        assertEquals("web", id.getAudience().iterator().next());
        assertEquals(person.subject(), id.getSubject());
        assertEquals(NONCE, id.get("nonce", String.class));
        assertEquals("sid-1", id.get("sid", String.class));
        assertEquals(authTime.getEpochSecond(), id.get("auth_time", Long.class));
        assertEquals(IdTokenIssuer.leftHalfHash(response.accessToken().value().reveal()), id.get("at_hash", String.class));
        assertFalse(response.refreshToken().isPresent(), "no offline_access, no refresh token");
    }

    @Test
    void withoutOpenidThereIsNoIdToken() {
        TokenResponse response = handle(redeem(code(Set.of("orders:read")), TestClients.WEB_REDIRECT, VERIFIER), WEB);
        assertFalse(response.idToken().isPresent());
    }

    static Stream<Arguments> whoGetsARefreshToken() {
        return Stream.of(
                Arguments.of("web", Set.of("openid"), false),
                Arguments.of("web", Set.of("openid", "offline_access"), true),
                Arguments.of("native", Set.of("openid", "offline_access"), false),
                Arguments.of("native-rt", Set.of("openid"), false),
                Arguments.of("native-rt", Set.of("openid", "offline_access"), true));
    }

    @ParameterizedTest(name = "{0} with {1}: refresh token {2}")
    @MethodSource("whoGetsARefreshToken")
    void aRefreshTokenNeedsOfflineAccessAndAnApplicationThatMayHoldOne(String clientId, Set<String> scopes,
                                                                       boolean expected) {
        Client client = world.clients.find(clientId).orElseThrow();
        String redirect = client.redirectUris().get(0);
        TokenResponse response = handle(redeem(code(client, redirect, scopes), redirect, VERIFIER), client);
        assertEquals(expected, response.refreshToken().isPresent());
    }

    @Test
    void theRefreshTokenBelongsToTheCodesFamilySoAReplayRevokesIt() {
        Secret code = code(Set.of("openid", "offline_access"));
        TokenResponse response = handle(redeem(code, TestClients.WEB_REDIRECT, VERIFIER), WEB);
        assertError(ErrorCode.INVALID_GRANT, () -> handle(redeem(code, TestClients.WEB_REDIRECT, VERIFIER), WEB));
        assertError(ErrorCode.INVALID_GRANT,
                () -> world.refreshTokens.rotate(response.refreshToken().orElseThrow(), "web", Set.of()));
        assertTrue(world.storage.isRevoked(response.accessToken().jti()), "the first access token is on the deny list");
    }

    @Test
    void theAccessTokenOfTheCodeIsRecordedForItsFamilyAndGoesWhenARotatedRefreshTokenComesBack() {
        TokenResponse response = handle(redeem(code(Set.of("openid", "offline_access")), TestClients.WEB_REDIRECT,
                VERIFIER), WEB);
        Secret first = response.refreshToken().orElseThrow();
        world.refreshTokens.rotate(first, "web", Set.of());
        assertFalse(world.storage.isRevoked(response.accessToken().jti()), "a rotation leaves it valid");
        assertError(ErrorCode.INVALID_GRANT, () -> world.refreshTokens.rotate(first, "web", Set.of()));
        assertTrue(world.storage.isRevoked(response.accessToken().jti()),
                "the reuse revoked the family and the access token the code gave");
    }

    @Test
    void aRedirectUriThatDiffersFromTheAuthorizationRequestIsAnInvalidGrant() {
        Client two = TestClients.webApp("two").withRedirectUris(TestClients.WEB_REDIRECT,
                "https://app.example.com/other").build();
        world.clients.add(two);
        Secret code = code(two, TestClients.WEB_REDIRECT, Set.of("openid"));
        assertError(ErrorCode.INVALID_GRANT,
                () -> handle(redeem(code, "https://app.example.com/other", VERIFIER), two));
    }

    @Test
    void aRedirectUriWithATrailingSlashIsAnInvalidGrant() {
        assertError(ErrorCode.INVALID_GRANT,
                () -> handle(redeem(code(Set.of("openid")), TestClients.WEB_REDIRECT + "/", VERIFIER), WEB));
    }

    @Test
    void anOmittedRedirectUriIsRefusedWhenSeveralAreRegistered() {
        Client two = TestClients.webApp("two").withRedirectUris(TestClients.WEB_REDIRECT,
                "https://app.example.com/other").build();
        world.clients.add(two);
        Secret code = code(two, TestClients.WEB_REDIRECT, Set.of("openid"));
        assertError(ErrorCode.INVALID_GRANT,
                () -> handle(request("code", code.reveal(), "code_verifier", VERIFIER), two));
    }

    @Test
    void anOmittedRedirectUriIsRefusedWhenTheAuthorizationRequestNamedIt() {
        Secret code = code(Set.of("openid"));
        OAuthException e = assertThrows(OAuthException.class,
                () -> handle(request("code", code.reveal(), "code_verifier", VERIFIER), WEB));
        assertTrue(List.of(ErrorCode.INVALID_GRANT, ErrorCode.INVALID_REQUEST).contains(e.error().code()));
    }

    @Test
    void aWrongVerifierIsAnInvalidGrantAndBurnsTheCode() {
        Secret code = code(Set.of("openid"));
        String wrong = VERIFIER.substring(0, 42) + "A";
        assertError(ErrorCode.INVALID_GRANT, () -> handle(redeem(code, TestClients.WEB_REDIRECT, wrong), WEB));
        assertError(ErrorCode.INVALID_GRANT, () -> handle(redeem(code, TestClients.WEB_REDIRECT, VERIFIER), WEB));
    }

    @Test
    void aMalformedVerifierIsAnInvalidRequestAndLeavesTheCodeUsable() {
        Secret code = code(Set.of("openid"));
        assertError(ErrorCode.INVALID_REQUEST, () -> handle(redeem(code, TestClients.WEB_REDIRECT, "short"), WEB));
        handle(redeem(code, TestClients.WEB_REDIRECT, VERIFIER), WEB);
    }

    @Test
    void theCodeOfAnotherClientIsAnInvalidGrant() {
        Secret code = code(Set.of("openid"));
        assertError(ErrorCode.INVALID_GRANT, () -> handle(redeem(code, TestClients.WEB_REDIRECT, VERIFIER), OTHER_WEB));
    }

    @Test
    void anExpiredCodeIsAnInvalidGrant() {
        Secret code = code(Set.of("openid"));
        world.clock.advanceSeconds(61);
        assertError(ErrorCode.INVALID_GRANT, () -> handle(redeem(code, TestClients.WEB_REDIRECT, VERIFIER), WEB));
    }

    @Test
    void theCodeOfADisabledPersonIsAnInvalidGrant() {
        Secret code = code(Set.of("openid"));
        world.setEnabled(person, false);
        assertError(ErrorCode.INVALID_GRANT, () -> handle(redeem(code, TestClients.WEB_REDIRECT, VERIFIER), WEB));
    }

    @Test
    void aMissingCodeIsAnInvalidRequest() {
        assertError(ErrorCode.INVALID_REQUEST, () -> handle(request("code_verifier", VERIFIER), WEB));
    }

    /** RFC 7636 §4.6: no verifier for a code issued with a challenge is an invalid_grant, and burns the code. */
    @Test
    void aMissingVerifierIsAnInvalidGrantAndBurnsTheCode() {
        Secret code = code(Set.of("openid"));
        assertError(ErrorCode.INVALID_GRANT,
                () -> handle(request("code", code.reveal(), "redirect_uri", TestClients.WEB_REDIRECT), WEB));
        assertError(ErrorCode.INVALID_GRANT, () -> handle(redeem(code, TestClients.WEB_REDIRECT, VERIFIER), WEB));
    }

    private Secret codeWithoutChallenge(Client client) {
        return world.codes.issue(client.clientId(), person.id(), TestClients.WEB_REDIRECT, true, null,
                Optional.of(NONCE), Set.of("openid"), authTime, "sid-1");
    }

    /** An application that may omit PKCE redeems a code issued without a challenge without a verifier. */
    @Test
    void aCodeIssuedWithoutAChallengeIsRedeemedWithoutAVerifier() {
        Secret code = codeWithoutChallenge(RELAXED);
        TokenResponse response = handle(request("code", code.reveal(), "redirect_uri", TestClients.WEB_REDIRECT),
                RELAXED);
        assertEquals(NONCE, idToken(response).get("nonce", String.class));
    }

    /** RFC 9700 §4.8.2: a verifier for a code issued without a challenge is refused (PKCE downgrade). */
    @Test
    void aVerifierForACodeIssuedWithoutAChallengeIsAnInvalidGrantAndBurnsTheCode() {
        Secret code = codeWithoutChallenge(RELAXED);
        assertError(ErrorCode.INVALID_GRANT, () -> handle(redeem(code, TestClients.WEB_REDIRECT, VERIFIER), RELAXED));
        assertError(ErrorCode.INVALID_GRANT,
                () -> handle(request("code", code.reveal(), "redirect_uri", TestClients.WEB_REDIRECT), RELAXED));
    }

    /** Where PKCE may be omitted, a code issued with a challenge still needs its verifier. */
    @Test
    void aCodeIssuedWithAChallengeNeedsItsVerifierEvenWherePkceIsOptional() {
        Secret code = code(RELAXED, TestClients.WEB_REDIRECT, Set.of("openid"));
        assertError(ErrorCode.INVALID_GRANT,
                () -> handle(request("code", code.reveal(), "redirect_uri", TestClients.WEB_REDIRECT), RELAXED));
    }

    /** The operator required PKCE again after the code was issued: the code without a challenge is refused. */
    @Test
    void aCodeWithoutAChallengeIsRefusedOnceTheApplicationRequiresPkce() {
        Secret code = codeWithoutChallenge(WEB);
        assertError(ErrorCode.INVALID_GRANT,
                () -> handle(request("code", code.reveal(), "redirect_uri", TestClients.WEB_REDIRECT), WEB));
    }

    @Test
    void anEmptyVerifierCountsAsMissing() {
        Secret code = code(Set.of("openid"));
        assertError(ErrorCode.INVALID_GRANT, () -> handle(redeem(code, TestClients.WEB_REDIRECT, ""), WEB));
    }

    @Test
    void aReplayedCodeIsAuditedAsTheSystemNamingTheGrantAndTheClientButNotTheCode() {
        Secret code = code(Set.of("openid", "offline_access"));
        handle(redeem(code, TestClients.WEB_REDIRECT, VERIFIER), WEB);
        assertEquals(List.of(), world.storage.events(), "a first redemption is not audited here");
        assertError(ErrorCode.INVALID_GRANT, () -> handle(redeem(code, TestClients.WEB_REDIRECT, VERIFIER), OTHER_WEB));
        List<AuditEvent> events = world.storage.eventsWithAction("authorization_code.replayed");
        assertEquals(1, events.size(), world.storage.events().toString());
        AuditEvent event = events.get(0);
        assertEquals(Actor.SYSTEM, event.actor());
        assertEquals("grant:" + world.storage.grantOfCode(code.hashed()).orElseThrow(), event.target());
        assertEquals(AuditEvent.Outcome.FAILURE, event.outcome());
        assertTrue(event.detail().contains("client_id web") && event.detail().contains("client_id other"),
                event.detail());
        assertFalse(event.logLine().contains(code.reveal()) || event.logLine().contains(code.hashed()));
    }

    @Test
    void aReplayCommitsTheRevocationsBeforeItIsRefused() {
        Secret code = code(Set.of("openid", "offline_access"));
        TokenResponse response = handle(redeem(code, TestClients.WEB_REDIRECT, VERIFIER), WEB);
        int commits = world.storage.commits();
        assertError(ErrorCode.INVALID_GRANT, () -> handle(redeem(code, TestClients.WEB_REDIRECT, VERIFIER), WEB));
        assertEquals(commits + 1, world.storage.commits(), "the replay's unit of work was committed");
        assertTrue(world.storage.refreshFamilyOf(response.refreshToken().orElseThrow()).orElseThrow()
                .revokedAt().isPresent(), "the family of the first redemption is revoked");
    }

    @Test
    void aFailedCheckCommitsTheBurntCodeAndAnUnknownCodeCommitsNothing() {
        Secret code = code(Set.of("openid"));
        int commits = world.storage.commits();
        assertError(ErrorCode.INVALID_GRANT, () -> handle(redeem(Secret.of("made-up"), TestClients.WEB_REDIRECT,
                VERIFIER), WEB));
        assertEquals(commits, world.storage.commits(), "nothing to keep from an unknown code");
        assertError(ErrorCode.INVALID_GRANT, () -> handle(redeem(code, TestClients.WEB_REDIRECT, VERIFIER), OTHER_WEB));
        assertTrue(world.storage.isConsumed(code.hashed()), "the refused redemption burnt the code");
        assertEquals(List.of(), world.storage.events(), "a refusal that is no replay is not audited here");
    }

    @Test
    void theCodeOfAGonePersonIsAnInvalidGrantAndBurnt() {
        Secret code = world.codes.issue("web", 999_999, TestClients.WEB_REDIRECT, true, CHALLENGE, Optional.of(NONCE),
                Set.of("openid"), authTime, "sid-1");
        assertError(ErrorCode.INVALID_GRANT, () -> handle(redeem(code, TestClients.WEB_REDIRECT, VERIFIER), WEB));
        assertTrue(world.storage.isConsumed(code.hashed()));
    }

    @Test
    void throughTheTokenEndpointTheWebAppAuthenticatesWithItsSecret() {
        TokenEndpoint endpoint = new TokenEndpoint(List.of(world.codeGrant, world.refreshGrant),
                new ClientAuthenticator(world.clients, world.clock));
        Secret code = code(Set.of("openid", "offline_access"));
        Map<String, String> form = Map.of("grant_type", "authorization_code", "code", code.reveal(),
                "redirect_uri", TestClients.WEB_REDIRECT, "code_verifier", VERIFIER);
        TokenResponse response = endpoint.handle(new TokenRequest("authorization_code", FormParameters.of(form),
                new ClientCredentials(ClientAuthMethod.CLIENT_SECRET_BASIC, "web",
                        Optional.of(Secret.of(TestClients.SECRET)))));
        assertTrue(response.refreshToken().isPresent());
        assertTrue(response.idToken().isPresent());
    }

    @Test
    void throughTheTokenEndpointAServiceMayNotUseTheCodeGrant() {
        TokenEndpoint endpoint = new TokenEndpoint(List.of(world.codeGrant),
                new ClientAuthenticator(world.clients, world.clock));
        Map<String, String> form = Map.of("grant_type", "authorization_code", "code", "x",
                "code_verifier", VERIFIER);
        assertError(ErrorCode.UNAUTHORIZED_CLIENT, () -> endpoint.handle(new TokenRequest("authorization_code",
                FormParameters.of(form), new ClientCredentials(ClientAuthMethod.CLIENT_SECRET_BASIC, "batch",
                        Optional.of(Secret.of(TestClients.SECRET))))));
    }
}
