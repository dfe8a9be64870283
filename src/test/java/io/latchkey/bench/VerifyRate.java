package io.latchkey.bench;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jwts;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;

/**
 * The machine's ceiling for the JWT introspection benchmark (scripts/bench-introspect, DESIGN §9): how many
 * RS256 JWTs shaped like Latchkey's access tokens (as {@link SignRate} signs them) JJWT verifies per second
 * with two threads on this machine, right now. Like io.latchkey.token.AccessTokenVerifier, each verification
 * builds its parser and reads the claims.
 *
 * <p>Usage: {@code java -cp "CLASSES:target/latchkey/WEB-INF/lib/*" io.latchkey.bench.VerifyRate
 * [seconds] [threads]} (defaults 10 and 2). Prints {@code RESULT rs256_verify_per_s=N}.
 */
public final class VerifyRate {
    private static final String ISSUER = "http://127.0.0.1:18082";
    private static final String CLIENT_ID = "bench-service";
    private static final String AUDIENCE = "https://api.example.com/orders";
    private static final String SCOPE = "orders:read";

    private VerifyRate() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 10;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        KeyPair pair = Jwts.SIG.RS256.keyPair().build();
        String token = sign(pair);
        PublicKey key = pair.getPublic();
        if (!CLIENT_ID.equals(verify(key, token).get("client_id", String.class))) {
            throw new IllegalStateException("the sample token does not verify");
        }

        // Warm-up (JIT, BigInteger intrinsics) on all threads, not counted.
        ThreadedRate.Rate rate = ThreadedRate.measure("verify", threads, Math.min(2.0, seconds / 4), seconds,
                () -> verify(key, token).getId() != null);
        System.out.printf("RESULT rs256_verify_per_s=%.0f threads=%d seconds=%.1f%n",
                rate.perSecond(), threads, rate.seconds());
    }

    private static Claims verify(PublicKey key, String token) {
        return Jwts.parser().verifyWith(key).build().parseSignedClaims(token).getPayload();
    }

    /** One access token like io.latchkey.token.AccessTokenIssuer's, valid for an hour (longer than any run). */
    @SuppressWarnings("deprecation")
    private static String sign(KeyPair pair) {
        Instant issuedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return Jwts.builder()
                .header().type("at+jwt").keyId("bench-kid").and()
                .issuer(ISSUER)
                .subject(CLIENT_ID)
                .audience().single(AUDIENCE)
                .expiration(Date.from(issuedAt.plusSeconds(3600)))
                .issuedAt(Date.from(issuedAt))
                .id("bench-jti-0123456789abcdef")
                .claim("client_id", CLIENT_ID)
                .claim("scope", SCOPE)
                .signWith(pair.getPrivate(), Jwts.SIG.RS256)
                .compact();
    }
}
