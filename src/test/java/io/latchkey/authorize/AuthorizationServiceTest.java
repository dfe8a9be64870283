package io.latchkey.authorize;

import static io.latchkey.testing.TestClients.WEB_REDIRECT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.account.Account;
import io.latchkey.authorize.AuthorizationService.Consent;
import io.latchkey.authorize.AuthorizationService.Outcome;
import io.latchkey.authorize.AuthorizationService.Reply;
import io.latchkey.authorize.AuthorizationService.SignIn;
import io.latchkey.error.ErrorCode;
import io.latchkey.error.OAuthException;
import io.latchkey.security.Secret;
import io.latchkey.session.BrowserSession;
import io.latchkey.store.Database;
import io.latchkey.testing.SignInWorld;
import io.latchkey.testing.TestClients;
import io.latchkey.testing.TestDatabase;
import io.latchkey.testing.TestKeys;
import io.latchkey.testing.TestRequests;
import io.latchkey.token.AuthorizationCodes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** OIDC Core §3.1.2.3: authenticate when needed, then consent when needed, then a code (with real H2 storage). */
class AuthorizationServiceTest {
    private static final RequestObjectSigner SIGNER = new RequestObjectSigner("svc-rsa", "svc-ec");
    private static Database database;
    private static final Secret BROWSER = Secret.of("browser-cookie-one-0123456789abcdefghijkl");
    private static final Secret OTHER_BROWSER = Secret.of("browser-cookie-two-0123456789abcdefghijkl");
    private SignInWorld world;
    private AuthorizationService service;
    private Account person;
    private Secret lastSession;
    private BrowserSession lastStarted;

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
                TestClients.webApp("web").named("Third Party Shop").build(),
                TestClients.webApp("first").firstParty().build(),
                TestClients.webApp("signed").firstParty().withSigning(new io.latchkey.client.ClientSigning(
                        Optional.of(SIGNER.publicJwks()), Optional.empty(), Optional.empty(), Optional.empty())).build());
        service = world.authorization;
        person = world.person();
    }

    private static RequestParameters request(String clientId) {
        return TestRequests.authorization(clientId, WEB_REDIRECT);
    }

    private BrowserSession signIn() {
        return world.sessions.start(person.id(), BrowserSession.PASSWORD).session();
    }

    private static AuthorizationReply reply(Outcome outcome) {
        return assertInstanceOf(Reply.class, outcome).reply();
    }

    private static void assertError(Outcome outcome, ErrorCode code) {
        AuthorizationReply reply = reply(outcome);
        assertEquals(code.wireName(), reply.parameters().get("error"));
        assertEquals(TestRequests.STATE, reply.parameters().get("state"));
        assertEquals(TestKeys.ISSUER, reply.parameters().get("iss"));
        assertTrue(reply.location().startsWith(WEB_REDIRECT + "?error=" + code.wireName() + "&"), reply.location());
    }

    private AuthorizationCodes.CodeGrant redeem(Outcome outcome) {
        AuthorizationReply reply = reply(outcome);
        assertEquals(TestRequests.STATE, reply.parameters().get("state"));
        assertEquals(TestKeys.ISSUER, reply.parameters().get("iss"));
        return world.codes.redeem(Secret.of(reply.parameters().get("code"))).orElseThrow();
    }

    @Test
    void withoutASessionThePersonIsAskedToSignIn() {
        assertInstanceOf(SignIn.class, service.start(request("web"), BROWSER, Optional.empty()));
    }

    @Test
    void promptNoneWithoutASessionAnswersLoginRequiredWithStateAndIss() {
        assertError(service.start(request("web").with("prompt", "none"), BROWSER, Optional.empty()),
                ErrorCode.LOGIN_REQUIRED);
    }

    @Test
    void aSessionWithoutConsentLeadsToTheConsentPage() {
        assertInstanceOf(Consent.class, service.start(request("web"), BROWSER, Optional.of(signIn())));
    }

    @Test
    void promptNoneWithoutConsentAnswersConsentRequired() {
        assertError(service.start(request("web").with("prompt", "none"), BROWSER, Optional.of(signIn())),
                ErrorCode.CONSENT_REQUIRED);
    }

    @Test
    void aRememberedConsentGoesStraightBackWithACode() {
        BrowserSession session = signIn();
        world.consents.remember(person.id(), "web", Set.of("openid", "profile"));
        AuthorizationCodes.CodeGrant grant = redeem(service.start(request("web"), BROWSER, Optional.of(session)));
        assertEquals("web", grant.clientId());
        assertEquals(person.id(), grant.accountId());
        assertEquals(WEB_REDIRECT, grant.redirectUri());
        assertEquals(TestRequests.CHALLENGE, grant.codeChallenge());
        assertEquals(Optional.of(TestRequests.NONCE), grant.nonce());
        assertEquals(Set.of("openid", "profile"), grant.scopes());
        assertEquals(session.sid(), grant.sid());
        assertEquals(session.authTime(), grant.authTime());
    }

    @Test
    void promptNoneWithSessionAndConsentAnswersWithACode() {
        BrowserSession session = signIn();
        world.consents.remember(person.id(), "web", Set.of("openid", "profile"));
        redeem(service.start(request("web").with("prompt", "none"), BROWSER, Optional.of(session)));
    }

    @Test
    void aConsentForFewerScopesIsNotEnough() {
        world.consents.remember(person.id(), "web", Set.of("openid"));
        assertInstanceOf(Consent.class, service.start(request("web"), BROWSER, Optional.of(signIn())));
    }

    @Test
    void aFirstPartyApplicationSkipsConsent() {
        redeem(service.start(request("first"), BROWSER, Optional.of(signIn())));
    }

    @Test
    void promptConsentAsksEvenAFirstPartyApplication() {
        assertInstanceOf(Consent.class,
                service.start(request("first").with("prompt", "consent"), BROWSER, Optional.of(signIn())));
    }

    @Test
    void promptLoginForcesSignInEvenWithASessionAndTheSignInDoesNotLoop() {
        SignIn signIn = assertInstanceOf(SignIn.class,
                service.start(request("first").with("prompt", "login"), BROWSER, Optional.of(signIn())));
        world.clock.advanceSeconds(5);
        AuthorizationCodes.CodeGrant grant = redeem(continueSignIn(signIn.interaction(), person));
        assertEquals(world.clock.instant(), grant.authTime());
        assertEquals(lastStarted.sid(), grant.sid());
    }

    @Test
    void selectAccountForcesSignInToo() {
        SignIn signIn = assertInstanceOf(SignIn.class,
                service.start(request("first").with("prompt", "select_account"), BROWSER, Optional.of(signIn())));
        redeem(continueSignIn(signIn.interaction(), person));
    }

    @Test
    void maxAgeExceededForcesSignInAndTheFreshSignInSatisfiesIt() {
        BrowserSession old = signIn();
        world.clock.advanceSeconds(61);
        RequestParameters parameters = request("first").with("max_age", "60");
        SignIn signIn = assertInstanceOf(SignIn.class, service.start(parameters, BROWSER, Optional.of(old)));
        redeem(continueSignIn(signIn.interaction(), person));
    }

    @Test
    void maxAgeNotYetExceededNeedsNoSignIn() {
        BrowserSession session = signIn();
        world.clock.advanceSeconds(60);
        redeem(service.start(request("first").with("max_age", "60"), BROWSER, Optional.of(session)));
    }

    @Test
    void maxAgeExceededWithPromptNoneIsLoginRequired() {
        BrowserSession old = signIn();
        world.clock.advanceSeconds(61);
        assertError(service.start(request("first").with("max_age", "60").with("prompt", "none"), BROWSER,
                Optional.of(old)), ErrorCode.LOGIN_REQUIRED);
    }

    @Test
    void aSessionOfADisabledPersonCountsAsNoSession() {
        BrowserSession session = signIn();
        world.setEnabled(person, false);
        assertInstanceOf(SignIn.class, service.start(request("first"), BROWSER, Optional.of(session)));
    }

    @Test
    void signInThenConsentThenCodeAndTheConsentIsRemembered() {
        SignIn signIn = assertInstanceOf(SignIn.class, service.start(request("web"), BROWSER, Optional.empty()));
        AuthorizationService.SignInPrompt signInPrompt = service.signInPrompt(signIn.interaction(), BROWSER);
        assertEquals("Third Party Shop", signInPrompt.clientName());
        assertEquals(Optional.empty(), signInPrompt.loginHint());
        assertEquals(TestClients.WEB_REDIRECT, signInPrompt.redirectUri());
        Consent consent = assertInstanceOf(Consent.class, continueSignIn(signInPrompt, person));
        BrowserSession session = world.sessions.find(lastSession).orElseThrow();
        AuthorizationService.ConsentPrompt prompt = service.consentPrompt(consent.interaction(), BROWSER);
        assertEquals("web", prompt.clientId());
        assertEquals("Third Party Shop", prompt.clientName());
        assertEquals(Set.of("openid", "profile"),
                Set.copyOf(prompt.scopes().stream().map(s -> s.name()).toList()));
        redeem(service.decide(consent.interaction(), BROWSER, session, true));
        assertTrue(world.consents.covers(person.id(), "web", Set.of("openid", "profile")));
        redeem(service.start(request("web"), BROWSER, Optional.of(session)));
    }

    @Test
    void aSignInPromptIsContinuedOnceOnlyAndALateClaimStartsNoSession() {
        SignIn signIn = assertInstanceOf(SignIn.class, service.start(request("first"), BROWSER, Optional.empty()));
        AuthorizationService.SignInPrompt prompt = service.signInPrompt(signIn.interaction(), BROWSER);
        redeem(continueSignIn(prompt, person));
        long sessions = TestDatabase.count(database, "SELECT COUNT(*) FROM browser_session WHERE account_id = ?",
                person.id());
        assertThrows(OAuthException.class, () -> continueSignIn(prompt, person));
        assertEquals(sessions, TestDatabase.count(database,
                "SELECT COUNT(*) FROM browser_session WHERE account_id = ?", person.id()));
    }

    @Test
    void aSignInIsClaimedOnlyForThePersonWhoseSessionItStartsAndARefusedClaimWritesNothing() {
        SignIn signIn = assertInstanceOf(SignIn.class, service.start(request("first"), BROWSER, Optional.empty()));
        AuthorizationService.SignInPrompt prompt = service.signInPrompt(signIn.interaction(), BROWSER);
        Account other = world.person();
        long sessions = TestDatabase.count(database, "SELECT COUNT(*) FROM browser_session WHERE account_id = ?",
                person.id());
        assertThrows(IllegalArgumentException.class, () -> world.sessions.start(person.id(), BrowserSession.PASSWORD,
                (em, started) -> service.claim(prompt, em, started, BROWSER, other)));
        assertEquals(sessions, TestDatabase.count(database,
                "SELECT COUNT(*) FROM browser_session WHERE account_id = ?", person.id()));
        // The request is still pending: its own person continues it.
        redeem(continueSignIn(prompt, person));
    }

    /**
     * The code of a sign-in is written in the transaction of its session and its request's end: a sign-in whose
     * transaction rolls back (a failure after the claim) leaves no code behind, and a code exists once it commits.
     */
    @Test
    void theCodeOfASignInIsWrittenWithItsSession() {
        SignIn signIn = assertInstanceOf(SignIn.class, service.start(request("first"), BROWSER, Optional.empty()));
        AuthorizationService.SignInPrompt prompt = service.signInPrompt(signIn.interaction(), BROWSER);
        long codes = TestDatabase.count(database, "SELECT COUNT(*) FROM authorization_code WHERE account_id = ?",
                person.id());
        assertThrows(IllegalStateException.class, () -> world.sessions.start(person.id(), BrowserSession.PASSWORD,
                (em, started) -> {
                    assertInstanceOf(Reply.class, service.afterSignIn(service.claim(prompt, em, started, BROWSER,
                            person), BROWSER));
                    throw new IllegalStateException("a failure after the claim");
                }));
        assertEquals(codes, TestDatabase.count(database,
                "SELECT COUNT(*) FROM authorization_code WHERE account_id = ?", person.id()));
        redeem(continueSignIn(prompt, person));
        assertEquals(codes + 1, TestDatabase.count(database,
                "SELECT COUNT(*) FROM authorization_code WHERE account_id = ?", person.id()));
    }

    /**
     * What POST /login does once the password matched: the session, the request's end and its continuation's writes
     * in one transaction.
     */
    private Outcome continueSignIn(AuthorizationService.SignInPrompt prompt, Account who) {
        AuthorizationService.ClaimedSignIn claimed = world.sessions.start(who.id(), BrowserSession.PASSWORD,
                (em, started) -> service.claim(prompt, em, started, BROWSER, who));
        lastSession = claimed.started().cookieValue();
        lastStarted = claimed.started().session();
        return service.afterSignIn(claimed, BROWSER);
    }

    /** POST /login for the pending request {@code interaction}: its prompt read, then the sign-in continued. */
    private Outcome continueSignIn(String interaction, Account who) {
        return continueSignIn(service.signInPrompt(interaction, BROWSER), who);
    }

    @Test
    void theSignInPromptShowsTheLoginHint() {
        SignIn signIn = assertInstanceOf(SignIn.class,
                service.start(request("web").with("login_hint", "alice"), BROWSER, Optional.empty()));
        assertEquals(Optional.of("alice"), service.signInPrompt(signIn.interaction(), BROWSER).loginHint());
    }

    @Test
    void theConsentPageDescribesKnownScopes() {
        RequestParameters parameters = request("web").with("scope", "openid orders:read");
        Consent consent = assertInstanceOf(Consent.class, service.start(parameters, BROWSER, Optional.of(signIn())));
        List<String> descriptions = service.consentPrompt(consent.interaction(), BROWSER).scopes().stream()
                .map(s -> s.description()).toList();
        assertTrue(descriptions.contains("Read your orders"), descriptions.toString());
    }

    @Test
    void denyingConsentAnswersAccessDenied() {
        BrowserSession session = signIn();
        Consent consent = assertInstanceOf(Consent.class, service.start(request("web"), BROWSER, Optional.of(session)));
        assertError(service.decide(consent.interaction(), BROWSER, session, false), ErrorCode.ACCESS_DENIED);
        assertEquals(false, world.consents.covers(person.id(), "web", Set.of("openid")));
    }

    @Test
    void anInteractionCannotBeOpenedByAnotherBrowser() {
        BrowserSession session = signIn();
        Consent consent = assertInstanceOf(Consent.class, service.start(request("web"), BROWSER, Optional.of(session)));
        String id = consent.interaction();
        assertEquals(ErrorCode.INVALID_REQUEST, assertThrows(OAuthException.class,
                () -> service.consentPrompt(id, OTHER_BROWSER)).error().code());
        assertThrows(OAuthException.class, () -> service.decide(id, OTHER_BROWSER, session, true));
        assertThrows(OAuthException.class, () -> service.signInPrompt(id, OTHER_BROWSER));
        redeem(service.decide(id, BROWSER, session, true));
    }

    @Test
    void aConsentCannotBeAnsweredTwice() {
        BrowserSession session = signIn();
        Consent consent = assertInstanceOf(Consent.class, service.start(request("web"), BROWSER, Optional.of(session)));
        redeem(service.decide(consent.interaction(), BROWSER, session, true));
        OAuthException e = assertThrows(OAuthException.class,
                () -> service.decide(consent.interaction(), BROWSER, session, true));
        assertEquals(ErrorCode.INVALID_REQUEST, e.error().code());
    }

    @Test
    void aSignInCannotBeContinuedTwice() {
        SignIn signIn = assertInstanceOf(SignIn.class, service.start(request("first"), BROWSER, Optional.empty()));
        redeem(continueSignIn(signIn.interaction(), person));
        assertThrows(OAuthException.class, () -> continueSignIn(signIn.interaction(), person));
    }

    @Test
    void aMissingOrExpiredInteractionIsAnError() {
        assertThrows(OAuthException.class, () -> service.signInPrompt("", BROWSER));
        assertThrows(OAuthException.class, () -> service.signInPrompt(null, BROWSER));
        SignIn signIn = assertInstanceOf(SignIn.class, service.start(request("web"), BROWSER, Optional.empty()));
        world.clock.advance(Interactions.LIFETIME);
        assertThrows(OAuthException.class, () -> continueSignIn(signIn.interaction(), person));
    }

    @Test
    void consentWhoseAccountWasDisabledMeanwhileIsLoginRequired() {
        BrowserSession session = signIn();
        Consent consent = assertInstanceOf(Consent.class, service.start(request("web"), BROWSER, Optional.of(session)));
        world.setEnabled(person, false);
        assertError(service.decide(consent.interaction(), BROWSER, session, true), ErrorCode.LOGIN_REQUIRED);
    }

    @Test
    void anUnknownClientIsAnErrorPageNeverARedirect() {
        assertThrows(OAuthException.class,
                () -> service.start(request("nobody"), BROWSER, Optional.empty()));
        assertThrows(OAuthException.class,
                () -> service.start(request("web").with("redirect_uri", "https://evil.example/cb"), BROWSER,
                        Optional.empty()));
    }

    @Test
    void aCheckFailingAfterTheRedirectIsVerifiedIsRedirected() {
        assertError(service.start(request("web").with("response_type", "none"), BROWSER, Optional.empty()),
                ErrorCode.UNSUPPORTED_RESPONSE_TYPE);
        assertError(service.start(request("web").with("code_challenge_method", "plain"), BROWSER, Optional.empty()),
                ErrorCode.INVALID_REQUEST);
    }

    private static com.nimbusds.jwt.JWTClaimsSet.Builder requestObjectOf(RequestParameters request) {
        com.nimbusds.jwt.JWTClaimsSet.Builder claims = new com.nimbusds.jwt.JWTClaimsSet.Builder();
        request.singleValues().forEach(claims::claim);
        return claims;
    }

    /** RFC 9101: the signed object's parameters are the request; the code is bound to the redirect URI inside. */
    @Test
    void aSignedRequestObjectIsTheRequest() {
        RequestParameters inside = request("signed");
        RequestParameters outside = TestRequests.params("client_id", "signed", "response_type", "code",
                "scope", "openid", "request", SIGNER.sign("PS256", requestObjectOf(inside).build()));
        AuthorizationCodes.CodeGrant grant = redeem(service.start(outside, BROWSER, Optional.of(signIn())));
        assertEquals(WEB_REDIRECT, grant.redirectUri());
        assertEquals(Optional.of(TestRequests.NONCE), grant.nonce());
    }

    /**
     * The object's redirect_uri is the one used, but an unregistered one outside it is the error page (the
     * conformance suite's oidcc-ensure-request-object-with-redirect-uri); a registered one outside is ignored.
     */
    @Test
    void anUnregisteredRedirectUriOutsideTheRequestObjectIsTheErrorPage() {
        String object = SIGNER.sign("PS256", requestObjectOf(request("signed")).build());
        RequestParameters outside = TestRequests.params("client_id", "signed", "response_type", "code",
                "scope", "openid", "redirect_uri", "https://evil.example/cb", "request", object);
        assertThrows(OAuthException.class, () -> service.start(outside, BROWSER, Optional.of(signIn())));

        AuthorizationCodes.CodeGrant grant = redeem(service.start(outside.with("redirect_uri", WEB_REDIRECT),
                BROWSER, Optional.of(signIn())));
        assertEquals(WEB_REDIRECT, grant.redirectUri());
    }

    /**
     * An unusable request object is answered with invalid_request_object (no longer request_not_supported) at the
     * registered redirect URI, in the response mode and with the state the object asked for.
     */
    @Test
    void anUnusableRequestObjectIsAnsweredInItsResponseMode() {
        RequestParameters outside = TestRequests.params("client_id", "web", "response_type", "code",
                "scope", "openid", "request", RequestObjectSigner.unsigned(requestObjectOf(request("web"))
                        .claim("response_mode", "form_post").build()));
        AuthorizationReply reply = reply(service.start(outside, BROWSER, Optional.empty()));
        assertEquals(ResponseMode.FORM_POST, reply.mode());
        assertEquals("invalid_request_object", reply.parameters().get("error"));
        assertEquals(TestRequests.STATE, reply.parameters().get("state"));
        assertEquals(WEB_REDIRECT, reply.redirect().uri());
    }

    /** RFC 6749 §4.2.2.1: the implicit grant's errors, response_type=token refused included, go in the fragment. */
    @Test
    void responseTypeTokenIsRefusedInTheFragment() {
        AuthorizationReply reply = reply(service.start(request("web").with("response_type", "token"), BROWSER,
                Optional.empty()));
        assertEquals(ErrorCode.UNSUPPORTED_RESPONSE_TYPE.wireName(), reply.parameters().get("error"));
        assertEquals(TestRequests.STATE, reply.parameters().get("state"));
        assertEquals(TestKeys.ISSUER, reply.parameters().get("iss"));
        assertTrue(reply.location().startsWith(WEB_REDIRECT + "#error=unsupported_response_type&"), reply.location());
    }

    @Test
    void theCodeExpiresAfterSixtySeconds() {
        Outcome outcome = service.start(request("first"), BROWSER, Optional.of(signIn()));
        world.clock.advance(Duration.ofSeconds(61));
        assertEquals(Optional.empty(),
                world.codes.redeem(Secret.of(reply(outcome).parameters().get("code"))));
    }

    @Test
    void twoConcurrentContinuationsOfOneSignInIssueOneCode() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                SignIn signIn = assertInstanceOf(SignIn.class,
                        service.start(request("first"), BROWSER, Optional.empty()));
                // Both read the pending request before either claims it (two POSTs of one sign-in form).
                AuthorizationService.SignInPrompt prompt = service.signInPrompt(signIn.interaction(), BROWSER);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Boolean>> results = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    results.add(pool.submit(() -> {
                        go.await();
                        try {
                            return continueSignIn(prompt, person) instanceof Reply;
                        } catch (OAuthException e) {
                            return false;
                        }
                    }));
                }
                go.countDown();
                int codes = 0;
                for (Future<Boolean> result : results) {
                    codes += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertEquals(1, codes, "round " + round);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anOversizedLoginHintIsAnOAuthErrorNotADatabaseFailure() {
        RequestParameters parameters = request("web").with("login_hint", "h".repeat(9000));
        try {
            Outcome outcome = service.start(parameters, BROWSER, Optional.empty());
            assertTrue(outcome instanceof SignIn || outcome instanceof Reply, outcome.toString());
        } catch (OAuthException expected) {
            assertEquals(ErrorCode.INVALID_REQUEST, expected.error().code());
        }
    }
}
