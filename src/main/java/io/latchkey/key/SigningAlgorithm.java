package io.latchkey.key;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.SignatureAlgorithm;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Optional;

/**
 * The JWS algorithms (RFC 7518 §3) Latchkey signs with: RS256 (the default), PS256 (RSASSA-PSS, same RSA 2048 keys)
 * and ES256 (ECDSA on P-256). Each algorithm has keys of its own, so a key is only ever used with one algorithm and
 * its JWK names it in {@code alg}.
 */
public enum SigningAlgorithm {
    RS256("RSA", Jwts.SIG.RS256),
    PS256("RSA", Jwts.SIG.PS256),
    ES256("EC", Jwts.SIG.ES256);

    private final String keyType;
    private final SignatureAlgorithm jws;

    SigningAlgorithm(String keyType, SignatureAlgorithm jws) {
        this.keyType = keyType;
        this.jws = jws;
    }

    /** The JWK {@code kty} and the JCA key algorithm: {@code RSA} or {@code EC}. */
    public String keyType() {
        return keyType;
    }

    /** JJWT's signer and verifier of this algorithm. */
    public SignatureAlgorithm jws() {
        return jws;
    }

    /** {@code "RS256"} and the like, exactly (JWS {@code alg} values are case-sensitive, RFC 7515 §4.1.1). */
    public static Optional<SigningAlgorithm> byName(String name) {
        for (SigningAlgorithm algorithm : values()) {
            if (algorithm.name().equals(name)) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }

    KeyPair generateKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(keyType);
            if (keyType.equals("EC")) {
                generator.initialize(new ECGenParameterSpec("secp256r1"));
            } else {
                generator.initialize(2048);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(keyType + " keys are unavailable", e);
        }
    }
}
