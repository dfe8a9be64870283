package io.latchkey.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ExpiringCacheTest {
    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2025-06-01T12:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final List<String> loads = new ArrayList<>();
    private final Function<String, String> loader = key -> {
        loads.add(key);
        return key + "#" + loads.size();
    };

    @Test
    void servesACachedValueUntilItsTimeToLiveIsOver() {
        ExpiringCache<String, String> cache = new ExpiringCache<>(Duration.ofSeconds(5), 10, clock);

        assertEquals("a#1", cache.get("a", loader));
        clock.advance(Duration.ofMillis(4999));
        assertEquals("a#1", cache.get("a", loader));
        clock.advance(Duration.ofMillis(1));
        assertEquals("a#2", cache.get("a", loader));
        assertEquals(List.of("a", "a"), loads);
    }

    @Test
    void reloadsAForgottenKey() {
        ExpiringCache<String, String> cache = new ExpiringCache<>(Duration.ofSeconds(5), 10, clock);
        cache.get("a", loader);

        cache.invalidate("a");

        assertEquals("a#2", cache.get("a", loader));
    }

    @Test
    void neverHoldsMoreThanItsMaximumSize() {
        ExpiringCache<String, String> cache = new ExpiringCache<>(Duration.ofMinutes(1), 2, clock);
        cache.get("a", loader);
        cache.get("b", loader);

        cache.get("c", loader);

        assertEquals("c#3", cache.get("c", loader), "the newest entry stays");
        assertEquals("a#4", cache.get("a", loader), "older entries were dropped");
    }
}
