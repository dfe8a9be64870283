package io.latchkey.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import io.latchkey.it.Oidc.RpClient;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The exceptions an operator may allow a web application (it-relaxed in it-import.json: "pkce": "optional",
 * "implicit_by_fragment": true), on the wire: a server-side relying party that sends no PKCE signs a person in
 * with code and nonce, and only that application; its codes never take a verifier; its implicit responses may
 * come in the fragment, everyone else's only by form_post.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ProtocolExceptionsIT {
    static final String RELAXED_ID = "it-relaxed";
    static final String CALLBACK = Authorization.RP + "/relaxed/callback";
    static final RpClient RELAXED = new RpClient(RELAXED_ID,
            IssuedSecrets.remember("it-relaxed-secret-0123456789abcdefghijklmn"));
    private final CookieBrowser browser = new CookieBrowser();

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.war();
    }

    private static Authorization withoutPkce(String clientId, String redirectUri, String scope) {
        return Authorization.of(clientId, redirectUri, scope).set("code_challenge", null)
                .set("code_challenge_method", null);
    }

    private String code(Authorization request) {
        return CookieBrowser.code(browser.signIn(request, Authorization.ALICE, Authorization.ALICE_PASSWORD), request);
    }

    @Test
    void anApplicationAllowedToOmitPkceSignsAPersonInWithCodeAndNonce() {
        Authorization request = withoutPkce(RELAXED_ID, CALLBACK, "openid profile");
        String code = code(request);
        OIDCTokens tokens = Oidc.redeem(RELAXED, code, CALLBACK, null);
        Oidc.verifyIdToken(tokens, RELAXED_ID, request.nonce());
        assertEquals(200, Oidc.userInfoHttp(tokens.getAccessToken().getValue()).statusCode());
    }

    @Test
    void anApplicationThatRequiresPkceIsRefusedWithoutIt() {
        Authorization request = withoutPkce(Server.WEB_ID, Authorization.WEB_CALLBACK, "openid profile");
        URI redirect = browser.signIn(request, Authorization.ALICE, Authorization.ALICE_PASSWORD);
        assertTrue(redirect.toString().startsWith(Authorization.WEB_CALLBACK + "?"), redirect::toString);
        Map<String, List<String>> parameters = RelyingParty.parse(redirect.getRawQuery());
        assertEquals(List.of("invalid_request"), parameters.get("error"), redirect::toString);
        assertEquals(List.of("code_challenge is required (PKCE, S256)"), parameters.get("error_description"));
        assertEquals(List.of(request.state().getValue()), parameters.get("state"));
        assertNull(parameters.get("code"));
    }

    /** RFC 9700 §4.8.2: a code issued without a challenge redeemed with a verifier is an invalid_grant. */
    @Test
    void aCodeIssuedWithoutAChallengeRedeemedWithAVerifierIsAnInvalidGrant() {
        Authorization request = withoutPkce(RELAXED_ID, CALLBACK, "openid");
        String code = code(request);
        assertEquals("invalid_grant",
                Oidc.error(Oidc.redeemHttp(RELAXED, code, CALLBACK, request.verifier()), 400).getCode());
        assertEquals("invalid_grant", Oidc.error(Oidc.redeemHttp(RELAXED, code, CALLBACK, null), 400).getCode(),
                "the refused redemption burnt the code");
    }

    @Test
    void aCodeIssuedWithAChallengeNeedsItsVerifierWherePkceIsOptional() {
        Authorization request = Authorization.of(RELAXED_ID, CALLBACK, "openid");
        String code = code(request);
        assertEquals("invalid_grant", Oidc.error(Oidc.redeemHttp(RELAXED, code, CALLBACK, null), 400).getCode());
    }

    @Test
    void implicitResponsesComeInTheFragmentOnlyWhereAllowed() {
        Authorization request = withoutPkce(RELAXED_ID, CALLBACK, "openid").set("response_type", "id_token");
        URI redirect = browser.signIn(request, Authorization.ALICE, Authorization.ALICE_PASSWORD);
        assertTrue(redirect.toString().startsWith(CALLBACK + "#"), redirect::toString);
        assertNull(redirect.getRawQuery(), redirect::toString);
        Map<String, List<String>> fragment = RelyingParty.parse(redirect.getRawFragment());
        IssuedSecrets.remember(fragment.get("id_token").get(0));
        assertEquals(List.of(request.state().getValue()), fragment.get("state"));

        Authorization strict = withoutPkce(HybridAndImplicitIT.HYBRID_ID, HybridAndImplicitIT.CALLBACK, "openid")
                .set("response_type", "id_token").set("response_mode", "fragment");
        URI refused = browser.signIn(strict, Authorization.ALICE, Authorization.ALICE_PASSWORD);
        Map<String, List<String>> error = RelyingParty.parse(refused.getRawFragment());
        assertEquals(List.of("invalid_request"), error.get("error"), refused::toString);
        assertEquals(List.of("implicit responses are only sent with response_mode=form_post"),
                error.get("error_description"));
    }

    /**
     * The admin API: the exceptions are fields of the application, flagged by its read-only warnings; a public
     * application may not have them; a merge patch of an application that has them keeps them.
     */
    @Test
    void theAdminApiFlagsTheExceptionsAndRefusesThemForAPublicApplication() throws Exception {
        ObjectMapper json = new ObjectMapper();
        HttpResponse<String> tokenResponse = Server.token("it-admin-service",
                IssuedSecrets.remember("it-admin-service-secret-0123456789abcdefghij"),
                "grant_type=client_credentials&scope=latchkey:admin");
        assertEquals(200, tokenResponse.statusCode(), tokenResponse::body);
        String token = IssuedSecrets.remember(json.readTree(tokenResponse.body()).path("access_token").asText());
        String clientId = "it-rp-" + Long.toString(System.nanoTime(), 36);

        HttpResponse<String> refused = admin(token, "POST", "", "application/json", "{\"client_id\":\"" + clientId
                + "\",\"type\":\"spa\",\"redirect_uris\":[\"https://spa.example.test/cb\"],"
                + "\"scopes\":[\"openid\"],\"pkce\":\"optional\"}", null);
        assertEquals(400, refused.statusCode(), refused::body);
        assertTrue(refused.body().contains("\"pkce\""), refused::body);

        HttpResponse<String> created = admin(token, "POST", "", "application/json", "{\"client_id\":\"" + clientId
                + "\",\"type\":\"web\",\"redirect_uris\":[\"https://rp.example.test/cb\"],"
                + "\"scopes\":[\"openid\"],\"pkce\":\"optional\"}", null);
        assertEquals(201, created.statusCode(), created::body);
        JsonNode body = json.readTree(created.body());
        IssuedSecrets.remember(body.path("secret").asText());
        assertEquals("optional", body.path("pkce").asText());
        assertEquals(1, body.path("warnings").size(), created::body);

        HttpResponse<String> patched = admin(token, "PATCH", "/" + clientId, "application/merge-patch+json",
                "{\"name\":\"Renamed RP\"}", created.headers().firstValue("ETag").orElseThrow());
        assertEquals(200, patched.statusCode(), patched::body);
        assertEquals("optional", json.readTree(patched.body()).path("pkce").asText());
        assertEquals("Renamed RP", json.readTree(patched.body()).path("name").asText());
    }

    private static HttpResponse<String> admin(String token, String method, String path, String contentType,
                                              String body, String ifMatch) {
        HttpRequest.Builder request = HttpRequest.newBuilder(Server.uri("/api/admin/applications" + path))
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + token).header("Content-Type", contentType);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return Server.send(request.build());
    }
}
