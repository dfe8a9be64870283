package io.latchkey.key;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** RFC 7517 JWK Set of the published keys: public parts only ({@code kty, kid, use, alg, n, e}). */
public final class JwksDocument {
    private JwksDocument() {
    }

    public static Map<String, Object> of(List<SigningKey> keys) {
        List<Map<String, Object>> jwks = new ArrayList<>();
        for (SigningKey key : keys) {
            Map<String, Object> jwk = new LinkedHashMap<>();
            jwk.put("kty", "RSA");
            jwk.put("kid", key.kid());
            jwk.put("use", "sig");
            jwk.put("alg", SigningKey.ALGORITHM);
            jwk.put("n", SigningKey.base64Url(key.publicKey().getModulus()));
            jwk.put("e", SigningKey.base64Url(key.publicKey().getPublicExponent()));
            jwks.add(jwk);
        }
        return Map.of("keys", jwks);
    }
}
