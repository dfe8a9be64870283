package io.latchkey.account;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The failure counters of the sign-in and credential brakes, one per key, shared by every node. {@link #lock}
 * holds a counter for the rest of the transaction, so concurrent failures of one key queue and each one counts.
 */
public interface ThrottleCounters {

    /** The counter, read without a lock. */
    Optional<ThrottleCounter> find(String key);

    /**
     * The counters of {@code keys} that exist, by key, read without a lock: where the storage can, in one round trip
     * (client authentication reads three on every token request).
     */
    default Map<String, ThrottleCounter> findAll(List<String> keys) {
        Map<String, ThrottleCounter> found = new HashMap<>();
        for (String key : keys) {
            find(key).ifPresent(counter -> found.put(key, counter));
        }
        return found;
    }

    /** The counter, locked until the transaction ends. */
    Optional<ThrottleCounter> lock(String key);

    /**
     * Inserts the counter unless one exists with its key; true when inserted. Concurrent first failures of one key
     * insert it once, the others then {@link #lock} it; nobody meets a unique violation.
     */
    boolean insertIfAbsent(ThrottleCounter counter);

    /** Writes a counter this transaction holds {@link #lock}ed. */
    void update(ThrottleCounter counter);

    void delete(String key);

    /** Deletes counters last counted before {@code before}; how many. */
    int deleteUpdatedBefore(Instant before);
}
