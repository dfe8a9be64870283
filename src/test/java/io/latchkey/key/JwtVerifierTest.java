package io.latchkey.key;

import static io.latchkey.testing.SigningFixture.key;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsonwebtoken.Jwts;
import io.latchkey.testing.MutableClock;
import io.latchkey.testing.SigningFixture;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.util.Base64;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JWS check of access tokens without JJWT's parser: what {@link JwtSigner} and JJWT sign with a published key
 * verifies on both providers, with every algorithm; anything else a token could be is refused.
 */
class JwtVerifierTest {
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private static JwtClaims claims() {
        return new JwtClaims().string("iss", "https://login.example.com").string("sub", "client:orders")
                .number("exp", 1_900_000_000L).string("jti", "j1");
    }

    @ParameterizedTest
    @MethodSource(SigningFixture.ALGORITHMS_AND_PROVIDERS)
    void whatThisServerSignsVerifies(SigningAlgorithm algorithm, String providerName) {
        KeyRing ring = SigningFixture.ring(algorithm, providerName);
        String token = ring.signer().sign("at+jwt", claims());

        JwtVerifier.Verified verified = new JwtVerifier(ring).verify(token).orElseThrow();
        assertEquals(Optional.of("at+jwt"), verified.headerString("typ"));
        assertEquals(Optional.of(key(algorithm).kid()), verified.headerString("kid"));
        assertEquals("client:orders", verified.claims().get("sub"));
        assertEquals(1_900_000_000, ((Number) verified.claims().get("exp")).longValue());
    }

    @ParameterizedTest
    @MethodSource(SigningFixture.ALGORITHMS_AND_PROVIDERS)
    void whatJjwtSignsWithAPublishedKeyVerifiesToo(SigningAlgorithm algorithm, String providerName) {
        KeyRing ring = SigningFixture.ring(algorithm, providerName);
        String token = Jwts.builder().header().keyId(key(algorithm).kid()).and().subject("s")
                .signWith(key(algorithm).privateKey(), algorithm.jws()).compact();
        assertEquals("s", new JwtVerifier(ring).verify(token).orElseThrow().claims().get("sub"));
    }

    @ParameterizedTest
    @MethodSource(SigningFixture.ALGORITHMS_AND_PROVIDERS)
    void aTamperedPayloadOrSignatureIsRefused(SigningAlgorithm algorithm, String providerName) {
        KeyRing ring = SigningFixture.ring(algorithm, providerName);
        String[] parts = ring.signer().sign("at+jwt", claims()).split("\\.");
        String otherPayload = BASE64URL.encodeToString(claims().string("scope", "admin").json()
                .getBytes(StandardCharsets.UTF_8));
        JwtVerifier verifier = new JwtVerifier(ring);
        assertEquals(Optional.empty(), verifier.verify(parts[0] + "." + otherPayload + "." + parts[2]));
        byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
        signature[signature.length / 2] ^= 1;
        assertEquals(Optional.empty(), verifier.verify(parts[0] + "." + parts[1] + "."
                + BASE64URL.encodeToString(signature)));
    }

    @Test
    void aKeyThatIsNotPublishedOrAnotherAlgorithmIsRefused() {
        KeyRing ring = KeyRing.of(key(SigningAlgorithm.RS256));
        JwtVerifier verifier = new JwtVerifier(ring);
        SigningKey stranger = KeyRing.generateKey(SigningAlgorithm.RS256, MutableClock.START);
        assertEquals(Optional.empty(), verifier.verify(KeyRing.of(stranger).signer().sign("at+jwt", claims())),
                "unknown kid");
        assertEquals(Optional.empty(), verifier.verify(signed(stranger, header("RS256",
                key(SigningAlgorithm.RS256).kid()), "SHA256withRSA")), "another key under our kid");
        assertEquals(Optional.empty(), verifier.verify(signed(key(SigningAlgorithm.RS256), header("PS256",
                key(SigningAlgorithm.RS256).kid()), "SHA256withRSA")), "our key under another alg");
        assertEquals(Optional.empty(), verifier.verify(signed(key(SigningAlgorithm.RS256), "{\"alg\":\"RS256\"}",
                "SHA256withRSA")), "no kid");
        String none = BASE64URL.encodeToString(("{\"alg\":\"none\",\"kid\":\"" + key(SigningAlgorithm.RS256).kid()
                + "\"}").getBytes(StandardCharsets.UTF_8)) + "." + payload() + ".";
        assertEquals(Optional.empty(), verifier.verify(none), "unsigned");
        // An enabled algorithm's key that the ring does not enable is not accepted either.
        assertEquals(Optional.empty(), verifier.verify(KeyRing.of(key(SigningAlgorithm.ES256)).signer()
                .sign("at+jwt", claims())));
    }

