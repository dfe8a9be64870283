package io.latchkey.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ThrottleStorage} must do, run against the database ({@code HibernateThrottleStorageTest}) and
 * the in-memory one the throttle unit tests use ({@code InMemoryThrottleStorageTest}).
 */
abstract class ThrottleStorageContract {
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    abstract ThrottleStorage storage();

    /** A stored account with no password, as the storage returns it for its username. */
    abstract SignInCandidate storedCandidate();

    private static String key() {
        return "account:" + UUID.randomUUID();
    }

    private Optional<ThrottleCounter> committed(String key) {
        try (ThrottleTransaction tx = storage().begin()) {
            return tx.find(key);
        }
    }

    @Test
    void aCounterIsInsertedOnceThenLockedUpdatedAndDeleted() {
        String key = key();
        ThrottleCounter first = new ThrottleCounter(key, 1, Optional.empty(), NOW);
        try (ThrottleTransaction tx = storage().begin()) {
            assertTrue(tx.insertIfAbsent(first));
            assertFalse(tx.insertIfAbsent(new ThrottleCounter(key, 9, Optional.empty(), NOW)));
            tx.commit();
        }
        assertEquals(Optional.of(first), committed(key));
        ThrottleCounter blocked = new ThrottleCounter(key, 6, Optional.of(NOW.plusSeconds(2)), NOW.plusSeconds(1));
        try (ThrottleTransaction tx = storage().begin()) {
            assertEquals(Optional.of(first), tx.lock(key));
            tx.update(blocked);
            tx.commit();
        }
        assertEquals(Optional.of(blocked), committed(key));
        try (ThrottleTransaction tx = storage().begin()) {
            tx.delete(key);
            tx.commit();
        }
        assertEquals(Optional.empty(), committed(key));
    }

    @Test
    void findsSeveralCountersAtOnceByKeyLeavingOutTheMissing() {
        String first = key();
        String second = key();
        String missing = key();
        ThrottleCounter one = new ThrottleCounter(first, 1, Optional.empty(), NOW);
        ThrottleCounter two = new ThrottleCounter(second, 7, Optional.of(NOW.plusSeconds(4)), NOW);
        try (ThrottleTransaction tx = storage().begin()) {
            tx.insertIfAbsent(one);
            tx.insertIfAbsent(two);
            tx.commit();
        }
        try (ThrottleTransaction tx = storage().begin()) {
            assertEquals(Map.of(first, one, second, two), tx.findAll(List.of(second, missing, first)));
            assertEquals(Map.of(), tx.findAll(List.of(missing)));
        }
    }

    @Test
    void findingSeveralSeesWhatTheSameTransactionChangedAndDeleted() {
        String changed = key();
        String deleted = key();
        try (ThrottleTransaction tx = storage().begin()) {
            tx.insertIfAbsent(new ThrottleCounter(changed, 1, Optional.empty(), NOW));
            tx.insertIfAbsent(new ThrottleCounter(deleted, 1, Optional.empty(), NOW));
            tx.commit();
        }
        ThrottleCounter blocked = new ThrottleCounter(changed, 6, Optional.of(NOW.plusSeconds(2)), NOW.plusSeconds(1));
        try (ThrottleTransaction tx = storage().begin()) {
            tx.delete(deleted);
            tx.lock(changed);
            tx.update(blocked);
            assertEquals(Map.of(changed, blocked), tx.findAll(List.of(changed, deleted)));
        }
    }

    @Test
    void aReadOutsideTransactionsSeesTheCommittedCountersOnly() {
        String kept = key();
        String pending = key();
        String missing = key();
        ThrottleCounter one = new ThrottleCounter(kept, 4, Optional.of(NOW.plusSeconds(8)), NOW);
        try (ThrottleTransaction tx = storage().begin()) {
            tx.insertIfAbsent(one);
            tx.commit();
        }
        assertEquals(Map.of(kept, one), storage().read(List.of(missing, kept)));
        try (ThrottleTransaction tx = storage().begin()) {
            tx.insertIfAbsent(new ThrottleCounter(pending, 1, Optional.empty(), NOW));
            tx.delete(kept);
            assertEquals(Map.of(kept, one), storage().read(List.of(kept, pending)));
            tx.commit();
        }
        assertEquals(Map.of(pending, new ThrottleCounter(pending, 1, Optional.empty(), NOW)),
                storage().read(List.of(kept, pending)));
    }

    @Test
    void whatATransactionClosedWithoutCommitDidIsUndone() {
        String key = key();
        try (ThrottleTransaction tx = storage().begin()) {
            assertTrue(tx.insertIfAbsent(new ThrottleCounter(key, 1, Optional.empty(), NOW)));
        }
        assertEquals(Optional.empty(), committed(key));
    }

    @Test
    void countersLastCountedBeforeAnInstantAreForgotten() {
        String old = key();
        String recent = key();
        try (ThrottleTransaction tx = storage().begin()) {
            tx.insertIfAbsent(new ThrottleCounter(old, 3, Optional.empty(), NOW.minusSeconds(10)));
            tx.insertIfAbsent(new ThrottleCounter(recent, 3, Optional.empty(), NOW));
            tx.commit();
        }
        try (ThrottleTransaction tx = storage().begin()) {
            assertEquals(1, tx.deleteUpdatedBefore(NOW.minusSeconds(5)));
            tx.commit();
        }
        assertEquals(Optional.empty(), committed(old));
        assertTrue(committed(recent).isPresent());
    }

    @Test
    void aSignInCandidateIsFoundByItsUsernameOnly() {
        SignInCandidate candidate = storedCandidate();
        try (ThrottleTransaction tx = storage().begin()) {
            assertEquals(Optional.of(candidate), tx.findSignInCandidate(candidate.account().username()));
            assertEquals(Optional.empty(), tx.findSignInCandidate("nobody-" + UUID.randomUUID()));
        }
    }
}
