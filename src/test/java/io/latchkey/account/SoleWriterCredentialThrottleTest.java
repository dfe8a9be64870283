package io.latchkey.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every rule of {@link CredentialThrottleTest} again, with the memory of absent counters a node uses on a database
 * only it writes ({@link CredentialThrottle#soleWriter}): the same answers, and no read before an authentication
 * whose counters were found absent since the last failure was counted.
 */
class SoleWriterCredentialThrottleTest extends CredentialThrottleTest {
    private CountingStorage storage;

    @Override
    CredentialThrottle throttle(ThrottleStorage storage, MutableClock clock) {
        this.storage = new CountingStorage(storage);
        return CredentialThrottle.soleWriter(this.storage, clock);
    }

    @Test
    void countersFoundAbsentAreNotReadAgainUntilAFailureIsCounted() {
        throttle.beforeClientAuthentication("orders-batch", CLIENT_HOST);
        throttle.beforeClientAuthentication("orders-batch", CLIENT_HOST);
        assertEquals(1, storage.reads, "the second authentication reads nothing");

        throttle.recordClientFailure("other-client", ATTACKER);
        throttle.beforeClientAuthentication("orders-batch", CLIENT_HOST);
        assertEquals(2, storage.reads, "after any failure every key is read again once");
        throttle.beforeClientAuthentication("orders-batch", CLIENT_HOST);
        assertEquals(2, storage.reads);
    }

    @Test
    void aPresentCounterIsReadEveryTime() {
        throttle.recordClientFailure("orders-batch", ATTACKER);
        throttle.beforeClientAuthentication("orders-batch", ATTACKER);
        throttle.beforeClientAuthentication("orders-batch", ATTACKER);
        assertEquals(2, storage.reads);
    }

    @Test
    void anAbsenceReadWhileAFailureWasBeingCountedIsNotTrusted() {
        // The read finds nothing; before it returns, the failures that block this address commit.
        storage.afterNextRead = () -> {
            for (int i = 0; i <= CredentialThrottle.FREE_CLIENT_FAILURES; i++) {
                throttle.recordClientFailure("orders-batch", ATTACKER);
            }
        };
        assertEquals(Optional.empty(), clientBlock("orders-batch", ATTACKER), "the read saw no counter");
        assertEquals(Optional.of(Duration.ofSeconds(2)), clientBlock("orders-batch", ATTACKER),
                "the next attempt reads again and is braked");
    }

    @Test
    void aBlockIsSeenAtOnceAfterTheCleanReadsThatWentBefore() {
        for (int i = 0; i < 3; i++) {
            assertFalse(throttle.beforeClientAuthentication("orders-batch", ATTACKER).addressCounted());
        }
        for (int i = 0; i <= CredentialThrottle.FREE_CLIENT_FAILURES; i++) {
            throttle.recordClientFailure("orders-batch", ATTACKER);
        }
        assertTrue(clientBlock("orders-batch", ATTACKER).isPresent());
    }

    /** Counts the reads outside a transaction, and runs a step right after the next one. */
    private static final class CountingStorage implements ThrottleStorage {
        private final ThrottleStorage storage;
        int reads;
        Runnable afterNextRead;

        CountingStorage(ThrottleStorage storage) {
            this.storage = storage;
        }

        @Override
        public ThrottleTransaction begin() {
            return storage.begin();
        }

        @Override
        public Map<String, ThrottleCounter> read(List<String> keys) {
            reads++;
            Map<String, ThrottleCounter> found = storage.read(keys);
            Runnable step = afterNextRead;
            afterNextRead = null;
            if (step != null) {
                step.run();
            }
            return found;
        }
    }
}