    @Test
    void aCriticalHeaderOrAMalformedTokenIsRefused() {
        SigningKey key = key(SigningAlgorithm.RS256);
        JwtVerifier verifier = new JwtVerifier(KeyRing.of(key));
        String good = signed(key, header("RS256", key.kid()), "SHA256withRSA");
        assertTrue(verifier.verify(good).isPresent(), "the same token without the flaw verifies");
        assertEquals(Optional.empty(), verifier.verify(signed(key, "{\"alg\":\"RS256\",\"kid\":\"" + key.kid()
                + "\",\"crit\":[\"exp\"],\"exp\":1}", "SHA256withRSA")), "crit");
        assertEquals(Optional.empty(), verifier.verify(good + ".x"), "four segments");
        assertEquals(Optional.empty(), verifier.verify(" " + good), "whitespace");
        assertEquals(Optional.empty(), verifier.verify(good.substring(0, good.lastIndexOf('.') + 1)), "no signature");
        assertEquals(Optional.empty(), verifier.verify("a.b"), "two segments");
        assertEquals(Optional.empty(), verifier.verify(signed(key, header("RS256", key.kid()), "SHA256withRSA",
                BASE64URL.encodeToString("[1]".getBytes(StandardCharsets.UTF_8)))), "a payload that is no object");
        assertEquals(Optional.empty(), verifier.verify(signed(key, header("RS256", key.kid()), "SHA256withRSA",
                BASE64URL.encodeToString("{\"a\":1,\"a\":2}".getBytes(StandardCharsets.UTF_8)))), "duplicate names");
    }

    @Test
    void anEs256SignatureMustBeSixtyFourBytes() {
        SigningKey key = key(SigningAlgorithm.ES256);
        KeyRing ring = KeyRing.of(key);
        String[] parts = ring.signer().sign("at+jwt", claims()).split("\\.");
        byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
        // The DER form JCA uses verifies with JCA, but is not the JWS form (RFC 7518 §3.4).
        String der = BASE64URL.encodeToString(JwtVerifier.der(signature, 32));
        assertEquals(Optional.empty(), new JwtVerifier(ring).verify(parts[0] + "." + parts[1] + "." + der));
    }

    @Test
    void derAndTheJwsFormOfEcdsaSignaturesAreInverses() {
        Random random = new Random(7);
        for (int i = 0; i < 2000; i++) {
            byte[] jws = new byte[64];
            random.nextBytes(jws);
            // Leading zero bytes and high bits, where the DER integers are shortened or padded.
            if (i % 3 == 0) {
                jws[0] = 0;
                jws[32] = 0;
            }
            if (i % 5 == 0) {
                jws[1] = 0;
                jws[33] = (byte) 0x80;
            }
            jws[31] |= 1;
            jws[63] |= 1;
            assertArrayEquals(jws, JwtSigner.concatenated(JwtVerifier.der(jws, 32), 32));
        }
    }

    private static String header(String alg, String kid) {
        return "{\"alg\":\"" + alg + "\",\"kid\":\"" + kid + "\",\"typ\":\"at+jwt\"}";
    }

    private static String payload() {
        return BASE64URL.encodeToString(claims().json().getBytes(StandardCharsets.UTF_8));
    }

    private static String signed(SigningKey key, String header, String jca) {
        return signed(key, header, jca, payload());
    }

    private static String signed(SigningKey key, String header, String jca, String payload) {
        try {
            String input = BASE64URL.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "." + payload;
            Signature signature = Signature.getInstance(jca);
            signature.initSign(key.privateKey());
            signature.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + BASE64URL.encodeToString(signature.sign());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
