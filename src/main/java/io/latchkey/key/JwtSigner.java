package io.latchkey.key;

import io.jsonwebtoken.JwtBuilder;
import java.util.Optional;

/**
 * Signs every JWT the server issues (access tokens, ID tokens, introspection answers) with the key ring's current
 * key of the default algorithm, or of an enabled algorithm asked for (an application's
 * {@code id_token_signed_response_alg}), setting the header's {@code kid} and {@code alg}.
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
        SigningAlgorithm chosen = algorithm.orElse(keys.algorithms().get(0));
        if (!enabled(chosen)) {
            throw new IllegalArgumentException(chosen + " is not an enabled signing algorithm");
        }
        SigningKey key = keys.current(chosen);
        keys.provider().jca().ifPresent(builder::provider);
        return builder.header().keyId(key.kid()).and().signWith(key.privateKey(), chosen.jws()).compact();
    }

    public boolean enabled(SigningAlgorithm algorithm) {
        return keys.algorithms().contains(algorithm);
    }
}
