package io.latchkey.web.admin;

import io.latchkey.session.BrowserSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The console's rule for the dangerous actions (rotating a secret or a key, making someone an administrator,
 * deleting): the session's sign-in ({@code auth_time}) must be at most {@code window} old, else the person signs
 * in again first — the same idea as OIDC's {@code max_age} / {@code prompt=login}.
 */
public record RecentSignIn(Duration window, Clock clock) {
    /** Five minutes. */
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);

    public RecentSignIn {
        if (window.isNegative()) {
            throw new IllegalArgumentException("the window of a recent sign-in cannot be negative");
        }
    }

    /** Whether the session signed in within the window; a sign-in time in the future (clock skew) counts as now. */
    public boolean holds(BrowserSession session) {
        Instant oldest = clock.instant().minus(window);
        return !session.authTime().isBefore(oldest);
    }
}
