package io.latchkey.authorize;

import static io.latchkey.testing.TestClients.WEB_REDIRECT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.latchkey.client.ResponseType;
import io.latchkey.error.ErrorCode;
import io.latchkey.testing.InMemoryClientDirectory;
import io.latchkey.testing.TestClients;
import io.latchkey.testing.TestRequests;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The two exceptions an operator may allow a web application at the authorization endpoint: PKCE optional
 * (OpenID Connect code requests only, RFC 9700 §2.1.1) and implicit responses by fragment. Every other
 * application keeps the defaults.
 */
class ProtocolExceptionsValidationTest {
    private final InMemoryClientDirectory clients = new InMemoryClientDirectory(
            TestClients.webApp("strict").withResponseTypes(ResponseType.CODE_ID_TOKEN, ResponseType.ID_TOKEN,
                    ResponseType.ID_TOKEN_TOKEN).build(),
            TestClients.webApp("relaxed").withPkceOptional().withResponseTypes(ResponseType.CODE_ID_TOKEN,
                    ResponseType.CODE_TOKEN).build(),
            TestClients.webApp("fragment").withImplicitByFragment().withResponseTypes(ResponseType.ID_TOKEN,
                    ResponseType.ID_TOKEN_TOKEN).build());
    private final AuthorizationValidator validator = new AuthorizationValidator(clients);

    private static RequestParameters withoutPkce(String clientId) {
        return TestRequests.authorization(clientId, WEB_REDIRECT).with("code_challenge", null)
                .with("code_challenge_method", null);
    }

    private AuthorizationValidator.Validation check(RequestParameters parameters) {
        return validator.check(parameters, validator.verifyClientAndRedirect(parameters));
    }

    private AuthorizationRequest valid(RequestParameters parameters) {
        return assertInstanceOf(AuthorizationValidator.Valid.class, check(parameters)).request();
    }

    private void refused(RequestParameters parameters, String description) {
        AuthorizationValidator.Refused refused = assertInstanceOf(AuthorizationValidator.Refused.class,
                check(parameters));
        assertEquals(ErrorCode.INVALID_REQUEST, refused.error().code());
        assertEquals(description, refused.error().description());
    }

    @Test
    void anApplicationThatMayOmitPkceSignsInWithoutItAndTheCodeHasNoChallenge() {
        AuthorizationRequest request = valid(withoutPkce("relaxed"));
        assertNull(request.codeChallenge());
        assertEquals(Optional.of(TestRequests.NONCE), request.nonce());
    }

    @Test
    void withoutPkceTheNonceStaysOptionalInTheCodeFlow() {
        AuthorizationRequest request = valid(withoutPkce("relaxed").with("nonce", null));
        assertNull(request.codeChallenge());
        assertEquals(Optional.empty(), request.nonce());
    }

    @Test
    void everyOtherApplicationMustStillSendPkce() {
        refused(withoutPkce("strict"), "code_challenge is required (PKCE, S256)");
        refused(withoutPkce("fragment"), "code_challenge is required (PKCE, S256)");
    }

    @Test
    void aPlainOAuthRequestWithoutOpenidNeedsPkceEvenWhereItIsOptional() {
        refused(withoutPkce("relaxed").with("scope", "profile"), "code_challenge is required (PKCE, S256)");
    }

    @Test
    void aRequestThatSendsPkceIsHeldToItWhereItIsOptional() {
        refused(TestRequests.authorization("relaxed", WEB_REDIRECT).with("code_challenge_method", "plain"),
                "code_challenge_method must be S256");
        refused(TestRequests.authorization("relaxed", WEB_REDIRECT).with("code_challenge_method", null),
                "code_challenge_method is required and must be S256");
        refused(withoutPkce("relaxed").with("code_challenge_method", "S256"),
                "code_challenge is required (PKCE, S256)");
        refused(TestRequests.authorization("relaxed", WEB_REDIRECT).with("code_challenge", "short"),
                "code_challenge is malformed");
        assertEquals(TestRequests.CHALLENGE,
                valid(TestRequests.authorization("relaxed", WEB_REDIRECT)).codeChallenge());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"code id_token", "code token"})
    void hybridRequestsMayOmitPkceWhereItIsOptional(String responseType) {
        AuthorizationRequest request = valid(withoutPkce("relaxed").with("response_type", responseType));
        assertNull(request.codeChallenge());
        assertEquals(ResponseMode.FRAGMENT, request.redirect().mode());
    }

    @Test
    void hybridRequestsOfAStrictApplicationNeedPkce() {
        refused(withoutPkce("strict").with("response_type", "code id_token"),
                "code_challenge is required (PKCE, S256)");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"id_token", "id_token token"})
    void anApplicationAllowedTheFragmentGetsImplicitResponsesThere(String responseType) {
        RequestParameters parameters = withoutPkce("fragment").with("response_type", responseType);
        assertEquals(ResponseMode.FRAGMENT, valid(parameters).redirect().mode(), "the default");
        assertEquals(ResponseMode.FRAGMENT, valid(parameters.with("response_mode", "fragment")).redirect().mode());
        assertEquals(ResponseMode.FORM_POST, valid(parameters.with("response_mode", "form_post")).redirect().mode());
        AuthorizationValidator.Refused query = assertInstanceOf(AuthorizationValidator.Refused.class,
                check(parameters.with("response_mode", "query")));
        assertEquals("response_mode=query cannot carry tokens", query.error().description());
        assertEquals(ResponseMode.FRAGMENT, query.redirect().mode());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"id_token", "id_token token"})
    void everyOtherApplicationGetsImplicitResponsesOnlyByFormPost(String responseType) {
        RequestParameters parameters = withoutPkce("strict").with("response_type", responseType);
        refused(parameters, "implicit responses are only sent with response_mode=form_post");
        refused(parameters.with("response_mode", "fragment"),
                "implicit responses are only sent with response_mode=form_post");
        assertEquals(ResponseMode.FORM_POST, valid(parameters.with("response_mode", "form_post")).redirect().mode());
    }
}
