package io.latchkey.key;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A signing key: its id, the one algorithm it signs with, both halves, and when it was made. The private half is
 * never logged, and is null for a key this node may only verify with.
 */
public record SigningKey(String kid, SigningAlgorithm algorithm, PublicKey publicKey, PrivateKey privateKey,
                         Instant createdAt) {
    /** The default algorithm. */
    public static final String ALGORITHM = "RS256";

    /** An RS256 key. */
    public SigningKey(String kid, PublicKey publicKey, PrivateKey privateKey, Instant createdAt) {
        this(kid, SigningAlgorithm.RS256, publicKey, privateKey, createdAt);
    }

    /**
     * The RFC 7517 members of the public key, without {@code kid}, {@code use} or {@code alg}, in the order of RFC
     * 7638 §3.2 (RSA: {@code e, kty, n}; EC: {@code crv, kty, x, y}).
     */
    public Map<String, String> publicMembers() {
        return publicMembers(publicKey);
    }

    static Map<String, String> publicMembers(PublicKey key) {
        Map<String, String> members = new LinkedHashMap<>();
        if (key instanceof RSAPublicKey rsa) {
            members.put("e", base64Url(rsa.getPublicExponent()));
            members.put("kty", "RSA");
            members.put("n", base64Url(rsa.getModulus()));
        } else if (key instanceof ECPublicKey ec) {
            // RFC 7518 §6.2.1.2: x and y are the full 32 octets of a P-256 coordinate, leading zeros kept.
            members.put("crv", "P-256");
            members.put("kty", "EC");
            members.put("x", base64Url(fixed(ec.getW().getAffineX(), 32)));
            members.put("y", base64Url(fixed(ec.getW().getAffineY(), 32)));
        } else {
            throw new IllegalArgumentException("not an RSA or EC public key: " + key.getAlgorithm());
        }
        return members;
    }

    /** RFC 7638 JWK thumbprint of the public key: a kid that is stable and derived from the key itself. */
    public static String thumbprint(PublicKey key) {
        StringBuilder canonical = new StringBuilder("{");
        publicMembers(key).forEach((name, value) -> {
            if (canonical.length() > 1) {
                canonical.append(',');
            }
            canonical.append('"').append(name).append("\":\"").append(value).append('"');
        });
        canonical.append('}');
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 7518 §6.3.1: unsigned big-endian, base64url, no leading zero octet. */
    static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            byte[] trimmed = new byte[bytes.length - 1];
            System.arraycopy(bytes, 1, trimmed, 0, trimmed.length);
            bytes = trimmed;
        }
        return base64Url(bytes);
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] fixed(BigInteger value, int length) {
        byte[] bytes = value.toByteArray();
        byte[] out = new byte[length];
        int copy = Math.min(bytes.length, length);
        System.arraycopy(bytes, bytes.length - copy, out, length - copy, copy);
        return out;
    }

    @Override
    public String toString() {
        return "SigningKey[kid=" + kid + ", algorithm=" + algorithm + ", createdAt=" + createdAt + "]";
    }
}
