package io.latchkey.token;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.latchkey.security.Secret;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class TokenResponseTest {
    private static final Instant ISSUED = Instant.parse("2025-06-01T12:00:00Z");

    @Test
    void writesTheRfc6749Section5_1Parameters() {
        IssuedAccessToken token = new IssuedAccessToken(Secret.of("eyJ.token.value"), "jti-1",
                new TreeSet<>(Set.of("reports:read", "orders:read")), ISSUED, ISSUED.plusSeconds(3600));

        Map<String, Object> json = TokenResponse.bearer(token).toJson();

        assertEquals(List.of("access_token", "token_type", "expires_in", "scope"), List.copyOf(json.keySet()));
        assertEquals("eyJ.token.value", json.get("access_token"));
        assertEquals("Bearer", json.get("token_type"));
        assertEquals(3600L, json.get("expires_in"));
        assertEquals("orders:read reports:read", json.get("scope"));
    }

    @Test
    void writesItsBodyAsJacksonWritesItsParameters() throws Exception {
        ObjectMapper jackson = new ObjectMapper();
        IssuedAccessToken token = new IssuedAccessToken(Secret.of("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln"),
                "jti-1", new TreeSet<>(Set.of("reports:read", "openid")), ISSUED, ISSUED.plusSeconds(300));
        for (TokenResponse response : List.of(TokenResponse.bearer(token),
                new TokenResponse(token, Optional.of(Secret.of("lk_rt_abc-DEF_123")), Optional.of(Secret.of("eyJ.id.t"))))) {
            assertEquals(jackson.writeValueAsString(response.toJson()), response.body());
        }
    }

    @Test
    void escapesWhatJsonStringsMustEscapeInItsBody() throws Exception {
        IssuedAccessToken token = new IssuedAccessToken(Secret.of("a\"b\\c\n\u0001d"), "jti", Set.of("x\"y"),
                ISSUED, ISSUED.plusSeconds(60));
        TokenResponse response = new TokenResponse(token, Optional.of(Secret.of("r\t")), Optional.empty());

        Map<String, Object> parsed = new ObjectMapper().readValue(response.body(), new TypeReference<>() { });

        assertEquals(Map.of("access_token", "a\"b\\c\n\u0001d", "token_type", "Bearer", "expires_in", 60,
                "scope", "x\"y", "refresh_token", "r\t"), parsed);
    }

    @Test
    void countsExpiresInFromIssueToExpiry() {
        IssuedAccessToken token = new IssuedAccessToken(Secret.of("t"), "jti", Set.of("a"), ISSUED,
                ISSUED.plusSeconds(61));

        assertEquals(61L, TokenResponse.bearer(token).toJson().get("expires_in"));
    }
}
