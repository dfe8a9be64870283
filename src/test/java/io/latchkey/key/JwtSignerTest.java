package io.latchkey.key;

import static io.latchkey.testing.SigningFixture.key;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.Jwts;
import io.latchkey.testing.SigningFixture;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The access token's own JWS writer ({@link JwtSigner#sign(String, JwtClaims)}, no JJWT builder): with every
 * algorithm, on the JDK's providers and natively, what it signs verifies with Nimbus and with JJWT, carries the
 * header {@code alg}, {@code kid} and {@code typ}, and its claims read back exactly, strings that need escaping
 * included.
 */
class JwtSignerTest {
    private static final String AWKWARD = "quote \" backslash \\ newline \n tab \t bell \u0007 é ✓ 𝄞 </script>";

    private static JwtClaims claims() {
        return new JwtClaims().string("iss", "https://login.example.com").string("sub", "client:orders")
                .audience(List.of("https://api.example.com/a", "https://api.example.com/b"))
                .number("exp", 1_748_780_100L).number("iat", 1_748_779_800L).string("scope", AWKWARD);
    }

    @ParameterizedTest
    @MethodSource(SigningFixture.ALGORITHMS_AND_PROVIDERS)
    void signsWhatNimbusAndJjwtVerifyWithTheHeaderAndClaimsWritten(SigningAlgorithm algorithm, String provider)
            throws Exception {
        KeyRing ring = SigningFixture.ring(algorithm, provider);
        // Many signatures: an ECDSA R or S shorter than 32 bytes (1 in 128 signatures) is padded right.
        int count = algorithm == SigningAlgorithm.ES256 ? 300 : 3;
        for (int i = 0; i < count; i++) {
            String jwt = ring.signer().sign("at+jwt", claims());

            SignedJWT parsed = SignedJWT.parse(jwt);
            assertTrue(parsed.verify(algorithm.keyType().equals("RSA")
                    ? new RSASSAVerifier((RSAPublicKey) key(algorithm).publicKey())
                    : new ECDSAVerifier((ECPublicKey) key(algorithm).publicKey())), "Nimbus verifies it");
            Jws<Claims> jws = Jwts.parser().verifyWith(key(algorithm).publicKey()).clock(() -> new java.util.Date(
                    1_748_779_900_000L)).build().parseSignedClaims(jwt);
            assertEquals(algorithm.name(), jws.getHeader().getAlgorithm());
            assertEquals(key(algorithm).kid(), jws.getHeader().getKeyId());
            assertEquals("at+jwt", jws.getHeader().getType());
            Claims claims = jws.getPayload();
            assertEquals("https://login.example.com", claims.getIssuer());
            assertEquals("client:orders", claims.getSubject());
            assertEquals(Set.of("https://api.example.com/a", "https://api.example.com/b"), claims.getAudience());
            assertEquals(1_748_780_100L, claims.getExpiration().getTime() / 1000);
            assertEquals(1_748_779_800L, claims.getIssuedAt().getTime() / 1000);
            assertEquals(AWKWARD, claims.get("scope", String.class));
        }
    }

    @Test
    void writesOneAudienceAsAStringAndSeveralAsAnArray() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode one = json.readTree(new JwtClaims().audience(List.of("https://api.example.com")).json());
        JsonNode two = json.readTree(new JwtClaims().audience(List.of("a", "b")).json());

        assertTrue(one.get("aud").isTextual());
        assertEquals("https://api.example.com", one.get("aud").asText());
        assertTrue(two.get("aud").isArray());
        assertEquals("[\"a\",\"b\"]", two.get("aud").toString());
    }

    @Test
    void escapesWhatJsonRequiresAndNothingElse() throws Exception {
        String json = new JwtClaims().string("v", "\"\\\u0000\u001f/é").number("n", -1).json();

        assertEquals("{\"v\":\"\\\"\\\\\\u0000\\u001F/é\",\"n\":-1}", json);
        assertEquals("\"\\\u0000\u001f/é", new ObjectMapper().readTree(json).get("v").asText());
    }

    @Test
    void turnsDerEcdsaSignaturesIntoFixedLengthRAndS() {
        // r with a leading zero byte (its high bit set), s of 31 bytes: 32 + 32 bytes, s left-padded with a zero.
        byte[] r = new byte[32];
        byte[] s = new byte[31];
        r[0] = (byte) 0x80;
        r[31] = 1;
        s[0] = 0x7f;
        s[30] = 2;
        byte[] der = new byte[2 + 2 + 33 + 2 + 31];
        der[0] = 0x30;
        der[1] = (byte) (der.length - 2);
        der[2] = 0x02;
        der[3] = 33;
        System.arraycopy(r, 0, der, 5, 32);
        der[37] = 0x02;
        der[38] = 31;
        System.arraycopy(s, 0, der, 39, 31);

        byte[] jws = JwtSigner.concatenated(der, 32);

        byte[] expected = new byte[64];
        System.arraycopy(r, 0, expected, 0, 32);
        System.arraycopy(s, 0, expected, 33, 31);
        assertArrayEquals(expected, jws);
        assertThrows(IllegalArgumentException.class, () -> JwtSigner.concatenated(new byte[] {0x31, 6, 2, 1, 1, 2, 1, 1}, 32));
    }
}
