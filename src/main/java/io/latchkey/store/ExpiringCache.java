package io.latchkey.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A short-lived, bounded read-through cache in front of the database (DESIGN §7: caches of clients and
 * keys are short-lived), so a hot path such as the token endpoint does not query per request, while a
 * change made on any node is seen everywhere within {@code timeToLive}.
 */
public final class ExpiringCache<K, V> {
    private record Entry<V>(V value, Instant loadedAt) {
    }

    private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final Duration timeToLive;
    private final int maximumSize;
    private final Clock clock;

    public ExpiringCache(Duration timeToLive, int maximumSize, Clock clock) {
        this.timeToLive = timeToLive;
        this.maximumSize = maximumSize;
        this.clock = clock;
    }

    public V get(K key, Function<K, V> loader) {
        Instant now = clock.instant();
        Entry<V> entry = entries.get(key);
        if (entry != null && now.isBefore(entry.loadedAt().plus(timeToLive))) {
            return entry.value();
        }
        V value = loader.apply(key);
        if (entries.size() >= maximumSize) {
            entries.clear();
        }
        entries.put(key, new Entry<>(value, now));
        return value;
    }

    public void invalidate(K key) {
        entries.remove(key);
    }
}
