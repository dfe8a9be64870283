package io.latchkey.key;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RFC 7517 JWK Set of the published keys: public parts only ({@code kty, kid, use, alg} and the key's own public
 * members: {@code n, e} for RSA, {@code crv, x, y} for EC).
 */
public final class JwksDocument {
    private JwksDocument() {
    }

    public static Map<String, Object> of(List<SigningKey> keys) {
        List<Map<String, Object>> jwks = new ArrayList<>();
        for (SigningKey key : keys) {
            Map<String, String> members = key.publicMembers();
            Map<String, Object> jwk = new LinkedHashMap<>();
            jwk.put("kty", members.get("kty"));
            jwk.put("kid", key.kid());
            jwk.put("use", "sig");
            jwk.put("alg", key.algorithm().name());
            members.forEach((name, value) -> {
                if (!name.equals("kty")) {
                    jwk.putIfAbsent(name, value);
                }
            });
            if (members.containsKey("n")) {
                // n before e, as before
                jwk.remove("e");
                jwk.put("e", members.get("e"));
            }
            jwks.add(jwk);
        }
        return Map.of("keys", jwks);
    }
}
