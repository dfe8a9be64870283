package io.latchkey.account;

import java.util.List;
import java.util.Map;

/**
 * Where the brakes on guessing ({@link LoginThrottle}, {@link CredentialThrottle}) keep their counters. The rules
 * (free failures, the doubling block, forgetting) are in those classes; this is only what they read and write,
 * named for it. Implementations: {@code store.HibernateThrottleStorage} (the {@code login_throttle} table) and,
 * for unit tests, {@code testing.InMemoryThrottleStorage}.
 */
public interface ThrottleStorage {

    /** A unit of work over the counters, which the caller commits. */
    ThrottleTransaction begin();

    /**
     * The committed counters of {@code keys} that exist, by key, read outside any unit of work: the cheapest read
     * the storage has (client authentication reads three before every token request).
     */
    default Map<String, ThrottleCounter> read(List<String> keys) {
        try (ThrottleTransaction tx = begin()) {
            return tx.findAll(keys);
        }
    }
}
