package io.latchkey.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * CORS as a browser would see it (the Fetch standard): preflights and the answers' headers, for the origins of
 * it-import.json's applications. it-spa's origin is its redirect URIs' (the relying party's loopback port);
 * it-spa-elsewhere lists explicit web_origins; it-web is confidential.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CrossOriginIT {
    private static final String SPA_ORIGIN = Authorization.RP;
    private static final String ELSEWHERE_ORIGIN = "http://127.0.0.1:19127";
    private static final String WEB_ORIGIN = "https://app.example.test";
    private static final String STRANGER = "https://evil.example";

    private final CookieBrowser browser = new CookieBrowser();

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.war();
    }

    private static HttpResponse<String> preflight(String path, String origin, String method, String headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(Server.uri(path))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin).header("Access-Control-Request-Method", method);
        if (headers != null) {
            request.header("Access-Control-Request-Headers", headers);
        }
        return Server.send(request.build());
    }

    private static HttpResponse<String> post(String path, String origin, Map<String, String> form) {
        HttpRequest.Builder request = HttpRequest.newBuilder(Server.uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(Server.form(form)));
        Optional.ofNullable(origin).ifPresent(o -> request.header("Origin", o));
        return Server.send(request.build());
    }

    private static Optional<String> allowOrigin(HttpResponse<?> response) {
        return response.headers().firstValue("Access-Control-Allow-Origin");
    }

    /** Vary: Origin on every answer, never credentials mode. */
    private static void assertCorsHygiene(HttpResponse<?> response) {
        assertTrue(response.headers().allValues("Vary").stream().anyMatch(v -> v.contains("Origin")),
                () -> "Vary: Origin in " + response.headers().map());
        assertFalse(response.headers().firstValue("Access-Control-Allow-Credentials").isPresent());
    }

    private static Map<String, String> codeRedemption(String code, Authorization request) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", request.redirectUri());
        form.put("client_id", request.clientId());
        form.put("code_verifier", request.verifier().getValue());
        return form;
    }

    @Test
    void discoveryAndJwksAreReadableFromEveryOrigin() {
        for (String path : List.of("/.well-known/openid-configuration", "/.well-known/oauth-authorization-server",
                "/oauth/jwks")) {
            HttpResponse<String> answer = Server.send(HttpRequest.newBuilder(Server.uri(path))
                    .header("Origin", STRANGER).GET().build());
            assertEquals(200, answer.statusCode(), path);
            assertEquals(Optional.of("*"), allowOrigin(answer), path);
            assertCorsHygiene(answer);

            HttpResponse<String> preflight = preflight(path, STRANGER, "GET", null);
            assertEquals(204, preflight.statusCode(), path);
            assertEquals(Optional.of("*"), allowOrigin(preflight), path);
            assertEquals(Optional.of("GET"), preflight.headers().firstValue("Access-Control-Allow-Methods"), path);
            assertEquals(Optional.of("600"), preflight.headers().firstValue("Access-Control-Max-Age"), path);
            assertCorsHygiene(preflight);
        }
    }

    @Test
    void tokenPreflightAllowsPublicApplicationsOriginsOnly() {
        for (String origin : List.of(SPA_ORIGIN, ELSEWHERE_ORIGIN, "https://spa.example.test")) {
            HttpResponse<String> preflight = preflight("/oauth/token", origin, "POST", "content-type");
            assertEquals(204, preflight.statusCode(), origin);
            assertEquals(Optional.of(origin), allowOrigin(preflight));
            assertEquals(Optional.of("POST"), preflight.headers().firstValue("Access-Control-Allow-Methods"));
            assertEquals(Optional.of("Content-Type"), preflight.headers().firstValue("Access-Control-Allow-Headers"));
            assertEquals(Optional.of("600"), preflight.headers().firstValue("Access-Control-Max-Age"));
            assertCorsHygiene(preflight);
        }
        for (String origin : List.of(STRANGER, WEB_ORIGIN, "null")) {
            HttpResponse<String> preflight = preflight("/oauth/token", origin, "POST", "content-type");
            assertEquals(204, preflight.statusCode(), origin);
            assertEquals(Optional.empty(), allowOrigin(preflight), origin);
            assertFalse(preflight.headers().firstValue("Access-Control-Allow-Methods").isPresent(), origin);
            assertCorsHygiene(preflight);
        }
        HttpResponse<String> introspection = preflight("/oauth/introspect", SPA_ORIGIN, "POST", "authorization");
        assertEquals(Optional.empty(), allowOrigin(introspection), "introspection is for resource servers");
    }

    @Test
    void aSpaReadsItsCodeExchangeUserinfoAndRevocationFromItsOwnOrigin() throws Exception {
        Authorization request = Authorization.of(Server.SPA_ID, Authorization.SPA_CALLBACK, "openid profile");
        String code = CookieBrowser.code(browser.signIn(request, Authorization.ALICE, Authorization.ALICE_PASSWORD),
                request);

        HttpResponse<String> tokens = post("/oauth/token", SPA_ORIGIN, codeRedemption(code, request));
        assertEquals(200, tokens.statusCode(), tokens.body());
        assertEquals(Optional.of(SPA_ORIGIN), allowOrigin(tokens));
        assertCorsHygiene(tokens);
        String accessToken = IssuedSecrets.remember((String) JSONObjectUtils.parse(tokens.body()).get("access_token"));

        HttpResponse<String> userinfoPreflight = preflight("/oauth/userinfo", SPA_ORIGIN, "GET", "authorization");
        assertEquals(Optional.of(SPA_ORIGIN), allowOrigin(userinfoPreflight));
        assertEquals(Optional.of("Authorization, Content-Type"),
                userinfoPreflight.headers().firstValue("Access-Control-Allow-Headers"));
        HttpResponse<String> userinfo = Server.send(HttpRequest.newBuilder(Server.uri("/oauth/userinfo"))
                .header("Origin", SPA_ORIGIN).header("Authorization", "Bearer " + accessToken).GET().build());
        assertEquals(200, userinfo.statusCode(), userinfo.body());
        assertEquals(Optional.of(SPA_ORIGIN), allowOrigin(userinfo));
        assertCorsHygiene(userinfo);

        HttpResponse<String> revoked = post("/oauth/revoke", SPA_ORIGIN,
                Map.of("token", accessToken, "client_id", Server.SPA_ID));
        assertEquals(200, revoked.statusCode(), revoked.body());
        assertEquals(Optional.of(SPA_ORIGIN), allowOrigin(revoked));
        assertCorsHygiene(revoked);

        HttpResponse<String> refused = Server.send(HttpRequest.newBuilder(Server.uri("/oauth/userinfo"))
                .header("Origin", SPA_ORIGIN).header("Authorization", "Bearer " + accessToken).GET().build());
        assertEquals(401, refused.statusCode());
        assertEquals(Optional.of(SPA_ORIGIN), allowOrigin(refused), "the page can read why");
        assertEquals(Optional.of("WWW-Authenticate"), refused.headers().firstValue("Access-Control-Expose-Headers"));
    }

    @Test
    void aPublicApplicationsErrorsAreReadableByItsOwnPagesOnly() {
        Map<String, String> bogus = Map.of("grant_type", "authorization_code", "code", "no-such-code",
                "redirect_uri", Authorization.SPA_CALLBACK, "client_id", Server.SPA_ID, "code_verifier",
                "a".repeat(43));

        HttpResponse<String> own = post("/oauth/token", SPA_ORIGIN, bogus);
        assertEquals(400, own.statusCode());
        assertTrue(own.body().contains("\"invalid_grant\""), own.body());
        assertEquals(Optional.of(SPA_ORIGIN), allowOrigin(own));

        for (String origin : List.of(STRANGER, ELSEWHERE_ORIGIN)) {
            HttpResponse<String> foreign = post("/oauth/token", origin, bogus);
            assertEquals(400, foreign.statusCode(), "answered as usual");
            assertTrue(foreign.body().contains("\"invalid_grant\""), foreign.body());
            assertEquals(Optional.empty(), allowOrigin(foreign), origin + " is not it-spa's");
            assertCorsHygiene(foreign);
        }
        HttpResponse<String> withoutOrigin = post("/oauth/token", null, bogus);
        assertEquals(Optional.empty(), allowOrigin(withoutOrigin));
        assertCorsHygiene(withoutOrigin);
    }

    @Test
    void aConfidentialClientsTokenRequestNeverGetsCors() {
        for (String origin : List.of(WEB_ORIGIN, SPA_ORIGIN)) {
            HttpResponse<String> answer = Server.send(HttpRequest.newBuilder(Server.uri("/oauth/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", origin)
                    .header("Authorization", Server.basic(Server.WEB_ID, Server.WEB_SECRET))
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&refresh_token=nope"))
                    .build());
            assertEquals(400, answer.statusCode(), answer.body());
            assertEquals(Optional.empty(), allowOrigin(answer), origin);
            assertCorsHygiene(answer);
        }
        // client_secret_post naming a public client_id is still an authenticating request.
        HttpResponse<String> posted = post("/oauth/token", SPA_ORIGIN, Map.of("grant_type", "refresh_token",
                "refresh_token", "nope", "client_id", Server.SPA_ID, "client_secret", "x".repeat(40)));
        assertEquals(Optional.empty(), allowOrigin(posted));
    }

    @Test
    void anApplicationsExplicitWebOriginsReplaceItsRedirectUrisOrigin() {
        Map<String, String> refresh = Map.of("grant_type", "refresh_token", "refresh_token", "nope",
                "client_id", "it-spa-elsewhere");
        assertEquals(Optional.of(ELSEWHERE_ORIGIN), allowOrigin(post("/oauth/token", ELSEWHERE_ORIGIN, refresh)));
        assertEquals(Optional.empty(), allowOrigin(post("/oauth/token", SPA_ORIGIN, refresh)),
                "the redirect URIs' origin is not one of its web_origins");
    }
}
