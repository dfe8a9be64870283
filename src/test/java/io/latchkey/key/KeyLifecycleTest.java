package io.latchkey.key;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import io.jsonwebtoken.Jwts;
import io.latchkey.audit.Actor;
import io.latchkey.consent.ScopeCatalog;
import io.latchkey.grant.GrantType;
import io.latchkey.protocol.DiscoveryDocument;
import io.latchkey.protocol.JwksResource;
import io.latchkey.security.Secret;
import io.latchkey.store.ConfigurationChanges;
import io.latchkey.store.Database;
import io.latchkey.store.RevokedTokenRepository;
import io.latchkey.store.SigningKeyRepository;
import io.latchkey.token.AccessTokenClaims;
import io.latchkey.token.AccessTokenIssuer;
import io.latchkey.token.AccessTokenVerifier;
import io.latchkey.testing.InMemoryClientDirectory;
import io.latchkey.testing.MutableClock;
import io.latchkey.testing.TestClients;
import io.latchkey.testing.TestDatabase;
import io.latchkey.testing.TestKeys;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.glassfish.jersey.internal.MapPropertiesDelegate;
import org.glassfish.jersey.server.ContainerRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The key lifecycle as an independent relying party sees it: a Nimbus verifier that caches {@code /oauth/jwks} for
 * exactly its {@code Cache-Control: max-age} (and, stricter than Nimbus's own, never fetches again early for an
 * unknown kid) verifies every token the server issues, across several rotations on the period and a forced one.
 */
class KeyLifecycleTest {
    private static final byte[] MASTER_KEY = new byte[32];
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(1);
    private static final Actor OPERATOR = new Actor(Actor.Kind.ACCOUNT, "admin-subject", Optional.empty(),
            Optional.empty());

    private final MutableClock clock = new MutableClock();
    private Database database;

    @BeforeEach
    void open() {
        database = TestDatabase.open();
    }

    @AfterEach
    void close() {
        database.close();
    }

    private KeyRing ring(List<SigningAlgorithm> algorithms) {
        return KeyRing.load(database.transactions(), new SigningKeyRepository(), new KeyCipher(MASTER_KEY),
                ConfigurationChanges.stored(database.transactions(), clock),
                new KeySchedule(algorithms, Duration.ofDays(1), KeySchedule.JWKS_MAX_AGE, TOKEN_LIFETIME),
                events -> { }, clock);
    }

    private AccessTokenIssuer issuer(KeyRing ring) {
        return new AccessTokenIssuer(TestKeys.ISSUER, TOKEN_LIFETIME, ring, new ScopeCatalog(Map::of, clock), clock);
    }

    private Secret issue(AccessTokenIssuer issuer) {
        return issuer.issue(AccessTokenClaims.forService("m2m", Set.of("openid"))).value();
    }

    /** A relying party's JWKS cache, refreshed only when its max-age has run out, on the test's clock. */
    private final class CachingVerifier {
        private final JwksResource jwks;
        private JWKSet cached;
        private Instant expires = Instant.MIN;

        CachingVerifier(KeyRing ring) {
            this.jwks = new JwksResource(ring);
        }

        boolean verifies(Secret token) {
            if (!clock.instant().isBefore(expires)) {
                fetch();
            }
            try {
                SignedJWT jwt = SignedJWT.parse(token.reveal());
                JWK jwk = cached.getKeyByKeyId(jwt.getHeader().getKeyID());
                if (jwk == null || !jwt.getHeader().getAlgorithm().equals(jwk.getAlgorithm())) {
                    return false;
                }
                JWSVerifier verifier = new DefaultJWSVerifierFactory().createJWSVerifier(jwt.getHeader(),
                        jwk.getKeyType().getValue().equals("EC") ? jwk.toECKey().toPublicKey()
                                : jwk.toRSAKey().toPublicKey());
                return jwt.verify(verifier) && jwt.getJWTClaimsSet().getExpirationTime().after(Date.from(clock.instant()));
            } catch (Exception e) {
                return false;
            }
        }

        private void fetch() {
            // A GET without preconditions: evaluatePreconditions answers null (go on).
            ContainerRequest unconditional = new ContainerRequest(URI.create("http://127.0.0.1/"),
                    URI.create("http://127.0.0.1/oauth/jwks"), "GET", null, new MapPropertiesDelegate(), null);
            Response response = jwks.jwks(unconditional);
            Matcher maxAge = Pattern.compile("max-age=(\\d+)")
                    .matcher(String.valueOf(response.getMetadata().getFirst("Cache-Control")));
            assertTrue(maxAge.find(), "JWKS says how long it may be cached");
            try {
                cached = JWKSet.parse(new String((byte[]) response.getEntity(), StandardCharsets.UTF_8));
            } catch (java.text.ParseException e) {
                throw new AssertionError(e);
            }
            expires = clock.instant().plusSeconds(Long.parseLong(maxAge.group(1)));
        }
    }

