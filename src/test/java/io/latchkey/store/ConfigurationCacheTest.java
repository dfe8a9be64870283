package io.latchkey.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.latchkey.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Entries live until the change counter moves (read at most once per check interval), or their maximum age. */
class ConfigurationCacheTest {
    private final MutableClock clock = new MutableClock();
    private final AtomicLong counter = new AtomicLong();
    private final List<ConfigurationChanges.Kind> counterReads = new ArrayList<>();
    private final ConfigurationChanges changes = new ConfigurationChanges(kind -> {
        counterReads.add(kind);
        return counter.get();
    }, clock);
    private final List<String> loads = new ArrayList<>();
    private final Function<String, String> loader = key -> {
        loads.add(key);
        return key + "#" + loads.size();
    };

    private ConfigurationCache<String, String> cache(int maximumSize) {
        return new ConfigurationCache<>(changes, ConfigurationChanges.Kind.APPLICATIONS, maximumSize, clock);
    }

    @Test
    void servesTheCachedValueUntilTheCounterMovesAndIsReadAgain() {
        ConfigurationCache<String, String> cache = cache(10);
        assertEquals("a#1", cache.get("a", loader));

        counter.incrementAndGet();
        clock.advance(ConfigurationChanges.CHECK_INTERVAL.minusMillis(1));
        assertEquals("a#1", cache.get("a", loader), "the counter is not read again within the interval");
        clock.advance(Duration.ofMillis(1));
        assertEquals("a#2", cache.get("a", loader));
        assertEquals(List.of(ConfigurationChanges.Kind.APPLICATIONS, ConfigurationChanges.Kind.APPLICATIONS),
                counterReads);
    }

    @Test
    void anUnmovedCounterKeepsTheEntriesUntilTheirMaximumAge() {
        ConfigurationCache<String, String> cache = cache(10);
        cache.get("a", loader);

        clock.advance(ConfigurationCache.MAXIMUM_AGE.minusMillis(1));
        assertEquals("a#1", cache.get("a", loader));
        clock.advance(Duration.ofMillis(1));
        assertEquals("a#2", cache.get("a", loader));
    }

    @Test
    void aChangeRecordedOnThisNodeDropsItsCachesOfThatKindWhenTheTransactionEnds() {
        ConfigurationCache<String, String> applications = cache(10);
        ConfigurationCache<String, String> scopes = new ConfigurationCache<>(changes,
                ConfigurationChanges.Kind.SCOPES, 10, clock);
        applications.get("a", loader);
        scopes.get("s", loader);
        Database database = io.latchkey.testing.TestDatabase.open();
        try {
            database.transactions().run(em -> {
                changes.record(em, ConfigurationChanges.Kind.APPLICATIONS);
                assertEquals("a#1", applications.get("a", loader), "not before the change is committed");
            });
        } finally {
            database.close();
        }

        assertEquals("a#3", applications.get("a", loader));
        assertEquals("s#2", scopes.get("s", loader), "other kinds stay");
    }

    @Test
    void aValueLoadedWhileTheCacheIsDroppedIsNotKept() {
        ConfigurationCache<String, String> cache = cache(10);

        assertEquals("a#1", cache.get("a", key -> {
            String value = loader.apply(key);
            cache.drop();
            return value;
        }));

        assertEquals("a#2", cache.get("a", loader), "the value may predate the change");
    }

    @Test
    void aFailedCounterReadIsThrownAndTheNextUseReadsAgain() {
        AtomicLong reads = new AtomicLong();
        ConfigurationChanges failing = new ConfigurationChanges(kind -> {
            if (reads.incrementAndGet() == 1) {
                throw new IllegalStateException("database down");
            }
            return 0;
        }, clock);
        ConfigurationCache<String, String> cache = new ConfigurationCache<>(failing,
                ConfigurationChanges.Kind.APPLICATIONS, 10, clock);

        assertThrows(IllegalStateException.class, () -> cache.get("a", loader));
        assertEquals("a#1", cache.get("a", loader));
        assertEquals(2, reads.get());
    }

    @Test
    void neverHoldsMoreThanItsMaximumSize() {
        ConfigurationCache<String, String> cache = cache(2);
        cache.get("a", loader);
        cache.get("b", loader);

        cache.get("c", loader);

        assertEquals("c#3", cache.get("c", loader), "the newest entry stays");
        assertEquals("a#4", cache.get("a", loader), "older entries were dropped");
    }
}
