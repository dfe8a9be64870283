package io.latchkey.web.admin;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.session.BrowserSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RecentSignInTest {
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private final RecentSignIn rule = new RecentSignIn(RecentSignIn.DEFAULT_WINDOW, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aSignInWithinFiveMinutesIsRecentOneSecondOlderIsNot() {
        assertTrue(rule.holds(signedInAt(NOW)));
        assertTrue(rule.holds(signedInAt(NOW.minus(Duration.ofMinutes(5)))));
        assertFalse(rule.holds(signedInAt(NOW.minus(Duration.ofMinutes(5)).minusSeconds(1))));
        assertFalse(rule.holds(signedInAt(NOW.minus(Duration.ofHours(3)))));
    }

    @Test
    void aSignInAheadOfTheClockCountsAsRecent() {
        assertTrue(rule.holds(signedInAt(NOW.plusSeconds(2))));
    }

    @Test
    void aNegativeWindowIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RecentSignIn(Duration.ofSeconds(-1), Clock.systemUTC()));
    }

    private static BrowserSession signedInAt(Instant authTime) {
        return new BrowserSession("sid", 1, authTime, BrowserSession.PASSWORD, authTime.plus(Duration.ofHours(12)));
    }
}
