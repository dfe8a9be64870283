package io.latchkey.key;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The schedule's rule on its own: which step is due when. */
class KeyScheduleTest {
    private static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");
    private static final KeySchedule SCHEDULE = new KeySchedule(List.of(SigningAlgorithm.RS256,
            SigningAlgorithm.ES256), Duration.ofDays(30), Duration.ofMinutes(15), Duration.ofHours(1));

    private static KeySchedule.Row current(String kid, SigningAlgorithm algorithm, Instant activated,
                                           Optional<Instant> requested) {
        return new KeySchedule.Row(kid, algorithm, "current", activated, Optional.of(activated), requested,
                Optional.empty());
    }

    private static KeySchedule.Row next(String kid, SigningAlgorithm algorithm, Instant created) {
        return new KeySchedule.Row(kid, algorithm, "next", created, Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    private static KeySchedule.Row retiring(String kid, Instant retireAfter) {
        return new KeySchedule.Row(kid, SigningAlgorithm.RS256, "retiring", T0, Optional.of(T0), Optional.empty(),
                Optional.of(retireAfter));
    }

    @Test
    void anEmptyRingGetsACurrentAndANextKeyPerAlgorithm() {
        assertEquals(List.of(
                new KeySchedule.Generate(SigningAlgorithm.RS256, "current"),
                new KeySchedule.Generate(SigningAlgorithm.RS256, "next"),
                new KeySchedule.Generate(SigningAlgorithm.ES256, "current"),
                new KeySchedule.Generate(SigningAlgorithm.ES256, "next")), SCHEDULE.due(List.of(), T0));
    }

    @Test
    void theNextKeySignsAtTheEndOfThePeriodAndNotBefore() {
        List<KeySchedule.Row> ring = List.of(current("a", SigningAlgorithm.RS256, T0, Optional.empty()),
                next("b", SigningAlgorithm.RS256, T0), current("c", SigningAlgorithm.ES256, T0.plusSeconds(1),
                        Optional.empty()), next("d", SigningAlgorithm.ES256, T0));

        assertEquals(List.of(), SCHEDULE.due(ring, T0.plus(Duration.ofDays(30)).minusMillis(1)));
        assertEquals(List.of(new KeySchedule.Rotate(SigningAlgorithm.RS256, Optional.of("a"), "b"),
                        new KeySchedule.Generate(SigningAlgorithm.RS256, "next")),
                SCHEDULE.due(ring, T0.plus(Duration.ofDays(30))));
    }

    @Test
    void aRequestedRotationWaitsUntilTheNextKeyHasBeenPublishedForTheCacheLifetime() {
        Instant published = T0.plus(Duration.ofDays(2));
        List<KeySchedule.Row> ring = List.of(current("a", SigningAlgorithm.RS256, T0,
                Optional.of(published.plusSeconds(60))), next("b", SigningAlgorithm.RS256, published),
                current("c", SigningAlgorithm.ES256, T0, Optional.empty()), next("d", SigningAlgorithm.ES256, T0));

        assertEquals(List.of(), SCHEDULE.due(ring, published.plus(Duration.ofMinutes(15)).minusMillis(1)));
        assertEquals(new KeySchedule.Rotate(SigningAlgorithm.RS256, Optional.of("a"), "b"),
                SCHEDULE.due(ring, published.plus(Duration.ofMinutes(15))).get(0));
    }

    @Test
    void aRetiringKeyLeavesAfterTheLongestTokenLifetimePlusTheCacheLifetime() {
        Instant stopped = T0.plus(Duration.ofDays(30));
        Instant retireAfter = SCHEDULE.retireAfter(stopped);
        assertEquals(stopped.plus(Duration.ofMinutes(75)), retireAfter);
        List<KeySchedule.Row> ring = List.of(retiring("old", retireAfter),
                current("a", SigningAlgorithm.RS256, stopped, Optional.empty()),
                next("b", SigningAlgorithm.RS256, stopped), current("c", SigningAlgorithm.ES256, stopped,
                        Optional.empty()), next("d", SigningAlgorithm.ES256, stopped));

        assertEquals(List.of(), SCHEDULE.due(ring, retireAfter.minusMillis(1)));
        assertEquals(List.of(new KeySchedule.Retire("old")), SCHEDULE.due(ring, retireAfter));
    }

    @Test
    void aRevokedCurrentKeyIsReplacedByTheNextOneAtOnce() {
        List<KeySchedule.Row> ring = List.of(next("b", SigningAlgorithm.RS256, T0),
                current("c", SigningAlgorithm.ES256, T0, Optional.empty()), next("d", SigningAlgorithm.ES256, T0));

        assertEquals(List.of(new KeySchedule.Rotate(SigningAlgorithm.RS256, Optional.empty(), "b"),
                new KeySchedule.Generate(SigningAlgorithm.RS256, "next")), SCHEDULE.due(ring, T0));
    }
}
