package io.latchkey.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JobLeaseTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aLeaseLastsTheWholePeriodOfItsJob() {
        JobLease lease = JobLease.taken("node-a", T, Duration.ofMinutes(5));

        assertEquals(new JobLease("node-a", T, T.plusSeconds(300)), lease);
        assertFalse(lease.isOverAt(T));
        assertFalse(lease.isOverAt(T.plusSeconds(299)));
        assertFalse(lease.isOverAt(T.plusSeconds(300).minusNanos(1)));
    }

    @Test
    void anotherLeaseMayBeTakenFromTheInstantTheLastEnds() {
        JobLease lease = JobLease.taken("node-a", T, Duration.ofMinutes(5));

        assertTrue(lease.isOverAt(T.plusSeconds(300)));
        assertTrue(lease.isOverAt(T.plusSeconds(301)));
    }

    @Test
    void aJobThatNeverRanHasALeaseOverSinceEver() {
        assertTrue(JobLease.NONE.isOverAt(Instant.EPOCH));
        assertTrue(JobLease.NONE.isOverAt(T));
    }

    @Test
    void refusesAPeriodThatIsNotPositiveAndALeaseEndingBeforeItWasTaken() {
        assertThrows(IllegalArgumentException.class, () -> JobLease.taken("a", T, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> JobLease.taken("a", T, Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> new JobLease("a", T, T.minusNanos(1)));
    }
}
