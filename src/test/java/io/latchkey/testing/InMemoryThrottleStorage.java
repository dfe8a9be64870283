package io.latchkey.testing;

import io.latchkey.account.SignInCandidate;
import io.latchkey.account.ThrottleCounter;
import io.latchkey.account.ThrottleStorage;
import io.latchkey.account.ThrottleTransaction;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@link ThrottleStorage} in memory, for unit tests of the brakes without a database. As
 * {@link InMemoryGrantStorage}: one transaction at a time, on a copy of the counters that only a commit publishes.
 */
public final class InMemoryThrottleStorage implements ThrottleStorage {
    private final ReentrantLock lock = new ReentrantLock();
    private Map<String, ThrottleCounter> committed = new HashMap<>();
    private final Map<String, SignInCandidate> candidates = new HashMap<>();

    /** Makes {@code username} name this account (as the account table would). */
    public void putCandidate(String username, SignInCandidate candidate) {
        lock.lock();
        try {
            candidates.put(username, candidate);
        } finally {
            lock.unlock();
        }
    }

    /** The committed counter of this key. */
    public Optional<ThrottleCounter> counter(String key) {
        lock.lock();
        try {
            return Optional.ofNullable(committed.get(key));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public ThrottleTransaction begin() {
        lock.lock();
        return new Unit(new HashMap<>(committed));
    }

    private final class Unit implements ThrottleTransaction {
        private final Map<String, ThrottleCounter> counters;
        private boolean open = true;
        private boolean committedAlready;

        Unit(Map<String, ThrottleCounter> counters) {
            this.counters = counters;
        }

        @Override
        public Optional<ThrottleCounter> find(String key) {
            requireOpen();
            return Optional.ofNullable(counters.get(key));
        }

        @Override
        public Optional<ThrottleCounter> lock(String key) {
            return find(key);
        }

        @Override
        public boolean insertIfAbsent(ThrottleCounter counter) {
            requireOpen();
            return counters.putIfAbsent(counter.key(), counter) == null;
        }

        @Override
        public void update(ThrottleCounter counter) {
            requireOpen();
            if (counters.replace(counter.key(), counter) == null) {
                throw new IllegalStateException("no counter " + counter.key());
            }
        }

        @Override
        public void delete(String key) {
            requireOpen();
            counters.remove(key);
        }

        @Override
        public int deleteUpdatedBefore(Instant before) {
            requireOpen();
            int size = counters.size();
            counters.values().removeIf(counter -> counter.updatedAt().isBefore(before));
            return size - counters.size();
        }

        @Override
        public Optional<SignInCandidate> findSignInCandidate(String username) {
            requireOpen();
            return Optional.ofNullable(candidates.get(username));
        }

        @Override
        public void commit() {
            requireOpen();
            committed = new HashMap<>(counters);
            committedAlready = true;
        }

        @Override
        public void close() {
            if (open) {
                open = false;
                lock.unlock();
            }
        }

        private void requireOpen() {
            if (!open || committedAlready) {
                throw new IllegalStateException("the transaction is closed or committed");
            }
        }
    }
}
