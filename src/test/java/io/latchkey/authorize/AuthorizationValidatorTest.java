package io.latchkey.authorize;

import static io.latchkey.testing.TestRequests.authorization;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.error.ErrorCode;
import io.latchkey.error.OAuthException;
import io.latchkey.testing.InMemoryClientDirectory;
import io.latchkey.testing.TestClients;
import io.latchkey.testing.TestRequests;
import java.util.EnumSet;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Each check of the authorization endpoint alone: one parameter broken in an otherwise valid request. */
class AuthorizationValidatorTest {
    private static final String REDIRECT = TestClients.WEB_REDIRECT;
    private final InMemoryClientDirectory clients = new InMemoryClientDirectory(
            TestClients.webApp("web").build(),
            TestClients.webApp("nodefaults").withDefaultScopes().build(),
            TestClients.webApp("off").disabled().build(),
            TestClients.m2m("batch").build());
    private final AuthorizationValidator validator = new AuthorizationValidator(clients);

    private static RequestParameters valid() {
        return authorization("web", REDIRECT);
    }

    private static Arguments row(String why, RequestParameters parameters, ErrorCode code, String description) {
        return Arguments.of(why, parameters, code, description);
    }

    static Stream<Arguments> failuresShownToThePersonNeverRedirected() {
        return Stream.of(
                row("client_id missing", valid().with("client_id", null), ErrorCode.INVALID_REQUEST,
                        "client_id is required"),
                row("unknown client", valid().with("client_id", "nobody"), ErrorCode.INVALID_REQUEST,
                        "the application is unknown or disabled"),
                row("disabled client", authorization("off", REDIRECT), ErrorCode.INVALID_REQUEST,
                        "the application is unknown or disabled"),
                row("m2m client", authorization("batch", REDIRECT), ErrorCode.UNAUTHORIZED_CLIENT,
                        "this application does not sign people in"),
                row("repeated client_id", TestRequests.repeated(valid(), "client_id", "web", "web"),
                        ErrorCode.INVALID_REQUEST, "client_id is repeated"),
                row("repeated redirect_uri", TestRequests.repeated(valid(), "redirect_uri", REDIRECT, REDIRECT),
                        ErrorCode.INVALID_REQUEST, "redirect_uri is repeated"),
                row("repeated state", TestRequests.repeated(valid(), "state", "a", "b"),
                        ErrorCode.INVALID_REQUEST, "state is repeated"),
                row("unregistered redirect_uri", valid().with("redirect_uri", REDIRECT + "/"),
                        ErrorCode.INVALID_REQUEST, "redirect_uri is not registered for this application"),
                row("openid without redirect_uri", valid().with("redirect_uri", null),
                        ErrorCode.INVALID_REQUEST, "redirect_uri is required"),
                row("state too long", valid().with("state", "s".repeat(2049)),
                        ErrorCode.INVALID_REQUEST, "state is longer than 2048 characters"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failuresShownToThePersonNeverRedirected")
    void aFailureBeforeTheRedirectIsVerifiedThrows(String why, RequestParameters parameters, ErrorCode code,
                                                   String description) {
        OAuthException e = assertThrows(OAuthException.class, () -> validator.verifyClientAndRedirect(parameters));
        assertEquals(code, e.error().code(), why);
        assertEquals(description, e.error().description(), why);
    }

    static Stream<Arguments> failuresRedirectedToTheClient() {
        return Stream.of(
                row("unknown response_mode", valid().with("response_mode", "web_message"),
                        ErrorCode.INVALID_REQUEST, "response_mode is not supported"),
                row("request object never resolved", valid().with("request", "eyJhbGciOiJub25lIn0.e30."),
                        ErrorCode.INVALID_REQUEST_OBJECT, "the request object was not resolved"),
                row("request_uri", valid().with("request_uri", "https://app.example.com/request.jwt"),
                        ErrorCode.REQUEST_URI_NOT_SUPPORTED, "request_uri is not supported"),
                row("registration", valid().with("registration", "{}"),
                        ErrorCode.REGISTRATION_NOT_SUPPORTED, "registration is not supported"),
                row("response_type missing", valid().with("response_type", null),
                        ErrorCode.INVALID_REQUEST, "response_type is required"),
                row("response_type token", valid().with("response_type", "token"),
                        ErrorCode.UNSUPPORTED_RESPONSE_TYPE, "this response_type is not supported"),
                row("response_type code id_token not allowed for the application",
                        valid().with("response_type", "code id_token"),
                        ErrorCode.UNAUTHORIZED_CLIENT, "this application may not use response_type code id_token"),
                row("response_type id_token not allowed for the application", valid().with("response_type", "id_token"),
                        ErrorCode.UNAUTHORIZED_CLIENT, "this application may not use response_type id_token"),
                row("response_type code code", valid().with("response_type", "code code"),
                        ErrorCode.UNSUPPORTED_RESPONSE_TYPE, "this response_type is not supported"),
                row("response_type upper-case", valid().with("response_type", "CODE"),
                        ErrorCode.UNSUPPORTED_RESPONSE_TYPE, "this response_type is not supported"),
                row("scope outside policy", valid().with("scope", "openid admin"),
                        ErrorCode.INVALID_SCOPE, "the requested scope is not allowed for this application"),
                row("malformed scope", valid().with("scope", "openid  profile"),
                        ErrorCode.INVALID_SCOPE, "scope is malformed"),
                row("code_challenge missing", valid().with("code_challenge", null),
                        ErrorCode.INVALID_REQUEST, "code_challenge is required (PKCE, S256)"),
                row("code_challenge_method missing", valid().with("code_challenge_method", null),
                        ErrorCode.INVALID_REQUEST, "code_challenge_method is required and must be S256"),
                row("code_challenge_method plain", valid().with("code_challenge_method", "plain"),
                        ErrorCode.INVALID_REQUEST, "code_challenge_method must be S256"),
                row("code_challenge_method lower-case", valid().with("code_challenge_method", "s256"),
                        ErrorCode.INVALID_REQUEST, "code_challenge_method must be S256"),
                row("challenge too short", valid().with("code_challenge", TestRequests.CHALLENGE.substring(1)),
                        ErrorCode.INVALID_REQUEST, "code_challenge is malformed"),
                row("challenge padded", valid().with("code_challenge", TestRequests.CHALLENGE + "="),
                        ErrorCode.INVALID_REQUEST, "code_challenge is malformed"),
                row("challenge in base64 not base64url",
                        valid().with("code_challenge", TestRequests.CHALLENGE.replace('-', '+')),
                        ErrorCode.INVALID_REQUEST, "code_challenge is malformed"),
                row("nonce too long", valid().with("nonce", "n".repeat(513)),
                        ErrorCode.INVALID_REQUEST, "nonce is longer than 512 characters"),
                row("prompt none with login", valid().with("prompt", "none login"),
                        ErrorCode.INVALID_REQUEST, "prompt=none cannot be combined with other values"),
                row("prompt unknown value", valid().with("prompt", "create"),
                        ErrorCode.INVALID_REQUEST, "prompt value is not supported"),
                row("max_age not a number", valid().with("max_age", "an hour"),
                        ErrorCode.INVALID_REQUEST, "max_age must be a non-negative number of seconds"),
                row("max_age negative", valid().with("max_age", "-1"),
                        ErrorCode.INVALID_REQUEST, "max_age must be a non-negative number of seconds"),
                row("max_age fractional", valid().with("max_age", "1.5"),
                        ErrorCode.INVALID_REQUEST, "max_age must be a non-negative number of seconds"),
                row("repeated nonce", TestRequests.repeated(valid(), "nonce", "a", "b"),
                        ErrorCode.INVALID_REQUEST, "nonce is repeated"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failuresRedirectedToTheClient")
    void aFailureAfterTheRedirectIsVerifiedHasItsOwnErrorCode(String why, RequestParameters parameters,
                                                              ErrorCode code, String description) {
        VerifiedRedirect redirect = validator.verifyClientAndRedirect(parameters);
        assertEquals(REDIRECT, redirect.uri(), "the redirect is verified first, so the error can go back to it");
        OAuthException e = assertThrows(OAuthException.class, () -> validator.validate(parameters, redirect));
        assertEquals(code, e.error().code(), why);
        assertEquals(description, e.error().description(), why);
    }

    @Test
    void aValidRequestYieldsEverythingTheFlowNeeds() {
        RequestParameters parameters = valid().with("prompt", "login consent").with("max_age", "3600")
                .with("login_hint", "alice");
        AuthorizationRequest request = validator.validate(parameters, validator.verifyClientAndRedirect(parameters));
        assertEquals("web", request.client().clientId());
        assertEquals(Set.of("openid", "profile"), request.scopes());
        assertTrue(request.openid());
        assertEquals(TestRequests.CHALLENGE, request.codeChallenge());
        assertEquals(Optional.of(TestRequests.NONCE), request.nonce());
        assertEquals(EnumSet.of(Prompt.LOGIN, Prompt.CONSENT), request.prompts());
        assertEquals(OptionalLong.of(3600), request.maxAgeSeconds());
        assertEquals(Optional.of("alice"), request.loginHint());
        assertEquals(Optional.of(TestRequests.STATE), request.redirect().state());
        assertEquals(ResponseMode.QUERY, request.redirect().mode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"query", "fragment", "form_post"})
    void eachKnownResponseModeIsKept(String mode) {
        RequestParameters parameters = valid().with("response_mode", mode);
        AuthorizationRequest request = validator.validate(parameters, validator.verifyClientAndRedirect(parameters));
        assertEquals(mode, request.redirect().mode().wireName());
    }

    @Test
    void withoutScopeTheApplicationsDefaultScopesAreGranted() {
        RequestParameters parameters = valid().with("scope", null).with("redirect_uri", null);
        AuthorizationRequest request = validator.validate(parameters, validator.verifyClientAndRedirect(parameters));
        assertEquals(Set.of("openid", "profile"), request.scopes());
        assertEquals(REDIRECT, request.redirect().uri(), "the only registered redirect URI");
    }

    @Test
    void withoutScopeAndWithoutDefaultScopesTheRequestIsAnInvalidScope() {
        RequestParameters parameters = authorization("nodefaults", REDIRECT).with("scope", null);
        VerifiedRedirect redirect = validator.verifyClientAndRedirect(parameters);
        OAuthException e = assertThrows(OAuthException.class, () -> validator.validate(parameters, redirect));
        assertEquals(ErrorCode.INVALID_SCOPE, e.error().code());
    }

    @Test
    void aStateOfExactly2048CharactersAndANonceOf512AreAccepted() {
        RequestParameters parameters = valid().with("state", "s".repeat(2048)).with("nonce", "n".repeat(512));
        AuthorizationRequest request = validator.validate(parameters, validator.verifyClientAndRedirect(parameters));
        assertEquals(2048, request.redirect().state().orElseThrow().length());
        assertEquals(512, request.nonce().orElseThrow().length());
    }

    static Stream<Arguments> acceptedPrompts() {
        return Stream.of(
                Arguments.of("none", EnumSet.of(Prompt.NONE)),
                Arguments.of("login", EnumSet.of(Prompt.LOGIN)),
                Arguments.of("consent", EnumSet.of(Prompt.CONSENT)),
                Arguments.of("select_account", EnumSet.of(Prompt.SELECT_ACCOUNT)),
                Arguments.of("login select_account", EnumSet.of(Prompt.LOGIN, Prompt.SELECT_ACCOUNT)));
    }

    @ParameterizedTest(name = "prompt={0}")
    @MethodSource("acceptedPrompts")
    void knownPromptValuesAreParsed(String prompt, Set<Prompt> expected) {
        RequestParameters parameters = valid().with("prompt", prompt);
        assertEquals(expected,
                validator.validate(parameters, validator.verifyClientAndRedirect(parameters)).prompts());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1", "86400", "999999999"})
    void aNonNegativeMaxAgeIsAccepted(String maxAge) {
        RequestParameters parameters = valid().with("max_age", maxAge);
        assertEquals(OptionalLong.of(Long.parseLong(maxAge)),
                validator.validate(parameters, validator.verifyClientAndRedirect(parameters)).maxAgeSeconds());
    }

    @Test
    void theNonceIsOptionalForTheCodeFlow() {
        RequestParameters parameters = valid().with("nonce", null);
        assertEquals(Optional.empty(),
                validator.validate(parameters, validator.verifyClientAndRedirect(parameters)).nonce());
    }

    @Test
    void aNativeAppMayUseAnyLoopbackPort() {
        clients.add(TestClients.nativeApp("native").build());
        RequestParameters parameters = authorization("native", "http://127.0.0.1:49152/cb");
        assertEquals("http://127.0.0.1:49152/cb", validator.verifyClientAndRedirect(parameters).uri());
    }
}
