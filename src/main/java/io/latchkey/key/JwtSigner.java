package io.latchkey.key;

import io.jsonwebtoken.JwtBuilder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.Base64;
import java.util.Optional;

/**
 * Signs every JWT the server issues (access tokens, ID tokens, introspection answers) with the key ring's current
 * key of the default algorithm, or of an enabled algorithm asked for (an application's
 * {@code id_token_signed_response_alg}), setting the header's {@code kid} and {@code alg}. The access and ID tokens,
 * issued on every token request, are written and signed here without JJWT's builder ({@link #sign(String, JwtClaims)}).
 */
public final class JwtSigner {
    private final KeyRing keys;

    JwtSigner(KeyRing keys) {
        this.keys = keys;
    }

    /** Signs with the default algorithm. */
    public String sign(JwtBuilder builder) {
        return sign(builder, Optional.empty());
    }

    /**
     * Signs with {@code algorithm} if given (it must be enabled: {@link #enabled}), else the default algorithm.
     */
    public String sign(JwtBuilder builder, Optional<SigningAlgorithm> algorithm) {
        SigningAlgorithm chosen = enabledOrDefault(algorithm);
        SigningKey key = keys.current(chosen);
        keys.provider().jca().ifPresent(builder::provider);
        return builder.header().keyId(key.kid()).and().signWith(key.privateKey(), chosen.jws()).compact();
    }

    /**
     * The compact JWS (RFC 7515 §7.1) of {@code claims} with the header {@code alg}, {@code kid} and {@code typ}
     * {@code type}, signed with the default algorithm's current key through the key ring's provider: the signing
     * input is {@code BASE64URL(UTF8(header)) '.' BASE64URL(claims)}, the signature is RSASSA-PKCS1-v1_5 with
     * SHA-256 (RS256), RSASSA-PSS with SHA-256, MGF1 with SHA-256 and a 32-byte salt (PS256, RFC 7518 §3.5), or
     * ECDSA P-256 with SHA-256 as the 64-byte R || S (ES256, RFC 7518 §3.4), all base64url without padding.
     */
    public String sign(String type, JwtClaims claims) {
        return sign(type, claims, Optional.empty());
    }

    /**
     * {@link #sign(String, JwtClaims)} with {@code algorithm} if given (it must be enabled: {@link #enabled}), else
     * the default algorithm.
     */
    public String sign(String type, JwtClaims claims, Optional<SigningAlgorithm> chosen) {
        SigningAlgorithm algorithm = enabledOrDefault(chosen);
        SigningKey key = keys.current(algorithm);
        String header = new JwtClaims().string("alg", algorithm.name()).string("kid", key.kid())
                .string("typ", type).json();
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String input = base64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(claims.json().getBytes(StandardCharsets.UTF_8));
        try {
            Signature signature = keys.provider().signature(algorithm);
            signature.initSign(key.privateKey());
            signature.update(input.getBytes(StandardCharsets.US_ASCII));
            byte[] signed = signature.sign();
            return input + "." + base64.encodeToString(algorithm == SigningAlgorithm.ES256
                    ? concatenated(signed, 32) : signed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with " + algorithm + " key " + key.kid(), e);
        }
    }

    /**
     * The JWS form of an ECDSA signature (RFC 7518 §3.4): R and S as unsigned big-endian integers of
     * {@code length} bytes each, from the ASN.1 DER {@code SEQUENCE { INTEGER r, INTEGER s }} JCA returns.
     */
    static byte[] concatenated(byte[] der, int length) {
        int offset = 2;
        if (der.length < 8 || der[0] != 0x30) {
            throw new IllegalArgumentException("not a DER ECDSA signature");
        }
        if ((der[1] & 0x80) != 0) {
            offset += der[1] & 0x7f;
        }
        byte[] jws = new byte[2 * length];
        for (int part = 0; part < 2; part++) {
            if (der[offset] != 0x02) {
                throw new IllegalArgumentException("not a DER ECDSA signature");
            }
            int size = der[offset + 1];
            int start = offset + 2;
            int skip = 0;
            while (size - skip > length && der[start + skip] == 0) {
                skip++;
            }
            if (size - skip > length) {
                throw new IllegalArgumentException("ECDSA signature integer longer than " + length + " bytes");
            }
            System.arraycopy(der, start + skip, jws, part * length + length - (size - skip), size - skip);
            offset = start + size;
        }
        return jws;
    }

    public boolean enabled(SigningAlgorithm algorithm) {
        return keys.algorithms().contains(algorithm);
    }

    /** {@code algorithm} if given, else the default algorithm; refused unless it is enabled ({@link #enabled}). */
    private SigningAlgorithm enabledOrDefault(Optional<SigningAlgorithm> algorithm) {
        SigningAlgorithm chosen = algorithm.orElse(keys.algorithms().get(0));
        if (!enabled(chosen)) {
            throw new IllegalArgumentException(chosen + " is not an enabled signing algorithm");
        }
        return chosen;
    }
}
