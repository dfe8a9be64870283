package io.latchkey.token;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jsonwebtoken.Jwts;
import io.latchkey.consent.ScopeCatalog;
import io.latchkey.key.KeyRing;
import io.latchkey.security.Secret;
import io.latchkey.testing.MutableClock;
import io.latchkey.testing.TestKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** RP-Initiated Logout 1.0 §2: an id_token_hint is an ID token this server signed, possibly expired. */
/* audience().single(...) is deprecated in JJWT but is how the server writes a single-string aud too. */
@SuppressWarnings("deprecation")
class IdTokenHintsTest {
    private static final PersonClaims ALICE = new PersonClaims("sub-alice", "alice", Optional.of("Alice"),
            Optional.empty(), false);
    private final IdTokenHints hints = new IdTokenHints(TestKeys.ISSUER, TestKeys.ring());

    private static Secret idToken(String issuer, KeyRing keys, Clock clock) {
        return new IdTokenIssuer(issuer, Duration.ofMinutes(5), keys, clock).issue(new IdTokenIssuer.IdTokenRequest(
                ALICE, "web", Set.of("openid"), clock.instant(), "sid-7", "pwd", Optional.empty(), Optional.empty()));
    }

    @Test
    void itReadsItsOwnLiveIdToken() {
        assertEquals(Optional.of(new IdTokenHints.Hint("web", "sub-alice", Optional.of("sid-7"))),
                hints.read(idToken(TestKeys.ISSUER, TestKeys.ring(), Clock.systemUTC())));
    }

    @Test
    void itReadsItsOwnExpiredIdToken() {
        Clock lastYear = new MutableClock(Instant.now().minus(Duration.ofDays(365)));
        assertEquals(Optional.of(new IdTokenHints.Hint("web", "sub-alice", Optional.of("sid-7"))),
                hints.read(idToken(TestKeys.ISSUER, TestKeys.ring(), lastYear)));
    }

    @Test
    void itRefusesATokenSignedByAnotherKey() {
        assertEquals(Optional.empty(), hints.read(idToken(TestKeys.ISSUER, KeyRing.of(TestKeys.OTHER),
                Clock.systemUTC())));
    }

    @Test
    void itRefusesATokenSignedByAnotherKeyThatClaimsOurKid() {
        String forged = Jwts.builder().header().keyId(TestKeys.KEY.kid()).and()
                .issuer(TestKeys.ISSUER).subject("sub-alice").audience().single("web")
                .expiration(Date.from(Instant.now().plusSeconds(300))).claim("sid", "sid-7")
                .signWith(TestKeys.OTHER.privateKey(), Jwts.SIG.RS256).compact();
        assertEquals(Optional.empty(), hints.read(Secret.of(forged)));
    }

    @Test
    void itRefusesAnExpiredTokenSignedByAnotherKeyThatClaimsOurKid() {
        String forged = Jwts.builder().header().keyId(TestKeys.KEY.kid()).and()
                .issuer(TestKeys.ISSUER).subject("sub-alice").audience().single("web")
                .expiration(Date.from(Instant.now().minusSeconds(3600)))
                .signWith(TestKeys.OTHER.privateKey(), Jwts.SIG.RS256).compact();
        assertEquals(Optional.empty(), hints.read(Secret.of(forged)));
    }

    @Test
    void itRefusesATokenOfAnotherIssuer() {
        assertEquals(Optional.empty(), hints.read(idToken("https://evil.example", TestKeys.ring(),
                Clock.systemUTC())));
    }

    @Test
    void itRefusesAnExpiredTokenOfAnotherIssuer() {
        assertEquals(Optional.empty(), hints.read(idToken("https://evil.example", TestKeys.ring(),
                new MutableClock(MutableClock.START))));
    }

    @Test
    void itRefusesATokenWithSeveralAudiences() {
        String jwt = Jwts.builder().header().keyId(TestKeys.KEY.kid()).and()
                .issuer(TestKeys.ISSUER).subject("sub-alice").audience().add("web").add("other").and()
                .signWith(TestKeys.KEY.privateKey(), Jwts.SIG.RS256).compact();
        assertEquals(Optional.empty(), hints.read(Secret.of(jwt)));
    }

    @Test
    void itRefusesAnUnsignedToken() {
        String unsigned = Jwts.builder().issuer(TestKeys.ISSUER).subject("sub-alice").audience().single("web")
                .compact();
        assertEquals(Optional.empty(), hints.read(Secret.of(unsigned)));
    }

    @Test
    void itRefusesSomethingThatIsNotAJwt() {
        assertEquals(Optional.empty(), hints.read(Secret.of("not a token")));
        assertEquals(Optional.empty(), hints.read(Secret.of("")));
    }

    @Test
    void aTokenWithoutSidGivesAHintWithoutSid() {
        String jwt = Jwts.builder().header().type("JWT").keyId(TestKeys.KEY.kid()).and()
                .issuer(TestKeys.ISSUER).subject("sub-alice").audience().single("web").claim("azp", "web")
                .signWith(TestKeys.KEY.privateKey(), Jwts.SIG.RS256).compact();
        assertEquals(Optional.of(new IdTokenHints.Hint("web", "sub-alice", Optional.empty())),
                hints.read(Secret.of(jwt)));
    }

    @Test
    void itRefusesAnAccessTokenOfThisServer() {
        AccessTokenIssuer accessTokens = new AccessTokenIssuer(TestKeys.ISSUER, Duration.ofMinutes(5),
                TestKeys.ring(), new ScopeCatalog(() -> Map.of(), Clock.systemUTC()), Clock.systemUTC());
        Secret accessToken = accessTokens.issue(AccessTokenClaims.forPerson("sub-alice", "web", Set.of("openid"),
                Instant.now(), AccessTokenClaims.newJti())).value();
        assertEquals(Optional.empty(), hints.read(accessToken));
    }
}
