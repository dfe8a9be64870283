package io.latchkey.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/** N identical (or numbered) operations released at the same instant from N threads, and what each one got. */
public final class AtOnce {
    private AtOnce() {
    }

    /** What one operation returned, or threw. */
    public record Outcome<T>(Optional<T> value, Optional<Throwable> failure) {
        public boolean succeeded() {
            return failure.isEmpty();
        }

        @Override
        public String toString() {
            return failure.map(f -> "threw " + f).orElseGet(() -> "returned " + value.orElse(null));
        }
    }

    public static <T> List<Outcome<T>> run(int n, Callable<T> operation) {
        return run(n, i -> operation);
    }

    /** Runs {@code operation.apply(i)} for i in 0..n-1, all waiting at one barrier and then starting together. */
    public static <T> List<Outcome<T>> run(int n, IntFunction<Callable<T>> operation) {
        CyclicBarrier start = new CyclicBarrier(n);
        ExecutorService threads = Executors.newFixedThreadPool(n);
        try {
            List<Future<Outcome<T>>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Callable<T> work = operation.apply(i);
                futures.add(threads.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    try {
                        return new Outcome<>(Optional.ofNullable(work.call()), Optional.empty());
                    } catch (Exception | AssertionError e) {
                        return new Outcome<T>(Optional.empty(), Optional.of(e));
                    }
                }));
            }
            List<Outcome<T>> outcomes = new ArrayList<>();
            for (Future<Outcome<T>> future : futures) {
                outcomes.add(future.get(120, TimeUnit.SECONDS));
            }
            return outcomes;
        } catch (Exception e) {
            throw new IllegalStateException("the concurrent operations did not finish", e);
        } finally {
            threads.shutdownNow();
        }
    }
}
