package io.latchkey.config;

import java.time.Duration;
import java.util.Optional;

/**
 * The shortest and longest lifetime, in whole seconds, the server settings accept for a kind of token, and so
 * also what an application's own lifetime may be ({@code client.ApplicationPolicy}): one place for the numbers.
 */
public enum TokenLifetimeBounds {
    /** {@code LATCHKEY_ACCESS_TOKEN_TTL} and an application's {@code access_token_lifetime}. */
    ACCESS_TOKEN(60, 86_400),
    /** {@code LATCHKEY_REFRESH_TOKEN_IDLE_TTL}, {@code _MAX_TTL} and an application's refresh token lifetimes. */
    REFRESH_TOKEN(300, 31_536_000);

    private final int shortestSeconds;
    private final int longestSeconds;

    TokenLifetimeBounds(int shortestSeconds, int longestSeconds) {
        this.shortestSeconds = shortestSeconds;
        this.longestSeconds = longestSeconds;
    }

    public Duration shortest() {
        return Duration.ofSeconds(shortestSeconds);
    }

    public Duration longest() {
        return Duration.ofSeconds(longestSeconds);
    }

    /** Why {@code seconds} is not a lifetime of this kind ("expected a number of seconds between …"), or empty. */
    public Optional<String> problem(long seconds) {
        return seconds < shortestSeconds || seconds > longestSeconds
                ? Optional.of("expected a number of seconds between " + shortestSeconds + " and " + longestSeconds)
                : Optional.empty();
    }

    /** The setting's parser: a whole number of seconds within the bounds. */
    Duration parse(int seconds) {
        problem(seconds).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        return Duration.ofSeconds(seconds);
    }
}
