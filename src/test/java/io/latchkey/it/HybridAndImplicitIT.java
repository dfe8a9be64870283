package io.latchkey.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.AuthenticationResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.AuthenticationSuccessResponse;
import com.nimbusds.openid.connect.sdk.claims.AccessTokenHash;
import com.nimbusds.openid.connect.sdk.claims.CodeHash;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import io.latchkey.it.Oidc.RpClient;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hybrid (code id_token, code token, code id_token token; fragment or form_post) and implicit by form_post
 * (id_token, id_token token) on the wire, without a browser: the parameters that come back, the ID token
 * checked with Nimbus' IDTokenValidator (nonce), c_hash and at_hash recomputed with Nimbus, the hybrid code
 * redeemed with PKCE; and the combinations Latchkey refuses.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HybridAndImplicitIT {
    static final String HYBRID_ID = "it-hybrid";
    static final String HYBRID_SECRET = IssuedSecrets.remember("it-hybrid-secret-0123456789abcdefghijklmnop");
    static final String CALLBACK = Authorization.RP + "/hybrid/callback";
    static final String SCOPE = "openid profile email orders:read";
    static final RpClient HYBRID = new RpClient(HYBRID_ID, HYBRID_SECRET);
    private static final Set<String> ACCESS_TOKEN_PARAMETERS = Set.of("access_token", "token_type", "expires_in");

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.war();
    }

    /** A browser where alice is signed in to it-hybrid (first party: no consent page). */
    private static CookieBrowser signedIn() {
        CookieBrowser browser = new CookieBrowser();
        Authorization first = Authorization.of(HYBRID_ID, CALLBACK, "openid");
        CookieBrowser.code(browser.signIn(first, Authorization.ALICE, Authorization.ALICE_PASSWORD), first);
        return browser;
    }

    private static Authorization request(String responseType, String mode) {
        return Authorization.of(HYBRID_ID, CALLBACK, SCOPE).set("response_type", responseType)
                .set("response_mode", mode);
    }

    /** What the response carries for the response mode: the Location's fragment, or the form_post page's form. */
    private static Map<String, String> answer(HttpResponse<String> response, String mode, String redirectUri) {
        Map<String, String> values = new LinkedHashMap<>();
        if ("form_post".equals(mode)) {
            assertEquals(200, response.statusCode(), response::body);
            assertTrue(response.headers().firstValue("Location").isEmpty());
            assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
            CookieBrowser.Form form = CookieBrowser.form(response);
            assertEquals(redirectUri, form.action(), "the form posts to the redirect URI");
            values.putAll(form.fields());
        } else {
            String location = CookieBrowser.seeOther(response);
            assertTrue(location.startsWith(redirectUri + "#"), () -> "expected a fragment: " + location);
            URI uri = URI.create(location);
            assertNull(uri.getRawQuery(), () -> "nothing in the query: " + location);
            RelyingParty.parse(uri.getRawFragment()).forEach((name, list) -> {
                assertEquals(1, list.size(), name + " once");
                values.put(name, list.get(0));
            });
        }
        // Only the credentials: iss, state and error codes are public and may well appear in a log line.
        for (String credential : List.of("code", "access_token", "id_token")) {
            IssuedSecrets.remember(values.get(credential));
        }
        return values;
    }

    /** The same parameters through Nimbus' OpenID authentication response parser, which must accept them. */
    private static AuthenticationSuccessResponse nimbus(Map<String, String> values) {
        Map<String, List<String>> multi = new LinkedHashMap<>();
        values.forEach((k, v) -> multi.put(k, List.of(v)));
        try {
            AuthenticationResponse response = AuthenticationResponseParser.parse(URI.create(CALLBACK), multi);
            assertTrue(response.indicatesSuccess(), values::toString);
            return response.toSuccessResponse();
        } catch (com.nimbusds.oauth2.sdk.ParseException e) {
            throw new AssertionError("Nimbus cannot parse " + values.keySet(), e);
        }
    }

    private static Set<String> expectedParameters(String responseType) {
        Set<String> expected = new LinkedHashSet<>(List.of("state", "iss"));
        List<String> parts = List.of(responseType.split(" "));
        if (parts.contains("code")) {
            expected.add("code");
        }
        if (parts.contains("id_token")) {
            expected.add("id_token");
        }
        if (parts.contains("token")) {
            expected.addAll(ACCESS_TOKEN_PARAMETERS);
        }
        return expected;
    }

    /** OIDC Core §3.3.2.12 / §3.2.2.11: the ID token with IDTokenValidator (nonce), then c_hash and at_hash. */
    static IDTokenClaimsSet validateIdToken(String idToken, Authorization request, String code, String accessToken) {
        try {
            IDTokenValidator validator = new IDTokenValidator(new Issuer(Server.ISSUER), new ClientID(HYBRID_ID),
                    JWSAlgorithm.RS256, new URL(Server.ISSUER + "/oauth/jwks"));
            IDTokenClaimsSet claims = validator.validate(SignedJWT.parse(idToken), request.nonce());
            assertEquals(request.nonce(), claims.getNonce());
            assertEquals(List.of(new com.nimbusds.oauth2.sdk.id.Audience(HYBRID_ID)), claims.getAudience());
            if (code == null) {
                assertNull(claims.getCodeHash(), "no code, no c_hash");
            } else {
                assertNotNull(claims.getCodeHash(), "c_hash with a code");
                assertEquals(CodeHash.compute(new AuthorizationCode(code), JWSAlgorithm.RS256), claims.getCodeHash(),
                        "c_hash binds the code");
            }
            if (accessToken == null) {
                assertNull(claims.getAccessTokenHash(), "no access token, no at_hash");
            } else {
                assertNotNull(claims.getAccessTokenHash(), "at_hash with an access token");
                assertEquals(AccessTokenHash.compute(new BearerAccessToken(accessToken), JWSAlgorithm.RS256),
                        claims.getAccessTokenHash(), "at_hash binds the access token");
            }
            return claims;
        } catch (Exception e) {
            throw new AssertionError("ID token refused: " + e.getMessage(), e);
        }
    }

    /** Everything a relying party checks in a successful hybrid or implicit answer; the code redeemed. */
    private static void checkSuccess(String responseType, String mode, Map<String, String> values,
                                     Authorization request) {
        assertEquals(expectedParameters(responseType), values.keySet(), responseType + " by " + mode);
        assertEquals(request.state().getValue(), values.get("state"));
        assertEquals(Server.ISSUER, values.get("iss"), "RFC 9207 iss");
        AuthenticationSuccessResponse parsed = nimbus(values);
        assertEquals(request.state(), parsed.getState());
        assertEquals(new Issuer(Server.ISSUER), parsed.getIssuer());

        String code = values.get("code");
        String accessToken = values.get("access_token");
        if (accessToken != null) {
            assertEquals("Bearer", values.get("token_type"));
            assertTrue(Integer.parseInt(values.get("expires_in")) > 0, values.get("expires_in"));
            assertEquals(accessToken, parsed.getAccessToken().getValue());
            Oidc.verifyAccessToken(new BearerAccessToken(accessToken), Oidc.ORDERS_API, HYBRID_ID);
            assertEquals("alice", Oidc.userInfo(new BearerAccessToken(accessToken)).getPreferredUsername(),
                    "the front-channel access token works at UserInfo");
        }
        IDTokenClaimsSet front = null;
        if (values.containsKey("id_token")) {
            assertEquals(values.get("id_token"), parsed.getIDToken().getParsedString());
            front = validateIdToken(values.get("id_token"), request, code, accessToken);
        }
        if (code != null) {
            OIDCTokens tokens = Oidc.redeem(HYBRID, code, CALLBACK, request.verifier());
            IDTokenClaimsSet back = Oidc.verifyIdToken(tokens, HYBRID_ID, request.nonce());
            if (front != null) {
                assertEquals(front.getSubject(), back.getSubject(), "OIDC Core §3.3.3.6: the same sub");
                assertEquals(front.getIssuer(), back.getIssuer());
            }
            assertEquals("invalid_grant", Oidc.error(Oidc.redeemHttp(HYBRID, code, CALLBACK, request.verifier()), 400)
                    .getCode(), "the hybrid code is single-use");
        }
    }

    @ParameterizedTest(name = "{0} by {1}")
    @CsvSource({
            "code id_token, fragment",
            "code id_token, form_post",
            "code token, fragment",
            "code token, form_post",
            "code id_token token, fragment",
            "code id_token token, form_post"})
    void hybridAnswersCarryTheirTokensBoundToTheCode(String responseType, String mode) {
        CookieBrowser browser = signedIn();
        Authorization request = request(responseType, mode);
        checkSuccess(responseType, mode, answer(browser.authorize(request), mode, CALLBACK), request);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"code id_token", "code token", "code id_token token"})
    void hybridDefaultsToTheFragment(String responseType) {
        CookieBrowser browser = signedIn();
        Authorization request = request(responseType, null);
        checkSuccess(responseType, "fragment", answer(browser.authorize(request), "fragment", CALLBACK), request);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"id_token", "id_token token"})
    void implicitByFormPostSignsInWithoutACodeOrPkce(String responseType) {
        CookieBrowser browser = signedIn();
        Authorization request = request(responseType, "form_post").set("code_challenge", null)
                .set("code_challenge_method", null);
        Map<String, String> values = answer(browser.authorize(request), "form_post", CALLBACK);
        assertFalse(values.containsKey("code"));
        checkSuccess(responseType, "form_post", values, request);
    }

    @Test
    void implicitFormPostAfterTheLoginPage() {
        CookieBrowser browser = new CookieBrowser();
        Authorization request = request("id_token token", "form_post");
        String login = CookieBrowser.seeOther(browser.authorize(request));
        assertTrue(login.startsWith(Server.ISSUER + "/login?"), login);
        HttpResponse<String> response = browser.submitLogin(browser.get(login), Authorization.ALICE,
                Authorization.ALICE_PASSWORD);
        for (int hop = 0; hop < 4 && response.statusCode() == 303; hop++) {
            String next = CookieBrowser.seeOther(response);
            assertTrue(next.startsWith(Server.ISSUER + "/"), () -> "form_post never redirects to the client: " + next);
            response = browser.get(next);
        }
        checkSuccess("id_token token", "form_post", answer(response, "form_post", CALLBACK), request);
    }

    /** The error of a refused request, read from where it must arrive, after state and iss; no tokens. */
    private static String error(HttpResponse<String> response, String delivery, Authorization request) {
        Map<String, String> values;
        if ("query".equals(delivery)) {
            String location = CookieBrowser.seeOther(response);
            assertTrue(location.startsWith(request.redirectUri() + "?"), location);
            values = new LinkedHashMap<>();
            Map<String, String> into = values;
            RelyingParty.parse(URI.create(location).getRawQuery()).forEach((k, v) -> into.put(k, v.get(0)));
        } else {
            values = answer(response, delivery, request.redirectUri());
        }
        assertEquals(request.state().getValue(), values.get("state"));
        assertEquals(Server.ISSUER, values.get("iss"));
        assertNotNull(values.get("error_description"));
        for (String token : List.of("code", "id_token", "access_token")) {
            assertFalse(values.containsKey(token), "no " + token + " with an error: " + values.keySet());
        }
        return values.get("error");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"code id_token", "code token", "code id_token token", "id_token token"})
    void queryIsRefusedForTokensAndTheErrorGoesToTheFragment(String responseType) {
        Authorization request = request(responseType, "query");
        assertEquals("invalid_request", error(signedIn().authorize(request), "fragment", request));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"id_token", "id_token token"})
    void implicitByFragmentIsRefused(String responseType) {
        Authorization request = request(responseType, "fragment");
        assertEquals("invalid_request", error(signedIn().authorize(request), "fragment", request));
        Authorization byDefault = request(responseType, null);
        assertEquals("invalid_request", error(signedIn().authorize(byDefault), "fragment", byDefault));
    }

    @Test
    void anIdTokenWithoutNonceIsRefused() {
        Authorization hybrid = request("code id_token", null).set("nonce", null);
        assertEquals("invalid_request", error(new CookieBrowser().authorize(hybrid), "fragment", hybrid));
        Authorization implicit = request("id_token", "form_post").set("nonce", null);
        assertEquals("invalid_request", error(new CookieBrowser().authorize(implicit), "form_post", implicit));
    }

    @Test
    void anIdTokenWithoutOpenidIsRefused() {
        Authorization implicit = request("id_token", "form_post").set("scope", "profile");
        assertEquals("invalid_request", error(new CookieBrowser().authorize(implicit), "form_post", implicit));
    }

    @Test
    void hybridWithoutPkceIsRefused() {
        Authorization hybrid = request("code id_token", "form_post").set("code_challenge", null)
                .set("code_challenge_method", null);
        assertEquals("invalid_request", error(new CookieBrowser().authorize(hybrid), "form_post", hybrid));
    }

    @Test
    void anApplicationNotAllowedHybridGetsUnauthorizedClient() {
        Authorization request = Authorization.web().set("response_type", "code id_token");
        HttpResponse<String> response = new CookieBrowser().authorize(request);
        String location = CookieBrowser.seeOther(response);
        assertTrue(location.startsWith(Authorization.WEB_CALLBACK), location);
        // The delivery of this error is not pinned: the type is not one the application may use.
        String delivery = location.startsWith(Authorization.WEB_CALLBACK + "#") ? "fragment" : "query";
        assertEquals("unauthorized_client", error(response, delivery, request));
    }

    @Test
    void anApplicationNotAllowedImplicitGetsUnauthorizedClient() {
        Authorization request = Authorization.web().set("response_type", "id_token").set("response_mode", "form_post");
        HttpResponse<String> response = new CookieBrowser().authorize(request);
        String delivery = response.statusCode() == 200 ? "form_post"
                : CookieBrowser.seeOther(response).startsWith(Authorization.WEB_CALLBACK + "#") ? "fragment" : "query";
        assertEquals("unauthorized_client", error(response, delivery, request));
    }

    @Test
    void responseTypeTokenIsUnsupported() {
        Authorization request = request("token", "form_post");
        HttpResponse<String> response = new CookieBrowser().authorize(request);
        String delivery = response.statusCode() == 200 ? "form_post"
                : CookieBrowser.seeOther(response).startsWith(CALLBACK + "#") ? "fragment" : "query";
        assertEquals("unsupported_response_type", error(response, delivery, request));
    }
}
