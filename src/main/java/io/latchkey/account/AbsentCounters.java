package io.latchkey.account;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The throttle counters this node has read and found not to exist, so that client authentication need not read
 * them again before every request. Exact, not a cache with a lifetime: it is used only where this node is the one
 * writer of the counters (an embedded database no other process can open: {@code store.Database#soleWriter}), and
 * only for the keys the remembering {@link CredentialThrottle} itself writes.
 *
 * <p>Each write of those counters moves a generation once it has committed ({@link #changed}). A key is remembered
 * absent together with the generation read <em>before</em> the read that found it absent, and the memory answers
 * only while that generation is still the current one. So an absence read while a failure was being written (the
 * read may have missed the new row) is never trusted: any write makes every key be read once more.
 */
final class AbsentCounters {
    /** Past this many remembered keys (addresses times clients), the memory starts over. */
    static final int MAX_KEYS = 4096;

    private final AtomicLong generation = new AtomicLong();
    private final Map<String, Long> absentSince = new ConcurrentHashMap<>();

    /** The generation to pass to {@link #rememberAbsent} for a read that starts now. */
    long generation() {
        return generation.get();
    }

    /** Whether every one of {@code keys} was found absent by a read no write has followed. */
    boolean allAbsent(List<String> keys) {
        long current = generation.get();
        for (String key : keys) {
            Long since = absentSince.get(key);
            if (since == null || since != current) {
                return false;
            }
        }
        return true;
    }

    /** {@code key} has no counter, as a read that started at generation {@code readAt} found. */
    void rememberAbsent(String key, long readAt) {
        if (absentSince.size() >= MAX_KEYS) {
            absentSince.clear();
        }
        absentSince.put(key, readAt);
    }

    /** After a write of the counters has committed (or failed: it may have committed). */
    void changed() {
        generation.incrementAndGet();
    }
}
