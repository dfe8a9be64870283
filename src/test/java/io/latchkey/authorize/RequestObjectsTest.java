package io.latchkey.authorize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jwt.JWTClaimsSet;
import io.latchkey.client.ClientSigning;
import io.latchkey.error.ErrorCode;
import io.latchkey.error.OAuthError;
import io.latchkey.error.OAuthException;
import io.latchkey.testing.InMemoryClientDirectory;
import io.latchkey.testing.MutableClock;
import io.latchkey.testing.TestClients;
import io.latchkey.testing.TestKeys;
import io.latchkey.testing.TestRequests;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * RFC 9101 §6.3 and OIDC Core §6.1: a verified request object's parameters replace the request's; client_id,
 * response_type and scope must agree with those sent outside; an unusable object is answered through the verified
 * redirect URI in the response mode it asked for.
 */
class RequestObjectsTest {
    private static final RequestObjectSigner RP = new RequestObjectSigner("rp-rsa", "rp-ec");
    private final MutableClock clock = new MutableClock();
    private final InMemoryClientDirectory clients = new InMemoryClientDirectory(TestClients.webApp("web")
            .withSigning(new ClientSigning(Optional.of(RP.publicJwks()), Optional.empty(), Optional.empty(),
                    Optional.empty())).build());
    private final RequestObjects requestObjects = new RequestObjects(clients, new RequestObjectVerifier(
            TestKeys.ISSUER, new RequestObjectKeys(uri -> {
                throw new IOException("no jwks_uri here");
            }, clock), clock));
    private final AuthorizationValidator validator = new AuthorizationValidator(clients);

    private static JWTClaimsSet.Builder inside() {
        return new JWTClaimsSet.Builder().issuer("web").audience(TestKeys.ISSUER).claim("client_id", "web")
                .claim("redirect_uri", TestClients.WEB_REDIRECT).claim("response_type", "code")
                .claim("scope", "openid profile").claim("state", "inside").claim("nonce", "nonce-inside")
                .claim("code_challenge", TestRequests.CHALLENGE).claim("code_challenge_method", "S256");
    }

    private static RequestParameters outside(String requestObject) {
        return TestRequests.params("client_id", "web", "response_type", "code", "scope", "openid",
                "state", "outside", "login_hint", "only-outside", "redirect_uri", "https://evil.example.com/cb",
                "request", requestObject);
    }

    private RequestParameters resolved(RequestParameters request) {
        return assertInstanceOf(RequestObjects.Resolved.class, requestObjects.resolve(request)).parameters();
    }

    private OAuthError unusable(RequestParameters request) {
        return assertInstanceOf(RequestObjects.Unusable.class, requestObjects.resolve(request)).error();
    }

    @Test
    void aRequestWithoutRequestObjectIsLeftAsItIs() {
        RequestParameters plain = TestRequests.authorization("web", TestClients.WEB_REDIRECT);
        assertSame(plain, resolved(plain));
    }

    @Test
    void theRequestObjectsParametersReplaceTheRequestsOwn() {
        RequestParameters parameters = resolved(outside(RP.sign("RS256", inside().build())));
        assertEquals(Optional.of("inside"), parameters.single("state"));
        assertEquals(Optional.of(TestClients.WEB_REDIRECT), parameters.single("redirect_uri"));
        assertEquals(Optional.of("openid profile"), parameters.single("scope"));
        assertFalse(parameters.has("login_hint"), "RFC 9101 §6.3: only the request object's parameters are used");
        assertFalse(parameters.has("request"));
        assertFalse(parameters.has("iss"), "the JWT's own claims are not request parameters");
        AuthorizationRequest request = validator.validate(parameters, validator.verifyClientAndRedirect(parameters));
        assertEquals(Optional.of("nonce-inside"), request.nonce());
    }

    @Test
    void clientIdResponseTypeAndScopeComeFromOutsideWhenTheObjectLacksThem() {
        RequestParameters parameters = resolved(outside(RP.sign("ES256", inside().claim("client_id", null)
                .claim("response_type", null).claim("scope", null).build())));
        assertEquals(Optional.of("web"), parameters.single("client_id"));
        assertEquals(Optional.of("code"), parameters.single("response_type"));
        assertEquals(Optional.of("openid"), parameters.single("scope"));
    }

