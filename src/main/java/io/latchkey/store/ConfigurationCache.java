package io.latchkey.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A bounded read-through cache of one kind of configuration in front of the database, so a hot path such as the
 * token endpoint does not query per request. Entries stay until the configuration changes
 * ({@link ConfigurationChanges}: at once on the node that made the change, within
 * {@link ConfigurationChanges#CHECK_INTERVAL} on the others).
 *
 * <p>{@link #MAXIMUM_AGE} is a safety net, not the way changes travel: a change that bypasses the commands (an
 * operator's SQL, a restored backup, a node of an older version during a rolling upgrade) still reaches every node
 * within a minute, for one more read per entry per minute.
 */
public final class ConfigurationCache<K, V> {
    /** The longest an entry is used without being read again, whatever the counter says. */
    public static final Duration MAXIMUM_AGE = Duration.ofMinutes(1);

    private record Entry<V>(V value, Instant loadedAt) {
    }

    private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();
    /** Moves at every drop, so a value loaded before a drop is not kept after it. */
    private final AtomicLong drops = new AtomicLong();
    private final ConfigurationChanges changes;
    private final ConfigurationChanges.Kind kind;
    private final int maximumSize;
    private final Clock clock;

    public ConfigurationCache(ConfigurationChanges changes, ConfigurationChanges.Kind kind, int maximumSize,
                              Clock clock) {
        this.changes = changes;
        this.kind = kind;
        this.maximumSize = maximumSize;
        this.clock = clock;
        changes.onChange(kind, this::drop);
    }

    public V get(K key, Function<K, V> loader) {
        changes.catchUp(kind);
        Instant now = clock.instant();
        Entry<V> cached = entries.get(key);
        if (cached != null && now.isBefore(cached.loadedAt().plus(MAXIMUM_AGE))) {
            return cached.value();
        }
        long dropsBefore = drops.get();
        V value = loader.apply(key);
        if (entries.size() >= maximumSize) {
            entries.clear();
        }
        Entry<V> loaded = new Entry<>(value, now);
        entries.put(key, loaded);
        if (drops.get() != dropsBefore) {
            // Dropped while loading: the value may predate the change, so the next use loads it again.
            entries.remove(key, loaded);
        }
        return value;
    }

    /** Forgets every entry. */
    public void drop() {
        drops.incrementAndGet();
        entries.clear();
    }
}
