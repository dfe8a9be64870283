package io.latchkey.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.latchkey.key.KeyCipher;
import io.latchkey.key.KeyRing;
import io.latchkey.key.KeySchedule;
import io.latchkey.key.SigningAlgorithm;
import io.latchkey.store.ConfigurationChanges;
import io.latchkey.store.Database;
import io.latchkey.store.SigningKeyRepository;
import io.latchkey.testing.MutableClock;
import io.latchkey.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The key schedule's job moves a due key on a cluster where nothing signs (so no read of the ring would). */
class SigningKeyRotationTest {
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

    @Test
    void aKeyDueForRotationIsReplacedWhenTheJobRunsAndNotBefore() {
        KeyRing ring = KeyRing.load(database.transactions(), new SigningKeyRepository(), new KeyCipher(new byte[32]),
                ConfigurationChanges.stored(database.transactions(), clock),
                new KeySchedule(List.of(SigningAlgorithm.RS256), Duration.ofDays(1), KeySchedule.JWKS_MAX_AGE,
                        Duration.ofHours(1)), event -> { }, clock);
        String first = ring.current().kid();
        SigningKeyRotation job = new SigningKeyRotation(ring);

        // Nothing reads the ring meanwhile (the ring also rotates on its reads): only the job can move the keys.
        clock.advance(Duration.ofHours(23));
        job.run(clock.instant());
        assertEquals(first, storedCurrentKid(), "not due yet");

        clock.advance(Duration.ofHours(1));
        job.run(clock.instant());
        assertNotEquals(first, storedCurrentKid(), "due after the rotation period");
    }

    private String storedCurrentKid() {
        return database.transactions().inTransaction(em -> new SigningKeyRepository().published(em).stream()
                .filter(key -> key.getStatus().equals("current")).map(key -> key.getKid())
                .reduce((a, b) -> { throw new AssertionError("two current keys"); }).orElseThrow());
    }
}
