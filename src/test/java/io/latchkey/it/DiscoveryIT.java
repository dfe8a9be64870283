package io.latchkey.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.SubjectType;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Boot, migrations, discovery and JWKS on a real container, read with an independent JOSE library. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DiscoveryIT {

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.war();
    }

    @Test
    void bothMetadataDocumentsNameTheConfiguredIssuerByteForByte() throws Exception {
        for (String path : List.of("/.well-known/openid-configuration", "/.well-known/oauth-authorization-server")) {
            HttpResponse<String> response = Server.get(path);
            assertEquals(200, response.statusCode(), path);
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
            Map<String, Object> metadata = JSONObjectUtils.parse(response.body());
            assertEquals(Server.ISSUER, metadata.get("issuer"));
            assertEquals(Server.ISSUER + "/oauth/token", metadata.get("token_endpoint"));
            assertEquals(Server.ISSUER + "/oauth/jwks", metadata.get("jwks_uri"));
            assertEquals(List.of("authorization_code", "client_credentials", "refresh_token"),
                    metadata.get("grant_types_supported"));
            assertEquals(List.of("client_secret_basic", "client_secret_post", "none"),
                    metadata.get("token_endpoint_auth_methods_supported"));
            List<?> responseTypes = (List<?>) metadata.get("response_types_supported");
            assertTrue(responseTypes.contains("code"), "code for every application: " + responseTypes);
            assertEquals(java.util.Set.of("code", "code id_token", "code token", "code id_token token", "id_token",
                    "id_token token"), java.util.Set.copyOf(responseTypes),
                    "code, and exactly the hybrid and implicit types it-hybrid is allowed (no \"token\")");
            assertEquals(6, responseTypes.size(), "each once: " + responseTypes);
            assertEquals(List.of("S256"), metadata.get("code_challenge_methods_supported"));
            assertEquals(Boolean.TRUE, metadata.get("authorization_response_iss_parameter_supported"));
            for (String endpoint : List.of("authorization_endpoint", "userinfo_endpoint", "end_session_endpoint")) {
                assertTrue(((String) metadata.get(endpoint)).startsWith(Server.ISSUER + "/oauth/"), endpoint);
            }
            for (String endpoint : List.of("introspection_endpoint", "revocation_endpoint")) {
                assertTrue(((String) metadata.get(endpoint)).startsWith(Server.ISSUER + "/oauth/"), endpoint);
            }
            assertFalse(metadata.containsKey("device_authorization_endpoint"), "nothing unimplemented is advertised");
            assertTrue(((List<?>) metadata.get("scopes_supported")).contains("orders:read"),
                    "scopes from the import file (so migrations and import ran)");
        }
    }

    @Test
    void jwksAndMetadataCarryAStrongETagAndAnswerAConditionalGetWith304() {
        for (String path : List.of("/oauth/jwks", "/.well-known/openid-configuration",
                "/.well-known/oauth-authorization-server")) {
            HttpResponse<String> first = Server.get(path);
            String tag = first.headers().firstValue("ETag").orElseThrow(() -> new AssertionError(path + ": no ETag"));
            assertTrue(tag.startsWith("\"") && tag.endsWith("\""), "a strong tag: " + tag);
            assertEquals(first.body(), Server.get(path).body(), path);
            assertEquals(tag, Server.get(path).headers().firstValue("ETag").orElseThrow(), "unchanged: " + path);
            HttpResponse<String> again = Server.send(HttpRequest.newBuilder(Server.uri(path))
                    .header("If-None-Match", "\"other\", " + tag).GET().build());
            assertEquals(304, again.statusCode(), path);
            assertEquals("", again.body());
            assertEquals(Optional.of(tag), again.headers().firstValue("ETag"), "RFC 9110 §15.4.5: " + path);
            assertEquals(first.headers().firstValue("Cache-Control"), again.headers().firstValue("Cache-Control"));
            HttpResponse<String> stale = Server.send(HttpRequest.newBuilder(Server.uri(path))
                    .header("If-None-Match", "\"other\"").GET().build());
            assertEquals(200, stale.statusCode(), path);
            assertEquals(first.body(), stale.body());
        }
    }

    @Test
    void openIdMetadataSatisfiesAStrictRelyingPartyLibrary() throws Exception {
        OIDCProviderMetadata metadata = OIDCProviderMetadata.parse(
                Server.get("/.well-known/openid-configuration").body());
        assertEquals(new Issuer(Server.ISSUER), metadata.getIssuer());
        assertEquals(Server.ISSUER + "/oauth/authorize", metadata.getAuthorizationEndpointURI().toString());
        assertTrue(metadata.getSubjectTypes().contains(SubjectType.PUBLIC));
        assertTrue(metadata.getIDTokenJWSAlgs().contains(JWSAlgorithm.RS256));
        assertTrue(metadata.supportsAuthorizationResponseIssuerParam());
    }

    @Test
    void jwksPublishesOnlyPublicRsaPartsWithACacheLifetime() throws Exception {
        HttpResponse<String> response = Server.get("/oauth/jwks");
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Cache-Control").orElse("").matches("public, max-age=\\d+"));
        JWKSet set = JWKSet.parse(response.body());
        assertFalse(set.getKeys().isEmpty());
        for (JWK jwk : set.getKeys()) {
            RSAKey key = jwk.toRSAKey();
            assertFalse(key.isPrivate(), "no private parameters");
            assertEquals("sig", key.getKeyUse().identifier());
            assertEquals("RS256", key.getAlgorithm().getName());
            assertEquals(2048, key.size());
            assertEquals(key.computeThumbprint().toString(), key.getKeyID(), "kid is the RFC 7638 thumbprint");
            Map<String, Object> raw = JSONObjectUtils.parse(JSONObjectUtils.toJSONString(jwk.toJSONObject()));
            assertEquals(Map.of("kty", "RSA", "kid", key.getKeyID(), "use", "sig", "alg", "RS256",
                    "n", key.getModulus().toString(), "e", key.getPublicExponent().toString()), raw);
        }
    }

    @Test
    void securityHeadersAreOnEveryResponse() {
        HttpResponse<String> response = Server.get("/oauth/jwks");
        assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertEquals("same-origin", response.headers().firstValue("Referrer-Policy").orElse(""));
        assertTrue(response.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'none'"));
        assertTrue(response.headers().firstValue("X-Request-Id").isPresent());
        assertTrue(response.headers().firstValue("Strict-Transport-Security").isEmpty(),
                "no HSTS over development-mode http");
    }
}
