package io.latchkey.key;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JwksDocumentTest {
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> keys(Map<String, Object> jwks) {
        return (List<Map<String, Object>>) jwks.get("keys");
    }

    @Test
    void publishesExactlyThePublicMembersOfEachKey() {
        SigningKey key = KeyRing.generateKey(NOW);

        Map<String, Object> jwks = JwksDocument.of(List.of(key));

        assertEquals(List.of("keys"), List.copyOf(jwks.keySet()));
        Map<String, Object> jwk = keys(jwks).get(0);
        assertEquals(List.of("kty", "kid", "use", "alg", "n", "e"), List.copyOf(jwk.keySet()),
                "no d, p, q, dp, dq or qi");
        assertEquals("RSA", jwk.get("kty"));
        assertEquals(key.kid(), jwk.get("kid"));
        assertEquals("sig", jwk.get("use"));
        assertEquals("RS256", jwk.get("alg"));
        assertEquals(((java.security.interfaces.RSAPublicKey) key.publicKey()).getModulus(),
                new BigInteger(1, Base64.getUrlDecoder().decode((String) jwk.get("n"))));
        assertEquals(((java.security.interfaces.RSAPublicKey) key.publicKey()).getPublicExponent(),
                new BigInteger(1, Base64.getUrlDecoder().decode((String) jwk.get("e"))));
    }

    @Test
    void publishesTheRfc7638KeyAsTheRfcWritesIt() {
        SigningKey rfcKey = new SigningKey(Rfc7638.THUMBPRINT, Rfc7638.publicKey(), null, NOW);

        Map<String, Object> jwk = keys(JwksDocument.of(List.of(rfcKey))).get(0);

        assertEquals(Rfc7638.N, jwk.get("n"));
        assertEquals(Rfc7638.E, jwk.get("e"));
        assertEquals(Rfc7638.THUMBPRINT, jwk.get("kid"));
    }

    @Test
    void listsEveryPublishedKeyInOrder() {
        SigningKey first = new SigningKey("first", Rfc7638.publicKey(), null, NOW);
        SigningKey second = new SigningKey("second", Rfc7638.publicKey(), null, NOW);

        List<Map<String, Object>> keys = keys(JwksDocument.of(List.of(first, second)));

        assertEquals(List.of("first", "second"), keys.stream().map(k -> k.get("kid")).toList());
    }

    @Test
    void publishesAnEs256KeyAsAP256JwkWhoseThumbprintIsItsKid() throws Exception {
        SigningKey key = KeyRing.generateKey(SigningAlgorithm.ES256, NOW);

        Map<String, Object> jwk = keys(JwksDocument.of(List.of(key))).get(0);

        assertEquals(List.of("kty", "kid", "use", "alg", "crv", "x", "y"), List.copyOf(jwk.keySet()), "no d");
        assertEquals("ES256", jwk.get("alg"));
        com.nimbusds.jose.jwk.ECKey parsed = com.nimbusds.jose.jwk.ECKey.parse(jwk);
        assertEquals(key.publicKey(), parsed.toECPublicKey());
        assertEquals(parsed.computeThumbprint().toString(), key.kid(), "RFC 7638 over crv, kty, x, y");
        assertEquals(32, parsed.getX().decode().length);
    }

    @Test
    void publishesAnEmptySetWithoutKeys() {
        assertEquals(Map.of("keys", List.of()), JwksDocument.of(List.of()));
    }
}
