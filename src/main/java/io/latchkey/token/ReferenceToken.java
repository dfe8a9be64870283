package io.latchkey.token;

import io.latchkey.security.Secret;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * The personal and service access token format (DESIGN §4): {@code lk_pat_} or {@code lk_sat_}, then 256
 * random bits in base62 (43 characters), then the CRC32 of everything before it in base62 (6 characters).
 * The fixed prefix lets secret scanners find leaked tokens; the check digits let them (and Latchkey,
 * before any database read) tell a real token from a typo or a look-alike.
 */
public final class ReferenceToken {
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final int RANDOM_LENGTH = 43;
    private static final int CHECK_LENGTH = 6;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Personal (acts as the person who made it) or service (acts as the application itself). */
    public enum Kind {
        PAT("lk_pat_"), SAT("lk_sat_"),
        /** An opaque access token from a grant, for an application whose format is "reference". */
        AT("lk_at_");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }

        public String prefix() {
            return prefix;
        }
    }

    private ReferenceToken() {
    }

    /** A new token value of this kind. */
    public static Secret generate(Kind kind) {
        byte[] bits = new byte[32];
        RANDOM.nextBytes(bits);
        String body = kind.prefix() + base62(new BigInteger(1, bits), RANDOM_LENGTH);
        return Secret.of(body + check(body));
    }

    /** Whether the value claims to be a reference token (prefix only); {@link #kindOf} also checks its digits. */
    public static boolean looksLike(Secret value) {
        String text = value.reveal();
        for (Kind kind : Kind.values()) {
            if (text.startsWith(kind.prefix())) {
                return true;
            }
        }
        return false;
    }

    /** The kind of a well-formed token whose check digits match; empty for anything else. */
    public static Optional<Kind> kindOf(Secret value) {
        String text = value.reveal();
        for (Kind kind : Kind.values()) {
            if (text.length() == kind.prefix().length() + RANDOM_LENGTH + CHECK_LENGTH && text.startsWith(kind.prefix())
                    && onlyBase62(text.substring(kind.prefix().length()))) {
                String body = text.substring(0, text.length() - CHECK_LENGTH);
                if (check(body).equals(text.substring(body.length()))) {
                    return Optional.of(kind);
                }
            }
        }
        return Optional.empty();
    }

    /** The public id of a stored token: the first 8 characters of its hash (safe for logs and pages). */
    public static String idOf(String tokenHash) {
        return tokenHash.substring(0, 8);
    }

    private static String check(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        // A CRC32 fits in a long: the same digits as base62(BigInteger), without six BigInteger divisions (this
        // runs on every presented token, before the database is asked).
        long value = crc.getValue();
        char[] out = new char[CHECK_LENGTH];
        for (int i = CHECK_LENGTH - 1; i >= 0; i--) {
            out[i] = ALPHABET.charAt((int) (value % ALPHABET.length()));
            value /= ALPHABET.length();
        }
        return new String(out);
    }

    private static String base62(BigInteger value, int length) {
        char[] out = new char[length];
        BigInteger base = BigInteger.valueOf(ALPHABET.length());
        for (int i = length - 1; i >= 0; i--) {
            BigInteger[] division = value.divideAndRemainder(base);
            out[i] = ALPHABET.charAt(division[1].intValue());
            value = division[0];
        }
        return new String(out);
    }

    private static boolean onlyBase62(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
                return false;
            }
        }
        return true;
    }
}
