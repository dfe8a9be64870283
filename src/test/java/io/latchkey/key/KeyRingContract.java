package io.latchkey.key;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.audit.Actor;
import io.latchkey.audit.AuditEvent;
import io.latchkey.audit.AuditTrail;
import io.latchkey.security.Secret;
import io.latchkey.store.ConfigurationChanges;
import io.latchkey.store.Database;
import io.latchkey.store.RevokedTokenRepository;
import io.latchkey.store.SigningKeyRepository;
import io.latchkey.token.AccessTokenClaims;
import io.latchkey.token.AccessTokenIssuer;
import io.latchkey.token.AccessTokenVerifier;
import io.latchkey.consent.ScopeCatalog;
import io.latchkey.testing.AtOnce;
import io.latchkey.testing.InMemoryClientDirectory;
import io.latchkey.testing.InterruptedAuditTrail;
import io.latchkey.testing.MutableClock;
import io.latchkey.testing.TestClients;
import io.latchkey.testing.TestDatabase;
import io.latchkey.testing.TestKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Several nodes (key rings, each with its own caches and change counters) over one database: at once they make one
 * set of first keys and each rotation exactly once, and every node picks up a rotation or a revocation made on
 * another without a restart. Run on H2 ({@link KeyRingH2Test}) and PostgreSQL ({@link KeyRingPostgresTest}).
 */
abstract class KeyRingContract {
    static final byte[] MASTER_KEY = new byte[32];
    static final int NODES = 8;
    static final KeySchedule SCHEDULE = new KeySchedule(List.of(SigningAlgorithm.RS256), Duration.ofDays(1),
            KeySchedule.JWKS_MAX_AGE, Duration.ofHours(1));

    private Database database;
    private final MutableClock clock = new MutableClock();
    private final List<AuditEvent> events = new CopyOnWriteArrayList<>();

    /** A new, empty database. */
    abstract Database newDatabase();

    @BeforeEach
    void open() {
        database = newDatabase();
    }

    @AfterEach
    void close() {
        database.close();
    }

    private KeyRing node() {
        return KeyRing.load(database.transactions(), new SigningKeyRepository(), new KeyCipher(MASTER_KEY),
                ConfigurationChanges.stored(database.transactions(), clock), SCHEDULE, events::add, clock);
    }

