package io.latchkey.security;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * A bearer-like value: a client secret, an access token, a password, a master key.
 * It never shows its value through {@link #toString()}, and equality is a constant-time comparison
 * of SHA-256 hashes, so logging or comparing one cannot leak it. The value leaves only through
 * {@link #reveal()}, which the few places that must send it (a token response) call explicitly.
 */
public final class Secret {
    private static final String REDACTED = "[redacted]";
    /**
     * A SHA-256 digest looked up once; every hash works on a clone of it. {@code MessageDigest.getInstance} searches
     * the providers and builds the digest by reflection each time (it showed in the profile of PAT introspection,
     * which hashes the client secret and the token); a clone copies a fresh digest's few words of state, and each
     * caller has its own, so concurrent hashes share nothing.
     */
    private static final MessageDigest SHA_256 = newSha256();
    private final char[] value;

    private Secret(char[] value) {
        this.value = value;
    }

    public static Secret of(String value) {
        return new Secret(value.toCharArray());
    }

    public static Secret of(char[] value) {
        return new Secret(value.clone());
    }

    public int length() {
        return value.length;
    }

    public boolean isEmpty() {
        return value.length == 0;
    }

    /** The value itself, for the one place that must put it on the wire. */
    public String reveal() {
        return new String(value);
    }

    /**
     * The part of the value before the first {@code separator}, as a secret of its own; empty when the value has
     * none (a refresh token's locator, {@code io.latchkey.token.RefreshTokenValue}).
     */
    public Optional<Secret> before(char separator) {
        for (int i = 0; i < value.length; i++) {
            if (value[i] == separator) {
                return Optional.of(new Secret(Arrays.copyOf(value, i)));
            }
        }
        return Optional.empty();
    }

    public byte[] utf8() {
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(value));
        byte[] out = new byte[bytes.remaining()];
        bytes.get(out);
        return out;
    }

    /** SHA-256 of the UTF-8 bytes: how anything bearer-like is stored. */
    public byte[] sha256() {
        return sha256(utf8());
    }

    /** The base64url (no padding) SHA-256 hash, the form stored in the database. */
    public String hashed() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256());
    }

    /** Constant-time check of this value against a stored {@link #hashed()} form. */
    public boolean matchesHash(String storedHash) {
        return sameHash(hashed(), storedHash);
    }

    /**
     * Constant-time comparison of two {@link #hashed()} forms: for checking one presented value against several
     * stored hashes with a single hash of it.
     */
    public static boolean sameHash(String hashed, String storedHash) {
        return MessageDigest.isEqual(
                hashed.getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    public static byte[] sha256(byte[] input) {
        MessageDigest digest;
        try {
            digest = (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            digest = newSha256();
        }
        return digest.digest(input);
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret s && MessageDigest.isEqual(sha256(), s.sha256());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sha256());
    }

    @Override
    public String toString() {
        return REDACTED;
    }
}
