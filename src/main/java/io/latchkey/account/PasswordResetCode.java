package io.latchkey.account;

import io.latchkey.security.Secret;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Locale;

/**
 * A one-time password-reset code: 160 random bits written as 32 characters of the RFC 4648 base32 alphabet in
 * eight groups of four ({@code ABCD-EFGH-...}), so a person can read it out, type or paste it. Stored only as the
 * SHA-256 hash of its canonical form ({@link #canonical}): what a person types is read without case, spaces or
 * dashes, so {@code abcd efgh ...} redeems the same code.
 */
public final class PasswordResetCode {
    /** How long an issued code can be redeemed. */
    public static final Duration VALIDITY = Duration.ofHours(24);
    static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    static final int CHARACTERS = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordResetCode() {
    }

    /** A fresh code, grouped for people. */
    public static Secret generate() {
        byte[] bytes = new byte[CHARACTERS * 5 / 8];
        RANDOM.nextBytes(bytes);
        StringBuilder code = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        int written = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                if (written > 0 && written % 4 == 0) {
                    code.append('-');
                }
                code.append(ALPHABET.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
                written++;
            }
        }
        return Secret.of(code.toString());
    }

    /** What a person typed, without case, spaces or dashes: the form whose hash is stored. */
    public static Secret canonical(Secret typed) {
        return Secret.of(typed.reveal().replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT));
    }

    /** The stored form of a code: the base64url SHA-256 of its canonical form. */
    public static String hash(Secret code) {
        return canonical(code).hashed();
    }
}
