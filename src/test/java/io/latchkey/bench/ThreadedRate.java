package io.latchkey.bench;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;

/**
 * The loop the machine ceilings of the benchmarks share ({@link SignRate}, {@link VerifyRate},
 * {@link PasswordHashRate}): one unit of work repeated on several threads for a while, after a warm-up that is
 * not counted. A unit answers whether its result was right (which also keeps the JIT from dropping the work);
 * one wrong result makes the measurement throw.
 */
final class ThreadedRate {
    /**
     * Units per second, the seconds the measured run took (until the last started unit had finished), and the CPU
     * time this whole process spent per unit meanwhile (all its threads: the units, the collector, the JIT).
     */
    record Rate(double perSecond, double seconds, double cpuMillisPerUnit) {
    }

    private ThreadedRate() {
    }

    static Rate measure(String name, int threads, double warmupSeconds, double seconds, BooleanSupplier unit)
            throws InterruptedException {
        run(name, threads, warmupSeconds, unit, new LongAdder());
        LongAdder done = new LongAdder();
        long cpuBefore = processCpuNanos();
        long start = System.nanoTime();
        run(name, threads, seconds, unit, done);
        double elapsed = (System.nanoTime() - start) / 1e9;
        double cpuMillis = (processCpuNanos() - cpuBefore) / 1e6;
        return new Rate(done.sum() / elapsed, elapsed, cpuMillis / Math.max(1, done.sum()));
    }

    /** CPU time of this process so far (user and system, all threads); 0 where the platform does not tell. */
    private static long processCpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    /**
     * Repeats {@code unit} on {@code threads} threads until {@code seconds} have passed; each thread finishes the
     * unit it has started, and every finished unit counts.
     */
    private static void run(String name, int threads, double seconds, BooleanSupplier unit, LongAdder done)
            throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicBoolean wrong = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        if (!unit.getAsBoolean()) {
                            wrong.set(true);
                        }
                        done.increment();
                    }
                } finally {
                    finished.countDown();
                }
            }, name + "-" + t);
            worker.setDaemon(true);
            worker.start();
        }
        Thread.sleep((long) (seconds * 1000));
        stop.set(true);
        finished.await();
        if (wrong.get()) {
            throw new IllegalStateException(name + ": a unit of work gave a wrong result");
        }
    }
}