    private List<KeyRing> nodes() {
        List<KeyRing> nodes = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
            nodes.add(node());
        }
        return nodes;
    }

    private long count(String sql, Object... parameters) {
        return TestDatabase.count(database, sql, parameters);
    }

    private long events(String action) {
        return events.stream().filter(e -> e.action().equals(action)).count();
    }

    /** Lets every node's next read see the change counters again. */
    private void afterCheckInterval() {
        clock.advance(ConfigurationChanges.CHECK_INTERVAL);
    }

    @Test
    void nodesStartingAtOnceOnAnEmptyDatabaseMakeOneCurrentAndOneNextKey() {
        List<AtOnce.Outcome<KeyRing>> started = AtOnce.run(NODES, this::node);

        assertTrue(started.stream().allMatch(AtOnce.Outcome::succeeded), started.toString());
        assertEquals(1, count("select count(*) from signing_key where status = 'current'"));
        assertEquals(1, count("select count(*) from signing_key where status = 'next'"));
        assertEquals(2, count("select count(*) from signing_key"));
        assertEquals(2, events("signing_key.generated"));
        String current = started.get(0).value().orElseThrow().current().kid();
        started.forEach(node -> assertEquals(current, node.value().orElseThrow().current().kid()));
    }

    @Test
    void nodesCallingRotateIfDueAtTheSameInstantRotateExactlyOnce() {
        List<KeyRing> nodes = nodes();
        String first = nodes.get(0).current().kid();
        String next = nodes.get(0).published().stream().map(SigningKey::kid).filter(k -> !k.equals(first))
                .findFirst().orElseThrow();
        assertFalse(nodes.get(0).rotateIfDue(clock.instant()), "nothing is due yet");

        clock.advance(SCHEDULE.rotationPeriod());
        List<AtOnce.Outcome<Boolean>> rotated = AtOnce.run(NODES, i -> () -> nodes.get(i).rotateIfDue(clock.instant()));

        assertTrue(rotated.stream().allMatch(AtOnce.Outcome::succeeded), rotated.toString());
        assertEquals(1, rotated.stream().filter(o -> o.value().orElseThrow()).count(), rotated.toString());
        assertEquals(1, events("signing_key.rotated"));
        assertEquals(1, count("select count(*) from signing_key where status = 'current' and kid = ?1", next));
        assertEquals(1, count("select count(*) from signing_key where status = 'retiring' and kid = ?1", first));
        assertEquals(1, count("select count(*) from signing_key where status = 'next'"));
        assertEquals(3, count("select count(*) from signing_key"));

        afterCheckInterval();
        assertEquals(Map.of(first, "retiring", next, "current"), nodes.get(NODES - 1).states().stream()
                .filter(row -> !row.state().equals("next"))
                .collect(java.util.stream.Collectors.toMap(KeySchedule.Row::kid, KeySchedule.Row::state)));
        for (KeyRing node : nodes) {
            assertEquals(next, node.current().kid(), "every node signs with the new key, without a restart");
            assertTrue(node.published().stream().anyMatch(k -> k.kid().equals(first)),
                    "the retiring key stays published");
        }
    }

    @Test
    void aRotationAskedForOnOneNodeSignsOnAnotherOnceTheNextKeyHasBeenPublishedLongEnough() {
        KeyRing a = node();
        KeyRing b = node();
        String first = b.current().kid();
        clock.advance(Duration.ofMinutes(5));

        List<KeyRotation.ScheduledRotation> scheduled = a.rotateNow(new Actor(Actor.Kind.ACCOUNT, "admin-subject",
                java.util.Optional.empty(), java.util.Optional.empty()));

        assertEquals(1, scheduled.size());
        assertEquals(first, scheduled.get(0).currentKid());
        assertEquals(clock.instant().plus(Duration.ofMinutes(10)), scheduled.get(0).nextSignsFrom(),
                "published for the JWKS cache lifetime first");
        afterCheckInterval();
        assertEquals(first, b.current().kid(), "not before");
        clock.set(scheduled.get(0).nextSignsFrom());
        afterCheckInterval();
        assertEquals(scheduled.get(0).nextKid(), b.current().kid());
        assertEquals(scheduled.get(0).nextKid(), a.current().kid());
        assertEquals(1, events.stream().filter(e -> e.action().equals("signing_key.rotated")
                && e.actor().kind() == Actor.Kind.ACCOUNT).count(), events.toString());
    }

    @Test
    void aRevokedKeyLeavesJwksOnEveryNodeAndWhatItSignedStopsVerifying() {
        KeyRing a = node();
        KeyRing b = node();
        String revoked = a.current().kid();
        ScopeCatalog scopes = new ScopeCatalog(Map::of, clock);
        AccessTokenIssuer issuer = new AccessTokenIssuer(TestKeys.ISSUER, Duration.ofHours(1), b, scopes, clock);
        Secret token = issuer.issue(AccessTokenClaims.forService("m2m", Set.of("openid"))).value();
        AccessTokenVerifier verifier = new AccessTokenVerifier(TestKeys.ISSUER, b, database.transactions(),
                new RevokedTokenRepository(), new InMemoryClientDirectory(TestClients.m2m("m2m").build()), clock);
        assertTrue(verifier.verify(token).isPresent());

        Actor operator = new Actor(Actor.Kind.ACCOUNT, "admin-subject", java.util.Optional.empty(),
                java.util.Optional.empty());
        assertEquals(KeyRotation.Revocation.REVOKED, a.revoke(operator, revoked));

        assertFalse(a.published().stream().anyMatch(k -> k.kid().equals(revoked)), "at once on the node revoking");
        assertNotEquals(revoked, a.current().kid(), "the next key signs at once");
        afterCheckInterval();
        assertFalse(b.published().stream().anyMatch(k -> k.kid().equals(revoked)));
        assertTrue(verifier.verify(token).isEmpty(), "a token it signed no longer verifies");
        assertTrue(verifier.verify(issuer.issue(AccessTokenClaims.forService("m2m", Set.of("openid"))).value())
                .isPresent(), "the new key signs and verifies");
        assertEquals(1, count("select count(*) from signing_key where kid = ?1 and status = 'retired'"
                + " and private_key_sealed is null and revoked", revoked), "its private half is destroyed");
        assertEquals(1, count("select count(*) from signing_key where status = 'next'"), "a new next key");
        AuditEvent event = events.stream().filter(e -> e.action().equals("signing_key.revoked")).findFirst()
                .orElseThrow();
        assertEquals(operator, event.actor());
        assertEquals("signing_key:" + revoked, event.target());
        assertEquals(KeyRotation.Revocation.NOT_FOUND, a.revoke(operator, revoked), "revoked once");
    }

    @Test
    void aRevocationCommitsWithItsAuditEventsAndOneThatFailsAfterThemKeepsNeither() {
        String current = node().current().kid();
        Actor operator = new Actor(Actor.Kind.ACCOUNT, "admin-subject", java.util.Optional.empty(),
                java.util.Optional.empty());
        InterruptedAuditTrail failing = new InterruptedAuditTrail(database, InterruptedAuditTrail.At.BEFORE_COMMIT);

        assertThrows(InterruptedAuditTrail.Interruption.class, () -> rotation(failing).revoke(operator, current,
                clock.instant()));

        assertEquals(1, count("select count(*) from signing_key where kid = ?1 and status = 'current'", current),
                "the revocation was rolled back");
        assertEquals(List.of(), failing.stored("signing_key.revoked", "signing_key:" + current));

        InterruptedAuditTrail dying = new InterruptedAuditTrail(database, InterruptedAuditTrail.At.AFTER_COMMIT);
        InterruptedAuditTrail.survived(() -> rotation(dying).revoke(operator, current, clock.instant()));

        assertEquals(1, count("select count(*) from signing_key where kid = ?1 and revoked", current));
        assertEquals(1, dying.stored("signing_key.revoked", "signing_key:" + current).size(),
                "the key was revoked, so its event was stored with it");
    }

    private KeyRotation rotation(AuditTrail trail) {
        return new KeyRotation(database.transactions(), new SigningKeyRepository(), new KeyCipher(MASTER_KEY),
                ConfigurationChanges.stored(database.transactions(), clock), SCHEDULE, trail);
    }
}
