package io.latchkey.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionSuccessResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Introspection (RFC 7662, RFC 9701), revocation (RFC 7009) and token info, checked from outside. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TokenControlIT {
    private static final String FORM = "application/x-www-form-urlencoded";

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.war();
    }

    @Test
    void theIssuingServiceIntrospectsItsTokenWithAStrictClientLibrary() throws Exception {
        String token = serviceToken("orders:read orders:write");
        TokenIntrospectionRequest request = new TokenIntrospectionRequest(Server.uri("/oauth/introspect"),
                new ClientSecretBasic(new ClientID(Server.SERVICE_ID), new Secret(Server.SERVICE_SECRET)),
                new BearerAccessToken(token));
        TokenIntrospectionResponse response = TokenIntrospectionResponse.parse(request.toHTTPRequest().send());
        assertTrue(response.indicatesSuccess());
        TokenIntrospectionSuccessResponse success = response.toSuccessResponse();
        assertTrue(success.isActive());
        assertEquals(Server.SERVICE_ID, success.getClientID().getValue());
        assertEquals("client:" + Server.SERVICE_ID, success.getSubject().getValue());
        assertEquals(Set.of("orders:read", "orders:write"), Set.copyOf(success.getScope().toStringList()));
        assertEquals(Server.ISSUER, success.getIssuer().getValue());
        assertEquals("https://api.example.test/orders", success.getAudience().get(0).getValue());
        assertEquals("Bearer", success.getTokenType().getValue());
        assertTrue(success.getExpirationTime().getTime() > System.currentTimeMillis());
    }

    @Test
    void anotherApplicationSeesExactlyInactive() throws Exception {
        String token = serviceToken("orders:read");
        HttpResponse<String> response = post("/oauth/introspect", "token=" + token,
                Server.basic(Server.WEB_ID, Server.WEB_SECRET), null);
        assertEquals(200, response.statusCode());
        assertEquals(Map.of("active", false), JSONObjectUtils.parse(response.body()));
    }

    @Test
    void garbageAndTamperedTokensAreExactlyInactive() throws Exception {
        String token = serviceToken("orders:read");
        String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
        for (String value : List.of("garbage", tampered, "a.b.c", IssuedSecrets.remember("x".repeat(43)))) {
            HttpResponse<String> response = post("/oauth/introspect", "token=" + Server.form(value),
                    Server.basic(Server.SERVICE_ID, Server.SERVICE_SECRET), null);
            assertEquals(200, response.statusCode());
            assertEquals("{\"active\":false}", response.body(), value);
        }
    }

    @Test
    void theJwtResponseIsSignedForTheCaller() throws Exception {
        String token = serviceToken("orders:read");
        HttpResponse<String> response = post("/oauth/introspect", "token=" + token,
                Server.basic(Server.SERVICE_ID, Server.SERVICE_SECRET), "application/token-introspection+jwt");
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/token-introspection+jwt"));
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("token-introspection+jwt")));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
                JWKSourceBuilder.create(new URL(Server.ISSUER + "/oauth/jwks")).build()));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(Server.SERVICE_ID,
                new JWTClaimsSet.Builder().issuer(Server.ISSUER).build(), Set.of("iat", "token_introspection")));
        JWTClaimsSet claims = processor.process(response.body(), null);
        assertEquals(Boolean.TRUE, claims.getJSONObjectClaim("token_introspection").get("active"));
    }

    @Test
    void aRevokedAccessTokenIsInactiveEverywhere() throws Exception {
        String token = serviceToken("orders:read");
        assertEquals(200, post("/oauth/revoke", "token=" + token + "&token_type_hint=access_token",
                Server.basic(Server.SERVICE_ID, Server.SERVICE_SECRET), null).statusCode());
        HttpResponse<String> introspected = post("/oauth/introspect", "token=" + token,
                Server.basic(Server.SERVICE_ID, Server.SERVICE_SECRET), null);
        assertEquals("{\"active\":false}", introspected.body());
        assertEquals(Map.of("active", false), JSONObjectUtils.parse(info(token).body()));
    }

    @Test
    void revokingAnotherApplicationsTokenAnswers200AndChangesNothing() throws Exception {
        String token = serviceToken("orders:read");
        HttpResponse<String> revoked = post("/oauth/revoke", "token=" + token,
                Server.basic(Server.WEB_ID, Server.WEB_SECRET), null);
        assertEquals(200, revoked.statusCode());
        assertEquals("", revoked.body());
        assertEquals(Boolean.TRUE, JSONObjectUtils.parse(info(token).body()).get("active"));
    }

    @Test
    void tokenInfoDescribesABearerToken() throws Exception {
        String token = serviceToken("orders:read");
        HttpResponse<String> response = info(token);
        assertEquals(200, response.statusCode());
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
        Map<String, Object> json = JSONObjectUtils.parse(response.body());
        assertEquals(Boolean.TRUE, json.get("active"));
        assertEquals(Server.SERVICE_ID, json.get("client_id"));
        assertEquals("orders:read", json.get("scope"));
        long expiresIn = ((Number) json.get("expires_in")).longValue();
        assertTrue(expiresIn > 3500 && expiresIn <= 3600, "expires_in " + expiresIn);
    }

    @Test
    void tokensInTheQueryStringAreRefusedByEveryEndpoint() throws Exception {
        String token = serviceToken("orders:read");
        List<String> failures = new ArrayList<>();
        for (String path : List.of("/oauth/info?access_token=", "/oauth/userinfo?access_token=")) {
            HttpResponse<String> response = Server.get(path + token);
            if (response.statusCode() != 400 || !response.body().contains("\"invalid_request\"")) {
                failures.add(path + " -> " + response.statusCode());
            }
        }
        for (String path : List.of("/oauth/introspect?token=", "/oauth/revoke?token=", "/oauth/token?client_secret=")) {
            HttpResponse<String> response = post(path + token, "token=x&grant_type=client_credentials",
                    Server.basic(Server.SERVICE_ID, Server.SERVICE_SECRET), null);
            if (response.statusCode() != 400 || !response.body().contains("\"invalid_request\"")) {
                failures.add(path + " -> " + response.statusCode());
            }
        }
        assertEquals(List.of(), failures);
        assertEquals(Boolean.TRUE, JSONObjectUtils.parse(info(token).body()).get("active"),
                "a refused request does not revoke anything");
    }

    @Test
    void referenceAccessTokensAreOpaqueIntrospectableAndRevokedAtOnce() throws Exception {
        String secret = IssuedSecrets.remember("it-reference-secret-0123456789abcdefghijklmn");
        HttpResponse<String> issued = Server.token("it-reference-service", secret,
                "grant_type=client_credentials&scope=orders%3Aread");
        assertEquals(200, issued.statusCode(), issued.body());
        String token = IssuedSecrets.remember((String) JSONObjectUtils.parse(issued.body()).get("access_token"));
        assertTrue(token.matches("lk_at_[0-9A-Za-z]{49}"), "an opaque lk_at_ token, not a JWT");

        // The orders API (it-service holds orders:read) sees it active, with the API as audience.
        Map<String, Object> seen = JSONObjectUtils.parse(post("/oauth/introspect", "token=" + token,
                Server.basic(Server.SERVICE_ID, Server.SERVICE_SECRET), null).body());
        assertEquals(Boolean.TRUE, seen.get("active"));
        assertEquals("it-reference-service", seen.get("client_id"));
        assertEquals("https://api.example.test/orders", seen.get("aud"));
        assertEquals(Boolean.TRUE, JSONObjectUtils.parse(info(token).body()).get("active"));

        assertEquals(200, post("/oauth/revoke", "token=" + token, Server.basic("it-reference-service", secret), null)
                .statusCode());
        assertEquals("{\"active\":false}", post("/oauth/introspect", "token=" + token,
                Server.basic(Server.SERVICE_ID, Server.SERVICE_SECRET), null).body());
        assertEquals(Map.of("active", false), JSONObjectUtils.parse(info(token).body()));
    }

    /** One malformed introspection or revocation request and its exact answer. */
    record Case(String name, String method, String path, String contentType, String body, String authorization,
                int status, String error) {
    }

    @Test
    void malformedIntrospectionAndRevocationRequestsGetExactErrors() throws Exception {
        String basic = Server.basic(Server.SERVICE_ID, Server.SERVICE_SECRET);
        String wrong = Server.basic(Server.SERVICE_ID, "wrong-secret-of-the-service-0123456789");
        List<Case> cases = new ArrayList<>();
        for (String path : List.of("/oauth/introspect", "/oauth/revoke")) {
            cases.add(new Case("no client authentication", "POST", path, FORM, "token=abc", null, 401, "invalid_client"));
            cases.add(new Case("wrong secret", "POST", path, FORM, "token=abc", wrong, 401, "invalid_client"));
            cases.add(new Case("disabled application", "POST", path, FORM, "token=abc",
                    Server.basic(Server.DISABLED_ID, Server.DISABLED_SECRET), 401, "invalid_client"));
            cases.add(new Case("no token", "POST", path, FORM, "token_type_hint=access_token", basic, 400,
                    "invalid_request"));
            cases.add(new Case("empty token", "POST", path, FORM, "token=", basic, 400, "invalid_request"));
            cases.add(new Case("repeated token", "POST", path, FORM, "token=a&token=b", basic, 400, "invalid_request"));
            cases.add(new Case("JSON body", "POST", path, "application/json", "{\"token\":\"abc\"}", basic, 400,
                    "invalid_request"));
            cases.add(new Case("no content type", "POST", path, null, "token=abc", basic, 400, "invalid_request"));
            cases.add(new Case("Latin-1 charset", "POST", path, FORM + "; charset=ISO-8859-1", "token=abc", basic, 400,
                    "invalid_request"));
            cases.add(new Case("bad percent escape", "POST", path, FORM, "token=%ZZ", basic, 400, "invalid_request"));
            cases.add(new Case("Basic and client_secret", "POST", path, FORM,
                    "token=abc&client_secret=" + Server.form(Server.SERVICE_SECRET), basic, 400, "invalid_request"));
            cases.add(new Case("malformed Basic", "POST", path, FORM, "token=abc", "Basic %%%", 401, "invalid_client"));
            cases.add(new Case("GET", "GET", path, null, null, basic, 405, "invalid_request"));
            cases.add(new Case("oversized body", "POST", path, FORM, "token=" + "a".repeat(70_000), basic, 400,
                    "invalid_request"));
        }
        cases.add(new Case("a public application may not introspect", "POST", "/oauth/introspect", FORM,
                "token=abc&client_id=" + Server.SPA_ID, null, 401, "invalid_client"));
        cases.add(new Case("unknown token is revoked quietly", "POST", "/oauth/revoke", FORM, "token=unknown",
                basic, 200, null));
        cases.add(new Case("a public application may revoke", "POST", "/oauth/revoke", FORM,
                "token=unknown&client_id=" + Server.SPA_ID, null, 200, null));
        cases.add(new Case("unknown hint is only a hint", "POST", "/oauth/revoke", FORM,
                "token=unknown&token_type_hint=something_else", basic, 200, null));
        assertTrue(cases.size() >= 20);
        List<String> failures = new ArrayList<>();
        for (Case c : cases) {
            HttpRequest.Builder builder = HttpRequest.newBuilder(Server.uri(c.path()));
            if (c.contentType() != null) {
                builder.header("Content-Type", c.contentType());
            }
            if (c.authorization() != null) {
                builder.header("Authorization", c.authorization());
            }
            builder.method(c.method(), c.body() == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(c.body(), StandardCharsets.UTF_8));
            HttpResponse<String> response = Server.send(builder.build());
            if (response.statusCode() != c.status()) {
                failures.add(c.path() + " " + c.name() + ": status " + response.statusCode() + " " + response.body());
            } else if (c.error() != null && !c.error().equals(JSONObjectUtils.parse(response.body()).get("error"))) {
                failures.add(c.path() + " " + c.name() + ": " + response.body());
            } else if (c.status() == 401 && response.headers().firstValue("WWW-Authenticate").isEmpty()) {
                failures.add(c.path() + " " + c.name() + ": 401 without WWW-Authenticate");
            }
        }
        assertEquals(List.of(), failures);
    }

    private static String serviceToken(String scope) throws Exception {
        HttpResponse<String> response = Server.token(Server.SERVICE_ID, Server.SERVICE_SECRET,
                "grant_type=client_credentials&scope=" + Server.form(scope));
        assertEquals(200, response.statusCode(), response.body());
        return IssuedSecrets.remember((String) JSONObjectUtils.parse(response.body()).get("access_token"));
    }

    private static HttpResponse<String> info(String token) {
        return Server.send(HttpRequest.newBuilder(Server.uri("/oauth/info"))
                .header("Authorization", "Bearer " + token).GET().build());
    }

    private static HttpResponse<String> post(String path, String body, String authorization, String accept) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(Server.uri(path)).header("Content-Type", FORM)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        if (accept != null) {
            builder.header("Accept", accept);
        }
        return Server.send(builder.build());
    }
}
