package io.latchkey.key;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.math.BigInteger;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SigningKeyTest {
    @Test
    void computesTheThumbprintOfRfc7638Section3_1() {
        assertEquals(Rfc7638.THUMBPRINT, SigningKey.thumbprint(Rfc7638.publicKey()));
    }

    @Test
    void encodesTheRfc7638ModulusAndExponentWithoutLeadingZero() {
        RSAPublicKey key = Rfc7638.publicKey();

        assertEquals(Rfc7638.N, SigningKey.base64Url(key.getModulus()));
        assertEquals(Rfc7638.E, SigningKey.base64Url(key.getPublicExponent()));
    }

    static Stream<Arguments> integers() {
        return Stream.of(
                Arguments.of(BigInteger.valueOf(65537), "AQAB"),
                Arguments.of(BigInteger.valueOf(255), "_w"),
                Arguments.of(BigInteger.valueOf(128), "gA"),
                Arguments.of(BigInteger.valueOf(127), "fw"),
                Arguments.of(BigInteger.ZERO, "AA"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("integers")
    void encodesUnsignedBigEndianIntegersInBase64Url(BigInteger value, String encoded) {
        assertEquals(encoded, SigningKey.base64Url(value));
    }

    @Test
    void derivesTheKidOfAGeneratedKeyFromItsPublicHalf() {
        SigningKey key = KeyRing.generateKey(Instant.parse("2025-06-01T12:00:00Z"));

        assertEquals(SigningKey.thumbprint(key.publicKey()), key.kid());
        assertEquals(2048, ((java.security.interfaces.RSAPublicKey) key.publicKey()).getModulus().bitLength());
        assertEquals(Instant.parse("2025-06-01T12:00:00Z"), key.createdAt());
    }

    @Test
    void neverShowsThePrivateKeyInToString() {
        SigningKey key = KeyRing.generateKey(Instant.parse("2025-06-01T12:00:00Z"));
        String text = key.toString();

        assertFalse(text.contains("modulus") || text.contains("private") || text.contains("exponent"), text);
        assertEquals("SigningKey[kid=" + key.kid() + ", algorithm=RS256, createdAt=2025-06-01T12:00:00Z]", text);
    }
}