    @Test
    void aVerifierCachingJwksForItsMaxAgeVerifiesEveryTokenAcrossRotations() {
        KeyRing ring = ring(List.of(SigningAlgorithm.RS256));
        AccessTokenIssuer issuer = issuer(ring);
        Duration step = Duration.ofMinutes(6);
        // Relying parties whose caches were filled at different moments.
        List<CachingVerifier> verifiers = new ArrayList<>();
        List<Secret> live = new ArrayList<>();
        Set<String> signingKids = new LinkedHashSet<>();
        int failures = 0;
        int checks = 0;
        int maxPublished = 0;
        boolean forced = false;
        Instant end = clock.instant().plus(Duration.ofDays(3)).plus(Duration.ofHours(12));
        while (clock.instant().isBefore(end)) {
            if (verifiers.size() < 3) {
                verifiers.add(new CachingVerifier(ring));
            }
            Secret token = issue(issuer);
            signingKids.add(ring.current().kid());
            if (!forced && signingKids.size() == 3) {
                // Just after a rotation on the period, an operator forces another: the key now next was published
                // moments ago, so it must wait a JWKS cache lifetime before it signs.
                ring.rotateNow(OPERATOR);
                forced = true;
            }
            live.add(token);
            live.removeIf(t -> SignedJwtExpiry.of(t).isBefore(clock.instant().plusSeconds(1)));
            for (CachingVerifier verifier : verifiers) {
                for (Secret t : live) {
                    checks++;
                    if (!verifier.verifies(t)) {
                        failures++;
                    }
                }
            }
            maxPublished = Math.max(maxPublished, ring.published().size());
            clock.advance(step);
        }

        assertTrue(signingKids.size() >= 5, "the period rotated three times and the operator once: " + signingKids);
        assertEquals(0, failures, failures + " of " + checks + " verifications failed");
        assertEquals(4, maxPublished, "current, next and one retiring key; two retiring just after the forced one");
        assertEquals(signingKids.size() - 1, TestDatabase.count(database,
                "select count(*) from signing_key where status = 'retired' and private_key_sealed is null"),
                "every key but the current one was replaced more than a token lifetime plus the cache lifetime ago,"
                        + " so it is retired and its private half destroyed");
    }

    /**
     * The server's schedule keeps a retiring key published for the longest lifetime an application may give its
     * access tokens: a token of that lifetime, signed just before its key is replaced, verifies through a fresh
     * JWKS until it expires, under every rotation on the way (forced and on the period).
     */
    @Test
    void aTokenOfTheLongestLifetimeAnApplicationMayHaveVerifiesThroughJwksUntilItExpires() {
        KeyRing ring = KeyRing.load(database.transactions(), new SigningKeyRepository(), new KeyCipher(MASTER_KEY),
                ConfigurationChanges.stored(database.transactions(), clock),
                KeySchedule.forServer(List.of(SigningAlgorithm.RS256), Duration.ofDays(1)), events -> { }, clock);
        AccessTokenIssuer issuer = new AccessTokenIssuer(TestKeys.ISSUER, TOKEN_LIFETIME, ring,
                new ScopeCatalog(Map::of, clock), clock);
        io.latchkey.client.Client longLived = TestClients.m2m("long-lived").withLifetimes(
                new io.latchkey.client.TokenLifetimes(Optional.of(io.latchkey.config.TokenLifetimeBounds.ACCESS_TOKEN
                        .longest()), Optional.empty(), Optional.empty())).build();
        Secret token = issuer.issue(longLived, AccessTokenClaims.forService("long-lived", Set.of()), Optional.empty())
                .value();
        Instant expires = SignedJwtExpiry.of(token);
        assertEquals(clock.instant().plus(Duration.ofDays(1)).getEpochSecond(), expires.getEpochSecond());
        String kid = ring.current().kid();
        ring.rotateNow(OPERATOR);

        while (clock.instant().plusSeconds(1).isBefore(expires)) {
            ring.published();
            assertTrue(new CachingVerifier(ring).verifies(token), "at " + clock.instant() + ", expiring " + expires);
            clock.advance(Duration.ofMinutes(10));
        }
        clock.advance(Duration.ofHours(1));
        ring.published();
        assertTrue(ring.published().stream().noneMatch(k -> k.kid().equals(kid)),
                "once its tokens and the cached JWKS naming it have expired, the key leaves JWKS");
    }

