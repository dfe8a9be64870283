package io.latchkey.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The server-wide token lifetimes ({@code LATCHKEY_ACCESS_TOKEN_TTL}, {@code LATCHKEY_REFRESH_TOKEN_IDLE_TTL},
 * {@code LATCHKEY_REFRESH_TOKEN_MAX_TTL}): what an application without lifetimes of its own gets.
 */
public record ServerTokenLifetimes(Duration accessToken, Duration refreshIdle, Duration refreshMax) {
    /** The settings' defaults (1 hour, 14 days, 30 days). */
    public static final ServerTokenLifetimes DEFAULTS = new ServerTokenLifetimes(
            (Duration) SettingKey.ACCESS_TOKEN_TTL.parse(SettingKey.ACCESS_TOKEN_TTL.defaultValue()),
            (Duration) SettingKey.REFRESH_TOKEN_IDLE_TTL.parse(SettingKey.REFRESH_TOKEN_IDLE_TTL.defaultValue()),
            (Duration) SettingKey.REFRESH_TOKEN_MAX_TTL.parse(SettingKey.REFRESH_TOKEN_MAX_TTL.defaultValue()));

    public ServerTokenLifetimes {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(refreshIdle, "refreshIdle");
        Objects.requireNonNull(refreshMax, "refreshMax");
    }

    public static ServerTokenLifetimes of(Settings settings) {
        return new ServerTokenLifetimes(settings.accessTokenTtl(), settings.refreshTokenIdleTtl(),
                settings.refreshTokenMaxTtl());
    }
}