    @Test
    void objectValuesThatAreNotStringsBecomeTheirJson() {
        RequestParameters parameters = resolved(outside(RP.sign("RS256", inside().claim("max_age", 300)
                .claim("claims", Map.of("id_token", Map.of("email", Map.of("essential", true)))).build())));
        assertEquals(Optional.of("300"), parameters.single("max_age"));
        assertEquals(Optional.of("{\"id_token\":{\"email\":{\"essential\":true}}}"), parameters.single("claims"));
    }

    @Test
    void aClientIdInsideThatDiffersIsRefused() {
        OAuthError error = unusable(outside(RP.sign("RS256", inside().claim("client_id", "other").build())));
        assertEquals(ErrorCode.INVALID_REQUEST_OBJECT, error.code());
        assertEquals("the request object's client_id differs from the request's", error.description());
    }

    @Test
    void aResponseTypeOrNonOpenidScopeOutsideThatDisagreesIsRefused() {
        OAuthError type = unusable(outside(RP.sign("RS256", inside().build())).with("response_type", "id_token"));
        assertEquals(ErrorCode.INVALID_REQUEST, type.code());
        assertEquals("the request object's response_type differs from the request's", type.description());
        OAuthError scope = unusable(outside(RP.sign("RS256", inside().build())).with("scope", "profile"));
        assertEquals("the scope outside the request object must contain openid too", scope.description());
    }

    @Test
    void requestUriBesideRequestOrInsideTheObjectIsRefused() {
        OAuthError both = unusable(outside(RP.sign("RS256", inside().build()))
                .with("request_uri", "https://rp.example.com/r.jwt"));
        assertEquals(ErrorCode.INVALID_REQUEST, both.code());
        assertEquals("request and request_uri cannot both be sent", both.description());
        OAuthError nested = unusable(outside(RP.sign("RS256", inside().claim("request_uri", "x").build())));
        assertEquals(ErrorCode.INVALID_REQUEST_OBJECT, nested.code());
    }

    @Test
    void anUnknownClientThrowsBeforeAnythingIsRedirected() {
        RequestParameters request = outside(RP.sign("RS256", inside().build())).with("client_id", "nobody");
        assertThrows(OAuthException.class, () -> requestObjects.resolve(request));
    }

    /**
     * The refusal of an unusable object reaches the client through its registered redirect URI named inside the
     * object, in the object's response_mode, with the object's state.
     */
    @Test
    void anUnusableObjectIsAnsweredInTheResponseModeItAskedFor() {
        String unsigned = RequestObjectSigner.unsigned(inside().claim("response_mode", "form_post").build());
        RequestObjects.Unusable unusable = assertInstanceOf(RequestObjects.Unusable.class,
                requestObjects.resolve(outside(unsigned)));
        assertEquals("this application's request objects must be signed", unusable.error().description());
        AuthorizationValidator.Refused refused = validator.refused(unusable.deliverTo(), unusable.error());
        assertEquals(ResponseMode.FORM_POST, refused.redirect().mode());
        assertEquals(TestClients.WEB_REDIRECT, refused.redirect().uri());
        assertEquals(Optional.of("inside"), refused.redirect().state());
        RequestObjects.Unusable garbage = assertInstanceOf(RequestObjects.Unusable.class,
                requestObjects.resolve(outside("not.a.jwt!").with("redirect_uri", TestClients.WEB_REDIRECT)));
        assertEquals(ResponseMode.QUERY, validator.refused(garbage.deliverTo(), garbage.error()).redirect().mode());
    }

    @Test
    void anUnusableObjectNamingAnUnregisteredRedirectUriIsShownToThePerson() {
        String unsigned = RequestObjectSigner.unsigned(inside().claim("redirect_uri", "https://evil.example.com/cb")
                .build());
        RequestObjects.Unusable unusable = assertInstanceOf(RequestObjects.Unusable.class,
                requestObjects.resolve(outside(unsigned)));
        assertThrows(OAuthException.class, () -> validator.refused(unusable.deliverTo(), unusable.error()));
    }
}
