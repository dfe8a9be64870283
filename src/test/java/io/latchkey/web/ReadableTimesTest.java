package io.latchkey.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReadableTimesTest {
    private static final Instant AT = Instant.parse("2026-12-06T09:05:59.123456Z");

    @Test
    void showsTheMinuteAndTheZoneWithoutSecondsOrFractions() {
        assertEquals("6 Dec 2026, 09:05 UTC", new ReadableTimes(ZoneOffset.UTC).of(AT));
        assertEquals("6 Dec 2026, 09:05 UTC", new ReadableTimes(ZoneId.of("Etc/UTC")).of(AT));
        assertEquals("6 Dec 2026, 09:05 UTC", new ReadableTimes(ZoneId.of("GMT0")).of(AT));
    }

    @Test
    void showsTheTimeInTheGivenZoneAndNamesIt() {
        assertEquals("6 Dec 2026, 10:05 CET", new ReadableTimes(ZoneId.of("Europe/Berlin")).of(AT));
        assertEquals("5 Dec 2026, 23:05 HST", new ReadableTimes(ZoneId.of("Pacific/Honolulu")).of(AT));
    }

    @Test
    void fitsAPhoneLine() {
        String longest = new ReadableTimes(ZoneId.of("America/Los_Angeles")).of(Instant.parse("2026-09-30T22:59:00Z"));
        assertEquals("30 Sep 2026, 15:59 PDT", longest);
        assertTrue(longest.length() <= 24, longest);
    }

    @Test
    void saysNeverForNoInstantAndNothingForNull() {
        ReadableTimes times = new ReadableTimes(ZoneOffset.UTC);
        assertEquals("never", times.orNever(Optional.empty()));
        assertEquals("6 Dec 2026, 09:05 UTC", times.orNever(Optional.of(AT)));
        assertEquals("", times.of(null));
    }

    @Test
    void givesTheMachineReadableInstantToTheSecondInUtc() {
        assertEquals("2026-12-06T09:05:59Z", new ReadableTimes(ZoneId.of("Europe/Berlin")).machine(AT));
    }
}