    @Test
    void theNextKeyIsPublishedAtLeastOneJwksCacheLifetimeBeforeItSigns() {
        KeyRing ring = ring(List.of(SigningAlgorithm.RS256));
        Map<String, Instant> firstPublished = new java.util.HashMap<>();
        Map<String, Instant> firstSigned = new java.util.HashMap<>();
        Instant end = clock.instant().plus(Duration.ofDays(1)).plus(Duration.ofHours(2));
        while (clock.instant().isBefore(end)) {
            ring.published().forEach(k -> firstPublished.putIfAbsent(k.kid(), clock.instant()));
            int signedBefore = firstSigned.size();
            firstSigned.putIfAbsent(ring.current().kid(), clock.instant());
            if (firstSigned.size() > signedBefore && firstSigned.size() <= 3) {
                // A key just began to sign, and its successor was made moments ago: asked to rotate now, the
                // successor still waits out the JWKS cache lifetime.
                ring.rotateNow(OPERATOR);
                ring.published().forEach(k -> firstPublished.putIfAbsent(k.kid(), clock.instant()));
            }
            clock.advance(Duration.ofMinutes(5));
        }
        assertEquals(5, firstSigned.size(), "three rotations asked for, one on the period: " + firstSigned);
        firstSigned.forEach((kid, signed) -> {
            if (!signed.equals(MutableClock.START)) {
                assertFalse(signed.isBefore(firstPublished.get(kid).plus(ring.jwksMaxAge())),
                        kid + " signed at " + signed + ", published at " + firstPublished.get(kid));
            }
        });
    }

    @Test
    void aRevokedKeyLeavesJwksAtOnceAndNothingItSignedVerifies() {
        KeyRing ring = ring(List.of(SigningAlgorithm.RS256));
        AccessTokenIssuer issuer = issuer(ring);
        AccessTokenVerifier server = new AccessTokenVerifier(TestKeys.ISSUER, ring, database.transactions(),
                new RevokedTokenRepository(), new InMemoryClientDirectory(TestClients.m2m("m2m").build()), clock);
        Secret token = issue(issuer);
        Secret idToken = Secret.of(ring.signer().sign(Jwts.builder().header().type("JWT").and()
                .issuer(TestKeys.ISSUER).subject("alice").audience().single("web").claim("azp", "web")
                .expiration(Date.from(clock.instant().plusSeconds(60)))));
        io.latchkey.token.IdTokenHints hints = new io.latchkey.token.IdTokenHints(TestKeys.ISSUER, ring);
        assertTrue(server.verify(token).isPresent());
        assertTrue(hints.read(idToken).isPresent());
        String kid = ring.current().kid();

        ring.revoke(OPERATOR, kid);

        CachingVerifier fresh = new CachingVerifier(ring);
        assertFalse(fresh.verifies(token), "JWKS no longer has it");
        assertTrue(server.verify(token).isEmpty(), "introspection and userinfo refuse what it signed");
        assertTrue(hints.read(idToken).isEmpty(), "so does an id_token_hint");
        assertTrue(fresh.verifies(issue(issuer)), "the replacement signs");
    }

    /**
     * An application's id_token_signed_response_alg signs its ID tokens, which verify against JWKS; an application
     * without one gets the default (RS256), and one whose algorithm the operator disabled since gets the default too.
     */
    @Test
    void anApplicationsIdTokenAlgorithmSignsItsIdTokens() throws Exception {
        KeyRing ring = ring(List.of(SigningAlgorithm.RS256, SigningAlgorithm.ES256));
        InMemoryClientDirectory clients = new InMemoryClientDirectory(
                TestClients.webApp("es").withSigning(new io.latchkey.client.ClientSigning(Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.of(SigningAlgorithm.ES256))).build(),
                TestClients.webApp("ps").withSigning(new io.latchkey.client.ClientSigning(Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.of(SigningAlgorithm.PS256))).build(),
                TestClients.webApp("plain").build());
        io.latchkey.token.IdTokenIssuer idTokens = new io.latchkey.token.IdTokenIssuer(TestKeys.ISSUER,
                TOKEN_LIFETIME, ring, clients, clock);
        CachingVerifier relyingParty = new CachingVerifier(ring);
        for (var expected : Map.of("es", JWSAlgorithm.ES256, "plain", JWSAlgorithm.RS256, "ps", JWSAlgorithm.RS256)
                .entrySet()) {
            Secret idToken = idTokens.issue(new io.latchkey.token.IdTokenIssuer.IdTokenRequest(
                    new io.latchkey.token.PersonClaims("sub-alice", "alice", Optional.empty(), Optional.empty(), false),
                    expected.getKey(), Set.of("openid"), clock.instant(), "sid", "pwd", Optional.of("n"),
                    Optional.empty()));
            assertEquals(expected.getValue(), parse(idToken).getHeader().getAlgorithm(), expected.getKey());
            assertTrue(relyingParty.verifies(idToken), expected.getKey());
            assertEquals(List.of(expected.getKey()), parse(idToken).getJWTClaimsSet().getAudience());
        }
    }

