package io.latchkey.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The introspection answer's JSON, checked against a general serializer and parser (Jackson). */
class IntrospectionJsonTest {
    private static final ObjectMapper JACKSON = new ObjectMapper();

    private static Map<String, Object> answer(String username, Object audience) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("active", true);
        claims.put("scope", "orders:read profile");
        claims.put("client_id", "bench-pat-app");
        claims.put("sub", "0SrzLUC2OI-WOFmStLAw1Q");
        claims.put("exp", 1799181691L);
        claims.put("iat", 1796589691L);
        claims.put("iss", "http://127.0.0.1:18192");
        claims.put("aud", audience);
        claims.put("token_type", "Bearer");
        claims.put("username", username);
        return claims;
    }

    private static void sameAsJackson(Map<String, Object> claims) throws Exception {
        byte[] written = IntrospectionJson.of(claims);
        assertEquals(JACKSON.writeValueAsString(claims), new String(written, StandardCharsets.UTF_8),
                "the same bytes, members in the same order");
        assertEquals(JACKSON.readTree(JACKSON.writeValueAsBytes(claims)), JACKSON.readTree(written));
    }

    @Test
    void writesAnActiveAnswerAsJacksonDoes() throws Exception {
        sameAsJackson(answer("bench-user", "https://api.example.com/orders"));
        sameAsJackson(answer("bench-user", new TreeSet<>(Set.of("https://a.example", "https://b.example"))));
        sameAsJackson(Introspection.INACTIVE);
    }

    @Test
    void escapesWhatRfc8259RequiresAndKeepsOtherCharactersAsUtf8() throws Exception {
        sameAsJackson(answer("quote\" back\\slash /solidus \u0000\u001f\n\t\r\b\f\u007f é ✓ 𝄞 \u2028", List.of("\"")));
    }

    @Test
    void refusesAValueAnAnswerNeverHolds() {
        Map<String, Object> claims = new LinkedHashMap<>(answer("someone", "api"));
        claims.put("nested", Map.of());
        assertThrows(IllegalArgumentException.class, () -> IntrospectionJson.of(claims));
    }
}
