package io.latchkey.client;

import io.latchkey.config.ServerTokenLifetimes;
import io.latchkey.store.ApplicationEntity;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * An application's own token lifetimes, each empty when the server-wide setting applies: the access token's
 * ({@code access_token_lifetime}, also its ID tokens'), a refresh token's when unused ({@code
 * refresh_token_idle_lifetime}) and a refresh token family's from sign-in on ({@code refresh_token_max_lifetime}).
 * Whole seconds; {@link ApplicationPolicy} holds them to the settings' bounds.
 */
public record TokenLifetimes(Optional<Duration> accessToken, Optional<Duration> refreshIdle,
                             Optional<Duration> refreshMax) {
    /** No lifetime of its own: the server's settings. */
    public static final TokenLifetimes SERVER_DEFAULTS = new TokenLifetimes(Optional.empty(), Optional.empty(),
            Optional.empty());

    public TokenLifetimes {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(refreshIdle, "refreshIdle");
        Objects.requireNonNull(refreshMax, "refreshMax");
    }

    /** From stored or typed seconds, each null for the server's setting. */
    public static TokenLifetimes ofSeconds(Long accessToken, Long refreshIdle, Long refreshMax) {
        return new TokenLifetimes(seconds(accessToken), seconds(refreshIdle), seconds(refreshMax));
    }

    private static Optional<Duration> seconds(Long value) {
        return Optional.ofNullable(value).map(Duration::ofSeconds);
    }

    /** What {@code entity} stores. */
    static TokenLifetimes of(ApplicationEntity entity) {
        return new TokenLifetimes(stored(entity.getAccessTokenLifetime()), stored(entity.getRefreshTokenIdleLifetime()),
                stored(entity.getRefreshTokenMaxLifetime()));
    }

    private static Optional<Duration> stored(Integer seconds) {
        return Optional.ofNullable(seconds).map(Duration::ofSeconds);
    }

    /** Stores this into {@code entity} (the policy has held each to at most a year of seconds). */
    void storeInto(ApplicationEntity entity) {
        entity.setAccessTokenLifetime(column(accessToken));
        entity.setRefreshTokenIdleLifetime(column(refreshIdle));
        entity.setRefreshTokenMaxLifetime(column(refreshMax));
    }

    private static Integer column(Optional<Duration> lifetime) {
        return lifetime.map(d -> Math.toIntExact(d.toSeconds())).orElse(null);
    }

    public Duration effectiveAccessToken(ServerTokenLifetimes server) {
        return accessToken.orElse(server.accessToken());
    }

    public Duration effectiveRefreshIdle(ServerTokenLifetimes server) {
        return refreshIdle.orElse(server.refreshIdle());
    }

    public Duration effectiveRefreshMax(ServerTokenLifetimes server) {
        return refreshMax.orElse(server.refreshMax());
    }
}
