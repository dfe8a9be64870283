package io.latchkey.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The runner against leases kept in memory by the lease rule: what it runs when, and how it stops. */
class JobRunnerTest {
    private final MutableClock clock = new MutableClock();

    /** Leases as one shared table would keep them, applying {@link JobLease#isOverAt}. */
    private static final class MemoryLeases implements Leases {
        final Map<String, JobLease> held = new HashMap<>();

        @Override
        public synchronized boolean take(String job, JobLease wanted) {
            if (!held.getOrDefault(job, JobLease.NONE).isOverAt(wanted.takenAt())) {
                return false;
            }
            held.put(job, wanted);
            return true;
        }
    }

    private static Job job(String name, Duration period, Runnable work) {
        return new Job() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Duration period() {
                return period;
            }

            @Override
            public void run(Instant now) {
                work.run();
            }
        };
    }

    @Test
    void twoNodesSharingLeasesRunEachJobOncePerItsOwnPeriod() {
        MemoryLeases leases = new MemoryLeases();
        AtomicInteger often = new AtomicInteger();
        AtomicInteger rarely = new AtomicInteger();
        List<Job> jobs = List.of(job("often", Duration.ofMinutes(5), often::incrementAndGet),
                job("rarely", Duration.ofHours(1), rarely::incrementAndGet));
        JobRunner a = new JobRunner(leases, jobs, clock, "a");
        JobRunner b = new JobRunner(leases, jobs, clock, "b");

        for (int minute = 0; minute < 120; minute++) {
            a.runDue();
            b.runDue();
            clock.advance(Duration.ofMinutes(1));
        }

        assertEquals(24, often.get());
        assertEquals(2, rarely.get());
    }

    @Test
    void aLeaseThatCannotBeTakenSkipsThatJobOnlyAndIsTriedAtTheNextTick() {
        AtomicInteger attempts = new AtomicInteger();
        MemoryLeases memory = new MemoryLeases();
        Leases flaky = (job, wanted) -> {
            if (job.equals("first") && attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("connection refused");
            }
            return memory.take(job, wanted);
        };
        JobRunner runner = new JobRunner(flaky, List.of(job("first", Duration.ofHours(1), () -> { }),
                job("second", Duration.ofHours(1), () -> { })), clock, "a");

        assertEquals(List.of("second"), runner.runDue());
        clock.advance(JobRunner.TICK);
        assertEquals(List.of("first"), runner.runDue(), "not waiting a whole period after a failed lease");
    }

    @Test
    void refusesJobsWithTheSameNameOrWithoutAPositivePeriod() {
        MemoryLeases leases = new MemoryLeases();
        assertThrows(IllegalArgumentException.class, () -> new JobRunner(leases, List.of(
                job("purge", Duration.ofMinutes(1), () -> { }), job("purge", Duration.ofMinutes(2), () -> { })),
                clock, "a"));
        assertThrows(IllegalArgumentException.class, () -> new JobRunner(leases, List.of(
                job("purge", Duration.ZERO, () -> { })), clock, "a"));
        assertThrows(IllegalArgumentException.class, () -> new JobRunner(leases, List.of(
                job("x".repeat(65), Duration.ofMinutes(1), () -> { })), clock, "a"));
    }

    @Test
    void closeInterruptsARunningJobAndLeavesNoThreadBehind() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        AtomicInteger daemon = new AtomicInteger();
        JobRunner runner = new JobRunner(new MemoryLeases(), List.of(job("slow", Duration.ofHours(1), () -> {
            daemon.set(Thread.currentThread().isDaemon() ? 1 : 0);
            started.countDown();
            try {
                Thread.sleep(TimeUnit.MINUTES.toMillis(5));
            } catch (InterruptedException e) {
                try {
                    // Ends its batch: a while longer, which close() waits for.
                    Thread.sleep(300);
                } catch (InterruptedException again) {
                    Thread.currentThread().interrupt();
                }
                interrupted.countDown();
            }
        })), clock, "a");
        runner.start(Duration.ofMillis(50));
        assertThrows(IllegalStateException.class, () -> runner.start(Duration.ofMillis(50)));
        assertTrue(started.await(30, TimeUnit.SECONDS), "the first tick comes after a few seconds");

        runner.close();

        assertEquals(0, interrupted.getCount(), "close() returned after the job ended");
        assertFalse(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("latchkey-jobs") && t.isAlive()), "the job thread ended");
        assertEquals(1, daemon.get(), "jobs run on a daemon thread, which never keeps a JVM alive");
    }
}
