package io.latchkey.authorize;

import static io.latchkey.testing.TestClients.WEB_REDIRECT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.account.Account;
import io.latchkey.client.ResponseType;
import io.latchkey.error.ErrorCode;
import io.latchkey.security.Secret;
import io.latchkey.session.BrowserSession;
import io.latchkey.store.Database;
import io.latchkey.testing.SignInWorld;
import io.latchkey.testing.TestClients;
import io.latchkey.testing.TestDatabase;
import io.latchkey.testing.TestKeys;
import io.latchkey.testing.TestRequests;
import java.net.URI;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The authorization endpoint's checks for hybrid and implicit response types: allowed per application,
 * never by query, implicit only by form_post, openid and nonce whenever an ID token is issued, PKCE only
 * when a code is; and each refusal delivered in the response mode the request asked for (or its default).
 */
class HybridAndImplicitValidationTest {
    private static final Secret BROWSER = Secret.of("browser-cookie-validation-0123456789abcd");
    private static Database database;
    private SignInWorld world;
    private AuthorizationValidator validator;

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
                TestClients.webApp("hybrid").firstParty().withResponseTypes(ResponseType.CODE_ID_TOKEN,
                        ResponseType.CODE_TOKEN, ResponseType.CODE_ID_TOKEN_TOKEN, ResponseType.ID_TOKEN,
                        ResponseType.ID_TOKEN_TOKEN).build(),
                TestClients.webApp("signin-only").firstParty().withResponseTypes(ResponseType.ID_TOKEN).build(),
                TestClients.webApp("web").firstParty().build());
        validator = new AuthorizationValidator(world.clients);
    }

    private static RequestParameters request(String clientId, String responseType, String mode) {
        RequestParameters parameters = TestRequests.authorization(clientId, WEB_REDIRECT)
                .with("response_type", responseType);
        return mode == null ? parameters : parameters.with("response_mode", mode);
    }

    private static RequestParameters hybrid(String responseType, String mode) {
        return request("hybrid", responseType, mode);
    }

    private AuthorizationValidator.Validation check(RequestParameters parameters) {
        return validator.check(parameters, validator.verifyClientAndRedirect(parameters));
    }

    private AuthorizationRequest valid(RequestParameters parameters) {
        return assertInstanceOf(AuthorizationValidator.Valid.class, check(parameters),
                () -> "refused: " + check(parameters)).request();
    }

    private static Arguments row(String why, RequestParameters parameters, ErrorCode code, String description,
                                 ResponseMode delivery) {
        return Arguments.of(why, parameters, code, description, delivery);
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                row("query with code id_token", hybrid("code id_token", "query"), ErrorCode.INVALID_REQUEST,
                        "response_mode=query cannot carry tokens", ResponseMode.FRAGMENT),
                row("query with code token", hybrid("code token", "query"), ErrorCode.INVALID_REQUEST,
                        "response_mode=query cannot carry tokens", ResponseMode.FRAGMENT),
                row("query with code id_token token", hybrid("code id_token token", "query"),
                        ErrorCode.INVALID_REQUEST, "response_mode=query cannot carry tokens", ResponseMode.FRAGMENT),
                row("query with id_token token", hybrid("id_token token", "query"), ErrorCode.INVALID_REQUEST,
                        "response_mode=query cannot carry tokens", ResponseMode.FRAGMENT),
                row("id_token with the default mode", hybrid("id_token", null), ErrorCode.INVALID_REQUEST,
                        "implicit responses are only sent with response_mode=form_post", ResponseMode.FRAGMENT),
                row("id_token with fragment", hybrid("id_token", "fragment"), ErrorCode.INVALID_REQUEST,
                        "implicit responses are only sent with response_mode=form_post", ResponseMode.FRAGMENT),
                row("id_token token with fragment", hybrid("id_token token", "fragment"), ErrorCode.INVALID_REQUEST,
                        "implicit responses are only sent with response_mode=form_post", ResponseMode.FRAGMENT),
                row("id_token without nonce", hybrid("id_token", "form_post").with("nonce", null),
                        ErrorCode.INVALID_REQUEST, "nonce is required for this response_type", ResponseMode.FORM_POST),
                row("id_token token without nonce", hybrid("id_token token", "form_post").with("nonce", null),
                        ErrorCode.INVALID_REQUEST, "nonce is required for this response_type", ResponseMode.FORM_POST),
                row("code id_token without nonce", hybrid("code id_token", null).with("nonce", null),
                        ErrorCode.INVALID_REQUEST, "nonce is required for this response_type", ResponseMode.FRAGMENT),
                row("code id_token token without nonce", hybrid("code id_token token", "form_post")
                                .with("nonce", null), ErrorCode.INVALID_REQUEST,
                        "nonce is required for this response_type", ResponseMode.FORM_POST),
                row("id_token without openid", hybrid("id_token", "form_post").with("scope", "profile"),
                        ErrorCode.INVALID_REQUEST, "an id_token needs the openid scope", ResponseMode.FORM_POST),
                row("code id_token without openid", hybrid("code id_token", null).with("scope", "profile email"),
                        ErrorCode.INVALID_REQUEST, "an id_token needs the openid scope", ResponseMode.FRAGMENT),
                row("code id_token without PKCE", hybrid("code id_token", null).with("code_challenge", null)
                                .with("code_challenge_method", null), ErrorCode.INVALID_REQUEST,
                        "code_challenge is required (PKCE, S256)", ResponseMode.FRAGMENT),
                row("code token without PKCE", hybrid("code token", "form_post").with("code_challenge", null),
                        ErrorCode.INVALID_REQUEST, "code_challenge is required (PKCE, S256)", ResponseMode.FORM_POST),
                row("code id_token token with plain PKCE", hybrid("code id_token token", null)
                                .with("code_challenge_method", "plain"), ErrorCode.INVALID_REQUEST,
                        "code_challenge_method must be S256", ResponseMode.FRAGMENT),
                row("token", hybrid("token", "form_post"), ErrorCode.UNSUPPORTED_RESPONSE_TYPE,
                        "this response_type is not supported", null),
                row("code token token", hybrid("code token token", null), ErrorCode.UNSUPPORTED_RESPONSE_TYPE,
                        "this response_type is not supported", null),
                row("none", hybrid("none", null), ErrorCode.UNSUPPORTED_RESPONSE_TYPE,
                        "this response_type is not supported", null),
                row("id_token token where only id_token is allowed",
                        request("signin-only", "id_token token", "form_post"), ErrorCode.UNAUTHORIZED_CLIENT,
                        "this application may not use response_type id_token token", null),
                row("code id_token where only id_token is allowed",
                        request("signin-only", "code id_token", null), ErrorCode.UNAUTHORIZED_CLIENT,
                        "this application may not use response_type code id_token", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusedAndDeliveredInTheRequestsResponseMode(String why, RequestParameters parameters, ErrorCode code,
                                                      String description, ResponseMode delivery) {
        AuthorizationValidator.Refused refused = assertInstanceOf(AuthorizationValidator.Refused.class,
                check(parameters), why);
        assertEquals(code, refused.error().code(), why);
        assertEquals(description, refused.error().description(), why);
        assertEquals(WEB_REDIRECT, refused.redirect().uri());
        assertEquals(Optional.of(TestRequests.STATE), refused.redirect().state());
        if (delivery != null) {
            assertEquals(delivery, refused.redirect().mode(), why + ": delivered in " + delivery);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"code id_token", "code token", "code id_token token", "id_token", "id_token token"})
    void aTypeTheApplicationWasNotAllowedIsUnauthorizedClient(String responseType) {
        AuthorizationValidator.Refused refused = assertInstanceOf(AuthorizationValidator.Refused.class,
                check(request("web", responseType, responseType.contains("code") ? null : "form_post")));
        assertEquals(ErrorCode.UNAUTHORIZED_CLIENT, refused.error().code());
        assertEquals("this application may not use response_type " + responseType, refused.error().description());
    }

    /**
     * Multiple Response Type Encoding Practices §5 and RFC 6749 §4.2.2.1: a refused response type that would
     * carry a token goes back in the fragment, whether Latchkey supports it (unauthorized_client for an
     * application not allowed it) or not (unsupported_response_type, e.g. the implicit grant's {@code token}).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"token", "id_token", "token id_token", "id_token token", "code token", "code id_token",
            "code id_token token", "token token", "code token token", "id_token code"})
    void aRefusedTokenBearingTypeGoesBackInTheFragmentWithState(String responseType) {
        for (String mode : new String[] {null, "query", "fragment"}) {
            AuthorizationValidator.Refused refused = assertInstanceOf(AuthorizationValidator.Refused.class,
                    check(request("web", responseType, mode)), responseType);
            assertTrue(Set.of(ErrorCode.UNAUTHORIZED_CLIENT, ErrorCode.UNSUPPORTED_RESPONSE_TYPE)
                    .contains(refused.error().code()), responseType + ": " + refused.error());
            assertEquals(ResponseMode.FRAGMENT, refused.redirect().mode(), responseType + " with response_mode " + mode);
            assertEquals(Optional.of(TestRequests.STATE), refused.redirect().state());
            AuthorizationReply reply = AuthorizationReply.error(refused.redirect(), refused.error(), "https://id.test");
            assertTrue(reply.location().startsWith(WEB_REDIRECT + "#error="), reply.location());
            assertTrue(reply.location().contains("&iss="), reply.location());
        }
        AuthorizationValidator.Refused formPost = assertInstanceOf(AuthorizationValidator.Refused.class,
                check(request("web", responseType, "form_post")));
        assertEquals(ResponseMode.FORM_POST, formPost.redirect().mode(), responseType + ": form_post asked wins");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"none", "code code", "tokens", "code_token"})
    void aRefusedTypeWithoutATokenGoesBackInTheQuery(String responseType) {
        AuthorizationValidator.Refused refused = assertInstanceOf(AuthorizationValidator.Refused.class,
                check(request("web", responseType, null)));
        assertEquals(ErrorCode.UNSUPPORTED_RESPONSE_TYPE, refused.error().code());
        assertEquals(ResponseMode.QUERY, refused.redirect().mode());
    }

    @Test
    void queryWithCodeIdTokenGoesBackInTheFragmentThroughTheService() {
        Account person = world.person();
        BrowserSession session = world.sessions.start(person.id(), BrowserSession.PASSWORD).session();
        AuthorizationReply reply = assertInstanceOf(AuthorizationService.Reply.class, world.authorization.start(
                hybrid("code id_token", "query"), BROWSER, Optional.of(session))).reply();
        assertEquals(ResponseMode.FRAGMENT, reply.mode());
        assertEquals("invalid_request", reply.parameters().get("error"));
        assertEquals(TestRequests.STATE, reply.parameters().get("state"));
        assertEquals(TestKeys.ISSUER, reply.parameters().get("iss"));
        URI location = URI.create(reply.location());
        assertNull(location.getRawQuery(), "nothing in the query: " + location);
        assertTrue(location.getRawFragment().startsWith("error=invalid_request&"), location.toString());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"id_token", "id_token token"})
    void implicitByFormPostNeedsNoPkce(String responseType) {
        AuthorizationRequest request = valid(hybrid(responseType, "form_post")
                .with("code_challenge", null).with("code_challenge_method", null));
        assertEquals(ResponseType.parse(responseType).orElseThrow(), request.responseType());
        assertEquals(ResponseMode.FORM_POST, request.redirect().mode());
        assertNull(request.codeChallenge(), "no code, no PKCE");
        assertEquals(Optional.of(TestRequests.NONCE), request.nonce());
    }

    @Test
    void aSignInOnlyApplicationGetsAnIdTokenByFormPost() {
        AuthorizationRequest request = valid(request("signin-only", "id_token", "form_post")
                .with("code_challenge", null).with("code_challenge_method", null));
        assertEquals(ResponseType.ID_TOKEN, request.responseType());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"code id_token", "code token", "code id_token token"})
    void hybridTypesDefaultToFragmentAndMayUseFormPost(String responseType) {
        AuthorizationRequest byDefault = valid(hybrid(responseType, null));
        assertEquals(ResponseMode.FRAGMENT, byDefault.redirect().mode());
        assertEquals(TestRequests.CHALLENGE, byDefault.codeChallenge());
        assertEquals(ResponseMode.FRAGMENT, valid(hybrid(responseType, "fragment")).redirect().mode());
        assertEquals(ResponseMode.FORM_POST, valid(hybrid(responseType, "form_post")).redirect().mode());
    }

    @Test
    void codeTokenIssuesNoIdTokenSoNeedsNeitherNonceNorOpenid() {
        AuthorizationRequest request = valid(hybrid("code token", null).with("nonce", null)
                .with("scope", "orders:read").with("redirect_uri", WEB_REDIRECT));
        assertEquals(ResponseType.CODE_TOKEN, request.responseType());
        assertEquals(Optional.empty(), request.nonce());
    }

    @Test
    void theCodeFlowKeepsItsQueryDefault() {
        assertEquals(ResponseMode.QUERY, valid(request("hybrid", "code", null)).redirect().mode());
        assertEquals(ResponseMode.QUERY, valid(request("web", "code", null)).redirect().mode());
    }
}
