package io.latchkey.client;

import io.jsonwebtoken.io.IOException;
import io.jsonwebtoken.security.Jwk;
import io.jsonwebtoken.security.JwkSet;
import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.PublicJwk;
import io.jsonwebtoken.security.SecurityException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An application's JWK Set (RFC 7517 §5) read into the public keys that can verify its request objects: RSA keys
 * (RS256, PS256) and EC P-256 keys (ES256). A set holding a private or symmetric key is refused whole: an operator
 * who pasted one has leaked it, and Latchkey must not keep it.
 */
public final class ClientJwks {
    /** Bigger than any honest set of a few keys; bounds what a jwks_uri may send too. */
    public static final int MAX_LENGTH = 64 * 1024;

    /** One usable key: its {@code kid} and {@code alg} when the JWK names them. */
    public record Key(Optional<String> kid, Optional<String> alg, PublicKey publicKey) {
    }

    private final List<Key> keys;

    private ClientJwks(List<Key> keys) {
        this.keys = List.copyOf(keys);
    }

    public List<Key> keys() {
        return keys;
    }

    /** Parses {@code json}; {@link IllegalArgumentException} with a reason an operator can act on otherwise. */
    public static ClientJwks parse(String json) {
        if (json.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("is longer than " + MAX_LENGTH + " characters");
        }
        JwkSet set;
        try {
            set = Jwks.setParser().ignoreUnsupported(false).build().parse(json);
        } catch (IOException | SecurityException | IllegalArgumentException | IllegalStateException
                 | io.jsonwebtoken.MalformedJwtException e) {
            throw new IllegalArgumentException("is not a JWK Set (RFC 7517 §5) of RSA or EC keys");
        }
        List<Key> keys = new ArrayList<>();
        for (Jwk<?> jwk : set.getKeys()) {
            if (!(jwk instanceof PublicJwk<?> publicJwk)) {
                throw new IllegalArgumentException("must hold public keys only (a private or symmetric key was given)");
            }
            PublicKey key = publicJwk.toKey();
            if (!(key instanceof RSAPublicKey) && !(key instanceof ECPublicKey)) {
                throw new IllegalArgumentException("must hold RSA or EC keys only");
            }
            if (publicJwk.getPublicKeyUse() != null && !publicJwk.getPublicKeyUse().equals("sig")) {
                continue; // RFC 7517 §4.2: a key for encryption is not one to verify with
            }
            keys.add(new Key(Optional.ofNullable(jwk.getId()), Optional.ofNullable(jwk.getAlgorithm()), key));
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("holds no signing key");
        }
        return new ClientJwks(keys);
    }

    /** Why {@code json} cannot be an application's {@code jwks}, or empty when it can. */
    public static Optional<String> problem(String json) {
        try {
            parse(json);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }
}
