package io.latchkey.token;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.latchkey.security.Secret;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
    void countsExpiresInFromIssueToExpiry() {
        IssuedAccessToken token = new IssuedAccessToken(Secret.of("t"), "jti", Set.of("a"), ISSUED,
                ISSUED.plusSeconds(61));

        assertEquals(61L, TokenResponse.bearer(token).toJson().get("expires_in"));
    }
}
