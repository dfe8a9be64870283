package io.latchkey.session;

import static io.latchkey.testing.TestRequests.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.authorize.RequestParameters;
import io.latchkey.error.ErrorCode;
import io.latchkey.error.OAuthException;
import io.latchkey.key.KeyRing;
import io.latchkey.security.Secret;
import io.latchkey.store.Database;
import io.latchkey.testing.SignInWorld;
import io.latchkey.testing.TestClients;
import io.latchkey.testing.TestDatabase;
import io.latchkey.testing.TestKeys;
import io.latchkey.token.IdTokenHints;
import io.latchkey.token.IdTokenIssuer;
import io.latchkey.token.PersonClaims;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** OpenID Connect RP-Initiated Logout 1.0: exact post_logout_redirect_uri, consistent client, state echoed. */
class LogoutServiceTest {
    private static final String SIGNED_OUT = "https://app.example.com/signed-out";
    private static final String WITH_QUERY = "https://app.example.com/bye?lang=en";
    private static Database database;
    private SignInWorld world;
    private LogoutService logout;
    private final BrowserSession session = new BrowserSession("sid-current", 1L, Instant.now(), "pwd",
            Instant.now().plusSeconds(3600));

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
        world = new SignInWorld(database,
                TestClients.webApp("web").withPostLogoutRedirectUris(SIGNED_OUT, WITH_QUERY).build(),
                TestClients.webApp("other").withPostLogoutRedirectUris("https://other.example.com/out").build(),
                TestClients.webApp("off").withPostLogoutRedirectUris(SIGNED_OUT).disabled().build());
        logout = new LogoutService(new IdTokenHints(TestKeys.ISSUER, world.keys), world.clients, world.sessions);
    }

    private static String idToken(String clientId, String sid) {
        return idToken(TestKeys.ISSUER, TestKeys.ring(), clientId, sid);
    }

    private static String idToken(String issuer, KeyRing keys, String clientId, String sid) {
        return new IdTokenIssuer(issuer, Duration.ofMinutes(5), keys, Clock.systemUTC()).issue(
                new IdTokenIssuer.IdTokenRequest(new PersonClaims("sub-alice", "alice", Optional.empty(),
                        Optional.empty(), false), clientId, Set.of("openid"), Instant.now(), sid, "pwd",
                        Optional.empty(), Optional.empty())).reveal();
    }

    private void assertRefused(RequestParameters parameters, String description) {
        OAuthException e = assertThrows(OAuthException.class, () -> logout.check(parameters, Optional.of(session)));
        assertEquals(ErrorCode.INVALID_REQUEST, e.error().code());
        assertEquals(description, e.error().description());
    }

    @Test
    void aRegisteredUriWithClientIdIsFollowedWithTheState() {
        LogoutService.LogoutRequest request = logout.check(
                params("client_id", "web", "post_logout_redirect_uri", SIGNED_OUT, "state", "xyz"), Optional.empty());
        assertEquals(Optional.of("web"), request.clientId());
        assertEquals(Optional.of(SIGNED_OUT + "?state=xyz"), request.location());
    }

    @Test
    void aRegisteredUriWithAQueryGetsTheStateAfterAnAmpersand() {
        LogoutService.LogoutRequest request = logout.check(
                params("client_id", "web", "post_logout_redirect_uri", WITH_QUERY, "state", "xyz"), Optional.empty());
        assertEquals(Optional.of(WITH_QUERY + "&state=xyz"), request.location());
    }

    @Test
    void theStateIsUrlEncoded() {
        LogoutService.LogoutRequest request = logout.check(
                params("client_id", "web", "post_logout_redirect_uri", SIGNED_OUT, "state", "a b&c=d"),
                Optional.empty());
        assertEquals(Optional.of(SIGNED_OUT + "?state=a+b%26c%3Dd"), request.location());
    }

    @Test
    void withoutStateTheUriIsFollowedAsRegistered() {
        assertEquals(Optional.of(SIGNED_OUT), logout.check(
                params("client_id", "web", "post_logout_redirect_uri", SIGNED_OUT), Optional.empty()).location());
    }

    @Test
    void theHintNamesTheClient() {
        LogoutService.LogoutRequest request = logout.check(params("id_token_hint", idToken("web", "sid-x"),
                "post_logout_redirect_uri", SIGNED_OUT, "state", "s"), Optional.empty());
        assertEquals(Optional.of("web"), request.clientId());
        assertEquals(Optional.of(SIGNED_OUT + "?state=s"), request.location());
    }

    static Stream<String> nearMissesOfTheRegisteredUri() {
        return Stream.of(SIGNED_OUT + "/", SIGNED_OUT + "?x=1", SIGNED_OUT + "#f", "https://APP.example.com/signed-out",
                "http://app.example.com/signed-out", "https://app.example.com:443/signed-out",
                "https://app.example.com/Signed-out", "https://app.example.com/bye", "https://app.example.com/bye?lang=de",
                "https://other.example.com/out", "https://evil.example/");
    }

    @ParameterizedTest
    @MethodSource("nearMissesOfTheRegisteredUri")
    void anyOtherUriIsRefused(String uri) {
        assertRefused(params("client_id", "web", "post_logout_redirect_uri", uri),
                "post_logout_redirect_uri is not registered for this application");
    }

    @Test
    void aUriWithoutHintOrClientIdIsRefused() {
        assertRefused(params("post_logout_redirect_uri", SIGNED_OUT),
                "post_logout_redirect_uri needs id_token_hint or client_id");
    }

    @Test
    void anUnknownOrDisabledClientCannotRedirect() {
        assertRefused(params("client_id", "nobody", "post_logout_redirect_uri", SIGNED_OUT),
                "post_logout_redirect_uri needs id_token_hint or client_id");
        assertRefused(params("client_id", "off", "post_logout_redirect_uri", SIGNED_OUT),
                "post_logout_redirect_uri needs id_token_hint or client_id");
    }

    @Test
    void aClientIdThatDiffersFromTheHintIsRefused() {
        assertRefused(params("id_token_hint", idToken("web", "sid-x"), "client_id", "other"),
                "client_id does not match id_token_hint");
    }

    @Test
    void anotherClientsHintCannotUseThisClientsUri() {
        assertRefused(params("id_token_hint", idToken("other", "sid-x"), "post_logout_redirect_uri", SIGNED_OUT),
                "post_logout_redirect_uri is not registered for this application");
    }

    @Test
    void aHintThisServerDidNotSignIsRefused() {
        assertRefused(params("id_token_hint", idToken(TestKeys.ISSUER, KeyRing.of(TestKeys.OTHER), "web", "sid-x")),
                "id_token_hint is not an ID token of this server");
        assertRefused(params("id_token_hint", idToken("https://evil.example", TestKeys.ring(), "web", "sid-x")),
                "id_token_hint is not an ID token of this server");
    }

    @Test
    void aHintNamesTheSessionOnlyWhenItsSidIsTheCurrentOne() {
        assertTrue(logout.check(params("id_token_hint", idToken("web", "sid-current")), Optional.of(session))
                .hintNamesSession());
        assertFalse(logout.check(params("id_token_hint", idToken("web", "sid-old")), Optional.of(session))
                .hintNamesSession());
        assertFalse(logout.check(params("id_token_hint", idToken("web", "sid-current")), Optional.empty())
                .hintNamesSession());
        assertFalse(logout.check(params("client_id", "web"), Optional.of(session)).hintNamesSession());
    }

    @Test
    void aBareLogoutHasNowhereToGoAndMustBeConfirmed() {
        LogoutService.LogoutRequest request = logout.check(params(), Optional.of(session));
        assertEquals(Optional.empty(), request.location());
        assertEquals(Optional.empty(), request.clientId());
        assertFalse(request.hintNamesSession());
    }

    @Test
    void endingSignsTheBrowserOut() {
        Secret cookie = world.sessions.start(world.person().id(), BrowserSession.PASSWORD).cookieValue();
        logout.end(cookie);
        assertEquals(Optional.empty(), world.sessions.find(cookie));
    }
}
