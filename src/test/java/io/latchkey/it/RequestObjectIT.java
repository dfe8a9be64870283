package io.latchkey.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import com.sun.net.httpserver.HttpServer;
import io.latchkey.authorize.RequestObjectSigner;
import io.latchkey.it.Oidc.RpClient;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Request objects on the wire (RFC 9101, OIDC Core §6.1): applications registered through the admin API with a
 * JWK Set by value, or by a jwks_uri this test serves on loopback (development mode), send every parameter inside
 * a signed request object (RS256, PS256, ES256, keys from Nimbus) and only client_id, response_type and scope
 * outside; the person signs in, the code redeems, the ID token verifies. A forged object is answered with
 * invalid_request_object at the redirect URI and with the state it named.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RequestObjectIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CALLBACK = Authorization.RP + "/request-object/callback";
    private static final RequestObjectSigner KEYS = new RequestObjectSigner("it-ro-rsa", "it-ro-ec");
    private static final AtomicInteger JWKS_FETCHES = new AtomicInteger();
    private static HttpServer jwksServer;
    private static RpClient byValue;
    private static RpClient byReference;
    private final CookieBrowser browser = new CookieBrowser();

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.war();
    }

    @BeforeAll
    static void registerApplications() throws Exception {
        jwksServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwksServer.createContext("/jwks.json", exchange -> {
            JWKS_FETCHES.incrementAndGet();
            byte[] body = KEYS.publicJwks().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/jwk-set+json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        jwksServer.start();
        String token = adminToken();
        byValue = create(token, "\"jwks\":" + KEYS.publicJwks());
        byReference = create(token, "\"jwks_uri\":\"http://127.0.0.1:" + jwksServer.getAddress().getPort()
                + "/jwks.json\"");
    }

    @AfterAll
    static void stopJwksServer() {
        if (jwksServer != null) {
            jwksServer.stop(0);
        }
    }

    private static String adminToken() throws Exception {
        HttpResponse<String> response = Server.token("it-admin-service",
                IssuedSecrets.remember("it-admin-service-secret-0123456789abcdefghij"),
                "grant_type=client_credentials&scope=latchkey:admin");
        assertEquals(200, response.statusCode(), response::body);
        return IssuedSecrets.remember(JSON.readTree(response.body()).path("access_token").asText());
    }

    private static RpClient create(String token, String keys) throws Exception {
        String clientId = "it-ro-" + Long.toString(System.nanoTime(), 36);
        HttpResponse<String> created = Server.send(HttpRequest.newBuilder(Server.uri("/api/admin/applications"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"client_id\":\"" + clientId + "\",\"type\":\"web\","
                        + "\"redirect_uris\":[\"" + CALLBACK + "\"],\"scopes\":[\"openid\",\"profile\"]," + keys + "}"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json").build());
        assertEquals(201, created.statusCode(), created::body);
        JsonNode body = JSON.readTree(created.body());
        return new RpClient(clientId, IssuedSecrets.remember(body.path("secret").asText()));
    }

    /** Every parameter of {@code plain} inside the object; only client_id, response_type and scope outside. */
    private static Authorization withRequestObject(Authorization plain, String alg) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(plain.clientId()).audience(Server.ISSUER)
                .expirationTime(new Date(System.currentTimeMillis() + 300_000));
        plain.parameters().forEach(claims::claim);
        String jwt = KEYS.sign(alg, claims.build());
        for (String name : List.of("redirect_uri", "state", "nonce", "code_challenge", "code_challenge_method")) {
            plain.set(name, null);
        }
        return plain.set("request", jwt);
    }

    private static Map<String, List<String>> answer(URI redirect) {
        assertTrue(redirect.toString().startsWith(CALLBACK + "?"), redirect::toString);
        return RelyingParty.parse(redirect.getRawQuery());
    }

    private void signsInWith(RpClient client, String alg) {
        Authorization plain = Authorization.of(client.id(), CALLBACK, "openid profile");
        String state = plain.state().getValue();
        Authorization request = withRequestObject(plain, alg);
        Map<String, List<String>> answer = answer(browser.signIn(request, Authorization.ALICE,
                Authorization.ALICE_PASSWORD));
        assertEquals(List.of(state), answer.get("state"), "the state came from inside the request object");
        String code = IssuedSecrets.remember(answer.get("code").get(0));
        OIDCTokens tokens = Oidc.redeem(client, code, CALLBACK, request.verifier());
        Oidc.verifyIdToken(tokens, client.id(), request.nonce());
    }

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "PS256", "ES256"})
    void aSignedRequestObjectSignsAPersonIn(String alg) {
        signsInWith(byValue, alg);
    }

    @Test
    void keysFromAJwksUriVerifyTheRequestObject() {
        signsInWith(byReference, "ES256");
        assertTrue(JWKS_FETCHES.get() >= 1, "the jwks_uri was fetched");
    }

    @Test
    void aForgedRequestObjectIsAnsweredWithInvalidRequestObject() {
        Authorization plain = Authorization.of(byValue.id(), CALLBACK, "openid profile");
        String state = plain.state().getValue();
        RequestObjectSigner forger = new RequestObjectSigner("it-ro-rsa", "it-ro-ec");
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder();
        plain.parameters().forEach(claims::claim);
        Authorization request = plain.set("request", forger.sign("RS256", claims.build())).set("redirect_uri", null)
                .set("state", null);
        Map<String, List<String>> answer = answer(browser.signIn(request, Authorization.ALICE,
                Authorization.ALICE_PASSWORD));
        assertEquals(List.of("invalid_request_object"), answer.get("error"));
        assertEquals(List.of("the request object's signature does not verify"), answer.get("error_description"));
        assertEquals(List.of(state), answer.get("state"));
        assertNull(answer.get("code"));
    }

    @Test
    void anUnsignedRequestObjectIsRefusedWhereNoneIsNotAllowed() {
        Authorization plain = Authorization.of(byValue.id(), CALLBACK, "openid profile");
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder();
        plain.parameters().forEach(claims::claim);
        Authorization request = plain.set("request", RequestObjectSigner.unsigned(claims.build()));
        Map<String, List<String>> answer = answer(browser.signIn(request, Authorization.ALICE,
                Authorization.ALICE_PASSWORD));
        assertEquals(List.of("invalid_request_object"), answer.get("error"));
    }

    @Test
    void requestUriIsNotSupportedAndDiscoverySaysSo() throws Exception {
        Authorization request = Authorization.of(byValue.id(), CALLBACK, "openid profile")
                .set("request_uri", "https://rp.example.test/request.jwt");
        assertEquals(List.of("request_uri_not_supported"), answer(browser.signIn(request, Authorization.ALICE,
                Authorization.ALICE_PASSWORD)).get("error"));
        JsonNode discovery = JSON.readTree(Server.get("/.well-known/openid-configuration").body());
        assertTrue(discovery.path("request_parameter_supported").asBoolean());
        assertEquals(false, discovery.path("request_uri_parameter_supported").asBoolean(true));
        assertEquals(List.of("RS256", "PS256", "ES256"), JSON.convertValue(
                discovery.path("request_object_signing_alg_values_supported"), List.class));
    }
}
