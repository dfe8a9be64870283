package io.latchkey.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.testing.MutableClock;
import io.latchkey.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The held deny list: read from memory, reloaded at once on the node that revoked and within the check interval on
 * the others (two nodes are two held lists over one database), read per check when it is too long to hold.
 */
class RevokedTokenRepositoryTest {
    private static Database database;
    private final MutableClock clock = new MutableClock(Instant.now());

    @BeforeAll
    static void openDatabase() {
        database = TestDatabase.open();
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    private RevokedTokenRepository node() {
        return RevokedTokenRepository.held(database.transactions(),
                ConfigurationChanges.stored(database.transactions(), clock), clock);
    }

    private static String id() {
        return "jti-" + UUID.randomUUID();
    }

    private void revoke(RevokedTokenRepository node, String jti) {
        database.transactions().run(em -> node.revoke(em, jti, clock.instant(), clock.instant().plusSeconds(600)));
    }

    private boolean revoked(RevokedTokenRepository node, String jti) {
        return node.isRevoked(database.transactions(), jti);
    }

    @Test
    void aRevocationIsSeenAtOnceOnItsNodeAndWithinTheCheckIntervalOnAnother() {
        RevokedTokenRepository here = node();
        RevokedTokenRepository there = node();
        String jti = id();
        assertFalse(revoked(here, jti));
        assertFalse(revoked(there, jti));

        revoke(here, jti);
        assertTrue(revoked(here, jti), "the node that revoked reloads its list when the transaction ends");
        assertFalse(revoked(there, jti), "another node reads the counter at most every check interval");
        clock.advance(ConfigurationChanges.CHECK_INTERVAL);
        assertTrue(revoked(there, jti));
    }

    @Test
    void aHeldListAnswersFromMemoryWithoutReadingTheTable() {
        RevokedTokenRepository node = node();
        String jti = id();
        revoke(node, jti);
        assertTrue(revoked(node, jti));
        // Deleted behind the counter's back (no revocation moves it): the held list still has it, the table not.
        database.transactions().run(em -> em.createNativeQuery("DELETE FROM revoked_token WHERE jti = ?")
                .setParameter(1, jti).executeUpdate());
        assertTrue(revoked(node, jti));
        assertFalse(new RevokedTokenRepository().isRevoked(database.transactions(), jti));
        clock.advance(ConfigurationCache.MAXIMUM_AGE);
        assertFalse(revoked(node, jti), "reloaded after its maximum age all the same");
    }

    @Test
    void expiredIdsAreNotHeld() {
        RevokedTokenRepository node = node();
        String jti = id();
        database.transactions().run(em -> node.revoke(em, jti, clock.instant(), clock.instant().minusSeconds(1)));
        assertFalse(revoked(node, jti));
        assertTrue(new RevokedTokenRepository().isRevoked(database.transactions(), jti), "the row is still there");
    }

    @Test
    void aListLongerThanItMayHoldIsReadAtEachCheck() {
        RevokedTokenRepository small = RevokedTokenRepository.held(database.transactions(),
                ConfigurationChanges.stored(database.transactions(), clock), 1, clock);
        String first = id();
        String second = id();
        revoke(small, first);
        revoke(small, second);
        assertTrue(revoked(small, first));
        assertTrue(revoked(small, second));
        String third = id();
        // Not recorded as a change: only a per-check read can see it.
        database.transactions().run(em -> new RevokedTokenRepository().revoke(em, third, clock.instant(),
                clock.instant().plus(Duration.ofMinutes(10))));
        assertTrue(revoked(small, third));
        assertFalse(revoked(small, id()));
    }

    @Test
    void eachRevocationMovesTheCounter() {
        RevokedTokenRepository node = node();
        long before = database.transactions().inTransaction(em ->
                ConfigurationChanges.version(em, ConfigurationChanges.Kind.REVOCATIONS));
        revoke(node, id());
        long after = database.transactions().inTransaction(em ->
                ConfigurationChanges.version(em, ConfigurationChanges.Kind.REVOCATIONS));
        assertEquals(before + 1, after);
    }
}
