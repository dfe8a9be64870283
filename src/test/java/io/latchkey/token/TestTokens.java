package io.latchkey.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.Jwts;
import io.latchkey.consent.ScopeCatalog;
import io.latchkey.consent.ScopeCatalog.Scope;
import io.latchkey.key.KeyRing;
import io.latchkey.key.SigningKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.Optional;

/** One signing key, a scope catalog with two APIs, and a JJWT parser that verifies what was issued. */
public final class TestTokens {
    public static final String ISSUER = "https://login.example.test/latchkey";
    public static final String ORDERS_API = "https://api.example.test/orders";
    public static final String REPORTS_API = "https://api.example.test/reports";
    public static final Instant NOW = Instant.parse("2025-06-01T12:00:00.750Z");
    public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    public static final Duration TTL = Duration.ofSeconds(900);
    /** Generating an RSA key is slow; every test shares this one. */
    public static final SigningKey KEY = KeyRing.generateKey(NOW);

    private TestTokens() {
    }

    public static ScopeCatalog catalog() {
        return new ScopeCatalog(() -> Map.of(
                "orders:read", new Scope("orders:read", "Read orders", Optional.of(ORDERS_API)),
                "orders:write", new Scope("orders:write", "Change orders", Optional.of(ORDERS_API)),
                "reports:read", new Scope("reports:read", "Read reports", Optional.of(REPORTS_API)),
                "internal", new Scope("internal", "Latchkey itself", Optional.empty())), CLOCK);
    }

    public static AccessTokenIssuer issuer() {
        return new AccessTokenIssuer(ISSUER, TTL, KeyRing.of(KEY), catalog(), CLOCK);
    }

    /** Verifies the signature with the public key and reads the token at the fixed clock's time. */
    public static Jws<Claims> verify(String jwt) {
        return Jwts.parser()
                .verifyWith(KEY.publicKey())
                .clock(() -> Date.from(NOW))
                .build()
                .parseSignedClaims(jwt);
    }

    /** The raw payload, to see how a claim is encoded (a string or an array). */
    public static JsonNode payload(String jwt) {
        return json(jwt.split("\\.")[1]);
    }

    public static JsonNode header(String jwt) {
        return json(jwt.split("\\.")[0]);
    }

    private static JsonNode json(String segment) {
        try {
            return new ObjectMapper().readTree(new String(Base64.getUrlDecoder().decode(segment), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
