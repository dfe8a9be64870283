package io.latchkey.bench;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import io.jsonwebtoken.JwtBuilder;
import io.jsonwebtoken.Jwts;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;

/**
 * The machine's ceiling for the client_credentials benchmark (DESIGN §9): how many RS256 JWTs shaped like
 * Latchkey's access tokens (RFC 9068: header typ at+jwt and kid; claims iss, sub, aud, exp, iat, jti,
 * client_id, scope) JJWT signs per second with two threads on this machine, right now, through the JDK's
 * providers or, as Latchkey does where it loads, through Amazon Corretto Crypto Provider (native AWS-LC) passed to
 * JJWT explicitly.
 *
 * <p>Usage: {@code java -cp "target/test-classes:target/latchkey/WEB-INF/lib/*" io.latchkey.bench.SignRate
 * [seconds] [threads] [jdk|native]} (defaults 10, 2 and jdk). Prints
 * {@code RESULT rs256_sign_per_s=N threads=T seconds=S provider=P}; {@code native} fails when ACCP cannot load.
 */
public final class SignRate {
    private static final String ISSUER = "http://127.0.0.1:18080";
    private static final String CLIENT_ID = "bench-m2m";
    private static final String AUDIENCE = "https://api.example.com/bench";
    private static final String SCOPE = "bench:read";
    private static final SecureRandom RANDOM = new SecureRandom();

    private SignRate() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 10;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        boolean natively = args.length > 2 && args[2].equals("native");
        KeyPair pair = Jwts.SIG.RS256.keyPair().build();
        String kid = base64Url(16);
        Provider provider = null;
        PrivateKey key = pair.getPrivate();
        if (natively) {
            AmazonCorrettoCryptoProvider accp = AmazonCorrettoCryptoProvider.INSTANCE;
            accp.assertHealthy();
            provider = accp;
            // Latchkey's key ring keeps ACCP's form of its keys (key.SignatureProvider); so does this.
            key = (PrivateKey) KeyFactory.getInstance("RSA", accp).translateKey(key);
        }
        Provider chosen = provider;
        PrivateKey signingKey = key;

        // Warm-up (JIT, BigInteger intrinsics) on all threads, not counted.
        ThreadedRate.Rate rate = ThreadedRate.measure("sign", threads, Math.min(2.0, seconds / 4), seconds,
                () -> !sign(signingKey, kid, chosen).isEmpty());
        System.out.printf("RESULT rs256_sign_per_s=%.0f threads=%d seconds=%.1f provider=%s%n",
                rate.perSecond(), threads, rate.seconds(), natively ? "native" : "jdk");
    }

    /** The same builder calls as io.latchkey.token.AccessTokenIssuer (audience().single is deprecated there too). */
    @SuppressWarnings("deprecation")
    private static String sign(PrivateKey key, String kid, Provider provider) {
        Instant issuedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        JwtBuilder builder = Jwts.builder();
        if (provider != null) {
            builder.provider(provider);
        }
        return builder
                .header().type("at+jwt").keyId(kid).and()
                .issuer(ISSUER)
                .subject(CLIENT_ID)
                .audience().single(AUDIENCE)
                .expiration(Date.from(issuedAt.plusSeconds(300)))
                .issuedAt(Date.from(issuedAt))
                .id(base64Url(16))
                .claim("client_id", CLIENT_ID)
                .claim("scope", SCOPE)
                .signWith(key, Jwts.SIG.RS256)
                .compact();
    }

    private static String base64Url(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }
}
