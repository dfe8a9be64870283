package io.latchkey.security;

import java.security.SecureRandom;
import java.util.Base64;

/** High-entropy values for generated secrets, token ids and request ids. */
public final class RandomValues {
    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomValues() {
    }

    /** {@code bits} random bits (a multiple of 8) in base64url without padding. */
    public static String base64Url(int bits) {
        byte[] bytes = new byte[bits / 8];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A server-generated secret of 256 random bits, never chosen by a person. */
    public static Secret secret256() {
        return Secret.of(base64Url(256));
    }
}
