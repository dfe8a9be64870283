package io.latchkey.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsonwebtoken.JwtBuilder;
import io.jsonwebtoken.Jwts;
import io.latchkey.account.Account;
import io.latchkey.client.ApplicationRegistry;
import io.latchkey.key.JwtClaims;
import io.latchkey.key.SigningKey;
import io.latchkey.security.Secret;
import io.latchkey.store.Database;
import io.latchkey.testing.SignInWorld;
import io.latchkey.testing.TestClients;
import io.latchkey.testing.TestDatabase;
import io.latchkey.testing.TestKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RFC 9068 §4: signature by a published key, typ at+jwt, issuer, expiry, and the deny list. */
/* audience().single(...) is deprecated in JJWT but is how the server writes a single-string aud too. */
@SuppressWarnings("deprecation")
class AccessTokenVerifierTest {
    private static Database database;
    private SignInWorld world;
    private Account alice;

    @BeforeAll
    static void openDatabase() {
        database = TestDatabase.open();
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    @BeforeEach
    void newWorld() {
        world = new SignInWorld(database, TestClients.webApp("web").build());
        alice = world.person();
    }

    private IssuedAccessToken issue() {
        return world.accessTokens.issue(AccessTokenClaims.forPerson(alice.subject(), "web", Set.of("openid", "profile"),
                world.clock.instant().minusSeconds(10), AccessTokenClaims.newJti()));
    }

    /** A token shaped like ours, for changing one thing at a time. */
    private JwtBuilder like(String typ, String issuer, SigningKey headerKey) {
        Instant now = world.clock.instant();
        return Jwts.builder().header().type(typ).keyId(headerKey.kid()).and()
                .issuer(issuer).subject(alice.subject()).audience().single(TestKeys.ISSUER)
                .issuedAt(Date.from(now)).expiration(Date.from(now.plusSeconds(300)))
                .id("jti-" + System.nanoTime()).claim("client_id", "web").claim("scope", "openid");
    }

    private Optional<AccessTokenVerifier.VerifiedAccessToken> verify(String jwt) {
        return world.verifier.verify(Secret.of(jwt));
    }

    @Test
    void itAcceptsATokenThisServerIssued() {
        IssuedAccessToken token = issue();
        AccessTokenVerifier.VerifiedAccessToken verified = world.verifier.verify(token.value()).orElseThrow();
        assertEquals(alice.subject(), verified.subject());
        assertEquals("web", verified.clientId());
        assertEquals(Set.of("openid", "profile"), verified.scopes());
        assertEquals(token.jti(), verified.jti());
        assertEquals(token.expiresAt(), verified.expiresAt());
    }

    @Test
    void theReferenceTokenShapeIsAcceptedSoTheRowsBelowChangeOneThingOnly() {
        assertTrue(verify(like("at+jwt", TestKeys.ISSUER, TestKeys.KEY)
                .signWith(TestKeys.KEY.privateKey(), Jwts.SIG.RS256).compact()).isPresent());
    }

    @Test
    void itRefusesAnotherTyp() {
        assertEquals(Optional.empty(), verify(like("JWT", TestKeys.ISSUER, TestKeys.KEY)
                .signWith(TestKeys.KEY.privateKey(), Jwts.SIG.RS256).compact()));
    }

    @Test
    void itRefusesAnIdTokenOfThisServer() {
        Secret idToken = world.idTokens.issue(new IdTokenIssuer.IdTokenRequest(new PersonClaims("sub-alice", "alice",
                Optional.empty(), Optional.empty(), false), "web", Set.of("openid"), world.clock.instant(), "sid",
                "pwd", Optional.empty(), Optional.empty()));
        assertEquals(Optional.empty(), world.verifier.verify(idToken));
    }

    @Test
    void itRefusesAnotherIssuer() {
        assertEquals(Optional.empty(), verify(like("at+jwt", "https://evil.example", TestKeys.KEY)
                .signWith(TestKeys.KEY.privateKey(), Jwts.SIG.RS256).compact()));
    }

    @Test
    void itRefusesAnExpiredToken() {
        IssuedAccessToken token = issue();
        world.clock.advance(SignInWorld.ACCESS_TTL.plusSeconds(1));
        assertEquals(Optional.empty(), world.verifier.verify(token.value()));
    }

    @Test
    void aTokenIsValidOnlyBeforeItsExpiry() {
        IssuedAccessToken token = issue();
        world.clock.set(token.expiresAt().minusMillis(1));
        assertTrue(world.verifier.verify(token.value()).isPresent());
        // RFC 7519 §4.1.4: "the current date/time MUST be before the expiration date/time".
        world.clock.set(token.expiresAt());
        assertEquals(Optional.empty(), world.verifier.verify(token.value()));
    }

    @Test
    void itRefusesATokenWithoutExpiryOrBeforeItsNotBefore() {
        Instant now = world.clock.instant();
        assertEquals(Optional.empty(), verify(like("at+jwt", TestKeys.ISSUER, TestKeys.KEY).expiration(null)
                .signWith(TestKeys.KEY.privateKey(), Jwts.SIG.RS256).compact()));
        assertEquals(Optional.empty(), verify(like("at+jwt", TestKeys.ISSUER, TestKeys.KEY)
                .notBefore(Date.from(now.plusSeconds(1))).signWith(TestKeys.KEY.privateKey(), Jwts.SIG.RS256)
                .compact()));
        assertTrue(verify(like("at+jwt", TestKeys.ISSUER, TestKeys.KEY).notBefore(Date.from(now))
                .signWith(TestKeys.KEY.privateKey(), Jwts.SIG.RS256).compact()).isPresent());
    }

    @Test
    void itReadsTheAudienceAsOneStringOrAnArrayAndRefusesOtherShapes() {
        assertEquals(Set.of(TestKeys.ISSUER), verify(like("at+jwt", TestKeys.ISSUER, TestKeys.KEY)
                .signWith(TestKeys.KEY.privateKey(), Jwts.SIG.RS256).compact()).orElseThrow().audience());
        assertEquals(Set.of(TestKeys.ISSUER, "a", "b"), verify(like("at+jwt", TestKeys.ISSUER, TestKeys.KEY).audience().add("a")
                .add("b").and().signWith(TestKeys.KEY.privateKey(), Jwts.SIG.RS256).compact()).orElseThrow()
                .audience());
        Instant now = world.clock.instant();
        assertEquals(Optional.empty(), verify(world.keys.signer().sign("at+jwt", new JwtClaims()
                .string("iss", TestKeys.ISSUER).string("sub", alice.subject()).number("aud", 7)
                .number("iat", now.getEpochSecond()).number("exp", now.getEpochSecond() + 300).string("jti", "j-aud")
                .string("client_id", "web").string("scope", "openid"))));
    }

    @Test
    void aRevocationIsSeenByTheNextVerification() {
        IssuedAccessToken token = issue();
        assertTrue(world.verifier.verify(token.value()).isPresent(), "held on the deny list as it was");
        database.transactions().run(em -> world.revoked.revoke(em, token.jti(), world.clock.instant(),
                token.expiresAt()));
        assertEquals(Optional.empty(), world.verifier.verify(token.value()));
    }

    @Test
    void itRefusesATokenSignedByAnUnknownKey() {
        assertEquals(Optional.empty(), verify(like("at+jwt", TestKeys.ISSUER, TestKeys.OTHER)
                .signWith(TestKeys.OTHER.privateKey(), Jwts.SIG.RS256).compact()));
    }

    @Test
    void itRefusesATokenSignedByAnotherKeyThatClaimsOurKid() {
        assertEquals(Optional.empty(), verify(like("at+jwt", TestKeys.ISSUER, TestKeys.KEY)
                .signWith(TestKeys.OTHER.privateKey(), Jwts.SIG.RS256).compact()));
    }

    @Test
    void itRefusesAnotherAlgorithm() {
        assertEquals(Optional.empty(), verify(like("at+jwt", TestKeys.ISSUER, TestKeys.KEY)
                .signWith(TestKeys.KEY.privateKey(), Jwts.SIG.PS256).compact()));
    }

    @Test
    void itRefusesAnUnsignedToken() {
        Instant now = world.clock.instant();
        String unsigned = Jwts.builder().header().type("at+jwt").and().issuer(TestKeys.ISSUER).subject("sub-alice")
                .expiration(Date.from(now.plusSeconds(300))).id("jti").claim("client_id", "web")
                .claim("scope", "openid").compact();
        assertEquals(Optional.empty(), verify(unsigned));
    }

    @Test
    void itRefusesATamperedPayload() {
        String[] parts = issue().value().reveal().split("\\.");
        String other = like("at+jwt", TestKeys.ISSUER, TestKeys.KEY)
                .signWith(TestKeys.KEY.privateKey(), Jwts.SIG.RS256).compact().split("\\.")[1];
        assertEquals(Optional.empty(), verify(parts[0] + "." + other + "." + parts[2]));
    }

    @Test
    void itRefusesATokenWithoutClientIdOrScope() {
        Instant now = world.clock.instant();
        String noClient = Jwts.builder().header().type("at+jwt").keyId(TestKeys.KEY.kid()).and()
                .issuer(TestKeys.ISSUER).subject("sub-alice").expiration(Date.from(now.plusSeconds(300)))
                .id("jti-1").claim("scope", "openid").signWith(TestKeys.KEY.privateKey(), Jwts.SIG.RS256).compact();
        String noScope = Jwts.builder().header().type("at+jwt").keyId(TestKeys.KEY.kid()).and()
                .issuer(TestKeys.ISSUER).subject("sub-alice").expiration(Date.from(now.plusSeconds(300)))
                .id("jti-2").claim("client_id", "web").signWith(TestKeys.KEY.privateKey(), Jwts.SIG.RS256).compact();
        assertEquals(Optional.empty(), verify(noClient));
        assertEquals(Optional.empty(), verify(noScope));
    }

    @Test
    void itRefusesARevokedJti() {
        IssuedAccessToken token = issue();
        Instant now = world.clock.instant();
        database.transactions().run(em -> world.revoked.revoke(em, token.jti(), now, token.expiresAt()));
        assertEquals(Optional.empty(), world.verifier.verify(token.value()));
    }

    @Test
    void revokingOneJtiLeavesOtherTokensValid() {
        IssuedAccessToken revoked = issue();
        IssuedAccessToken kept = issue();
        Instant now = world.clock.instant();
        database.transactions().run(em -> world.revoked.revoke(em, revoked.jti(), now, revoked.expiresAt()));
        assertTrue(world.verifier.verify(kept.value()).isPresent());
    }

    @Test
    void itRefusesTheTokensOfAnUnknownOrDisabledApplication() {
        IssuedAccessToken token = issue();
        world.clients.add(TestClients.webApp("web").disabled().build());
        assertEquals(Optional.empty(), world.verifier.verify(token.value()), "disabled");

        SignInWorld elsewhere = new SignInWorld(database);
        assertEquals(Optional.empty(), elsewhere.verifier.verify(token.value()), "unknown application");
    }

    @Test
    void itRefusesTokensIssuedBeforeTheApplicationWasLastDisabled() {
        IssuedAccessToken before = issue();
        Instant disabledAt = world.clock.instant();
        world.clock.advance(Duration.ofSeconds(1));
        world.clients.add(TestClients.webApp("web").withTokensNotBefore(ApplicationRegistry.tokensNotBefore(disabledAt))
                .build());
        IssuedAccessToken after = issue();

        assertEquals(Optional.empty(), world.verifier.verify(before.value()));
        assertTrue(world.verifier.verify(after.value()).isPresent(), "issued after it was enabled again");
    }

    @Test
    void itRefusesAPersonsTokenOnceThePersonIsDisabledEvenWhenEnabledAgain() {
        IssuedAccessToken token = issue();
        world.setEnabled(alice, false);
        assertEquals(Optional.empty(), world.verifier.verify(token.value()), "disabled");

        world.clock.advance(Duration.ofSeconds(1));
        world.setEnabled(alice, true);
        assertEquals(Optional.empty(), world.verifier.verify(token.value()), "enabled again");
        assertTrue(world.verifier.verify(issue().value()).isPresent(), "a token issued since");
    }

    @Test
    void aServicesTokenNeedsNoPerson() {
        world.clients.add(TestClients.m2m("batch").build());
        IssuedAccessToken token = world.accessTokens.issue(AccessTokenClaims.forService("batch", Set.of("orders:read")));
        assertTrue(world.verifier.verify(token.value()).isPresent());
    }

    @Test
    void itRefusesATokenWithoutIssuedAtWhichTheNotBeforeChecksNeed() {
        assertEquals(Optional.empty(), verify(like("at+jwt", TestKeys.ISSUER, TestKeys.KEY).issuedAt(null)
                .signWith(TestKeys.KEY.privateKey(), Jwts.SIG.RS256).compact()));
    }
}