    @Test
    void enabledAlgorithmsEachHaveKeysAndOnlyTheyVerify() {
        KeyRing ring = ring(List.of(SigningAlgorithm.ES256, SigningAlgorithm.PS256));
        AccessTokenIssuer issuer = issuer(ring);
        Secret token = issue(issuer);
        CachingVerifier relyingParty = new CachingVerifier(ring);
        assertTrue(relyingParty.verifies(token));
        assertEquals(JWSAlgorithm.ES256, parse(token).getHeader().getAlgorithm(), "the first is the default");
        Secret pss = Secret.of(ring.signer().sign(Jwts.builder().issuer(TestKeys.ISSUER).subject("x")
                        .expiration(Date.from(clock.instant().plusSeconds(60))),
                Optional.of(SigningAlgorithm.PS256)));
        assertEquals(JWSAlgorithm.PS256, parse(pss).getHeader().getAlgorithm());
        assertTrue(relyingParty.verifies(pss));
        assertEquals(Set.of("ES256", "PS256"), ring.published().stream().map(k -> k.algorithm().name())
                .collect(java.util.stream.Collectors.toSet()));
        assertThrows(IllegalArgumentException.class, () -> ring.signer().sign(Jwts.builder().subject("x"),
                Optional.of(SigningAlgorithm.RS256)), "RS256 is not enabled");

        AccessTokenVerifier server = new AccessTokenVerifier(TestKeys.ISSUER, ring, database.transactions(),
                new RevokedTokenRepository(), new InMemoryClientDirectory(TestClients.m2m("m2m").build()), clock);
        assertTrue(server.verify(token).isPresent());
        // The PS256 key's own private half, but the header says RS256: refused, the key signs PS256 only.
        SigningKey pssKey = ring.current(SigningAlgorithm.PS256);
        String rs256 = Jwts.builder().header().type(AccessTokenIssuer.TYPE).keyId(pssKey.kid()).and()
                .issuer(TestKeys.ISSUER).subject("m2m").audience().single(TestKeys.ISSUER)
                .issuedAt(Date.from(clock.instant())).expiration(Date.from(clock.instant().plusSeconds(60)))
                .id("jti-rs").claim("client_id", "m2m").claim("scope", "openid")
                .signWith(pssKey.privateKey(), Jwts.SIG.RS256).compact();
        assertTrue(server.verify(Secret.of(rs256)).isEmpty());

        // A node with RS256 only enabled over the same keys: neither ES256 nor PS256 tokens verify there.
        KeyRing rsaOnly = ring(List.of(SigningAlgorithm.RS256));
        AccessTokenVerifier rsaServer = new AccessTokenVerifier(TestKeys.ISSUER, rsaOnly, database.transactions(),
                new RevokedTokenRepository(), new InMemoryClientDirectory(TestClients.m2m("m2m").build()), clock);
        assertTrue(rsaServer.verify(token).isEmpty());

        Map<String, Object> discovery = new DiscoveryDocument(TestKeys.ISSUER, Set.of(GrantType.CLIENT_CREDENTIALS),
                new ScopeCatalog(Map::of, clock), Set::of, ring.algorithms()).toJson();
        assertEquals(List.of("ES256", "PS256"), discovery.get("id_token_signing_alg_values_supported"));
        assertEquals(List.of("ES256"), discovery.get("introspection_signing_alg_values_supported"));
    }

    private static SignedJWT parse(Secret token) {
        try {
            return SignedJWT.parse(token.reveal());
        } catch (java.text.ParseException e) {
            throw new AssertionError(e);
        }
    }

    /** The exp of a JWT, read without checking it. */
    private static final class SignedJwtExpiry {
        static Instant of(Secret token) {
            try {
                return parse(token).getJWTClaimsSet().getExpirationTime().toInstant();
            } catch (java.text.ParseException e) {
                throw new AssertionError(e);
            }
        }
    }
}
