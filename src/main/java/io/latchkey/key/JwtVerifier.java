package io.latchkey.key;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * The signature check of a compact JWS (RFC 7515 §7.1) signed by one of the key ring's published keys, without
 * JJWT's parser (which built a parser, a key locator and two Jackson readers per token: a quarter of an
 * introspection's CPU): the counterpart of {@link JwtSigner#sign(String, JwtClaims)}. Three base64url segments; a
 * JSON object header whose {@code kid} names a published key and whose {@code alg} is exactly that key's algorithm
 * (so an enabled one: {@code none}, HMAC and any other algorithm fail), without {@code crit} (no extension is
 * understood, RFC 7515 §4.1.11); a signature over the first two segments as presented, by that key, through the
 * ring's provider (ES256: exactly 64 bytes R || S, RFC 7518 §3.4); a JSON object payload. What the claims must say
 * is the caller's business.
 */
public final class JwtVerifier {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final Base64.Decoder BASE64URL = Base64.getUrlDecoder();

    private final KeyRing keys;

    public JwtVerifier(KeyRing keys) {
        this.keys = keys;
    }

    /** A JWS whose signature verified: its header and its claims, as JSON values (strings, numbers, lists, maps). */
    public record Verified(Map<String, Object> header, Map<String, Object> claims) {
        /** The header member {@code name} when it is a string. */
        public Optional<String> headerString(String name) {
            return header.get(name) instanceof String value ? Optional.of(value) : Optional.empty();
        }
    }

    /** The header and claims of {@code compact} when a published key signed it; empty for anything else. */
    public Optional<Verified> verify(String compact) {
        int first = compact.indexOf('.');
        int second = first < 0 ? -1 : compact.indexOf('.', first + 1);
        if (first <= 0 || second <= first + 1 || second == compact.length() - 1
                || compact.indexOf('.', second + 1) >= 0) {
            return Optional.empty();
        }
        try {
            Map<String, Object> header = object(BASE64URL.decode(compact.substring(0, first)));
            if (header == null || header.containsKey("crit")
                    || !(header.get("alg") instanceof String alg) || !(header.get("kid") instanceof String kid)) {
                return Optional.empty();
            }
            Optional<SigningKey> key = keys.published().stream()
                    .filter(k -> k.kid().equals(kid) && k.algorithm().name().equals(alg)).findFirst();
            if (key.isEmpty() || !keys.accepts(alg)) {
                return Optional.empty();
            }
            byte[] signature = BASE64URL.decode(compact.substring(second + 1));
            if (!signatureVerifies(key.get(), compact.substring(0, second).getBytes(StandardCharsets.US_ASCII),
                    signature)) {
                return Optional.empty();
            }
            Map<String, Object> claims = object(BASE64URL.decode(compact.substring(first + 1, second)));
            return claims == null ? Optional.empty() : Optional.of(new Verified(header, claims));
        } catch (IllegalArgumentException | IOException | GeneralSecurityException e) {
            // Not base64url, not JSON, or a signature the provider cannot even read: not a token of ours.
            return Optional.empty();
        }
    }

    private boolean signatureVerifies(SigningKey key, byte[] input, byte[] signature)
            throws GeneralSecurityException {
        SigningAlgorithm algorithm = key.algorithm();
        if (algorithm == SigningAlgorithm.ES256) {
            if (signature.length != 64) {
                return false;
            }
            signature = der(signature, 32);
        }
        Signature verifier = keys.provider().signature(algorithm);
        verifier.initVerify(key.publicKey());
        verifier.update(input);
        return verifier.verify(signature);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(byte[] json) throws JsonProcessingException, IOException {
        Object value = JSON.readValue(json, Object.class);
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : null;
    }

    /**
     * The ASN.1 DER {@code SEQUENCE { INTEGER r, INTEGER s }} JCA verifies, from the JWS form R || S of
     * {@code length} bytes each (the inverse of {@link JwtSigner#concatenated}).
     */
    static byte[] der(byte[] jws, int length) {
        byte[][] parts = new byte[2][];
        for (int part = 0; part < 2; part++) {
            int start = part * length;
            int skip = 0;
            while (skip < length - 1 && jws[start + skip] == 0) {
                skip++;
            }
            boolean pad = (jws[start + skip] & 0x80) != 0;
            byte[] integer = new byte[length - skip + (pad ? 1 : 0)];
            System.arraycopy(jws, start + skip, integer, pad ? 1 : 0, length - skip);
            parts[part] = integer;
        }
        int body = 4 + parts[0].length + parts[1].length;
        byte[] der = new byte[2 + body];
        der[0] = 0x30;
        der[1] = (byte) body;
        int offset = 2;
        for (byte[] integer : parts) {
            der[offset] = 0x02;
            der[offset + 1] = (byte) integer.length;
            System.arraycopy(integer, 0, der, offset + 2, integer.length);
            offset += 2 + integer.length;
        }
        return der;
    }
}
