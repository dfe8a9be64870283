package io.latchkey.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.latchkey.config.ServerTokenLifetimes;
import io.latchkey.error.Violation;
import io.latchkey.key.SigningAlgorithm;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rules of an application's own token lifetimes ({@link ApplicationPolicy}, {@link TokenLifetimes}). */
class ApplicationLifetimePolicyTest {
    private static final Set<String> KNOWN = Set.of("openid", "offline_access", "orders:read");
    private static final String SECRET = "0123456789abcdefghijklmnopqrstuv";
    private static final String NOT_REFRESHING = "is only for applications that may hold refresh tokens (web "
            + "applications, spa and native ones with refresh_tokens; never m2m)";

    private static ApplicationPolicyTest.Draft web() {
        return new ApplicationPolicyTest.Draft("orders-web", ClientType.WEB).redirects("https://orders.example.com/cb")
                .scopes("openid", "orders:read").secret(SECRET);
    }

    private static ApplicationPolicyTest.Draft spa() {
        return new ApplicationPolicyTest.Draft("orders-spa", ClientType.SPA).redirects("https://orders.example.com/spa")
                .scopes("openid");
    }

    private static ApplicationPolicyTest.Draft m2m() {
        return new ApplicationPolicyTest.Draft("orders-batch", ClientType.M2M).scopes("orders:read").secret(SECRET);
    }

    private static List<Violation> check(ApplicationPolicyTest.Draft draft, Long access, Long idle, Long max) {
        return check(draft, access, idle, max, ServerTokenLifetimes.DEFAULTS);
    }

    private static List<Violation> check(ApplicationPolicyTest.Draft draft, Long access, Long idle, Long max,
                                         ServerTokenLifetimes server) {
        return ApplicationPolicy.check(draft.build().withLifetimes(TokenLifetimes.ofSeconds(access, idle, max)), KNOWN,
                false, EnumSet.allOf(SigningAlgorithm.class), server);
    }

    private static List<Violation> one(String field, String message) {
        return List.of(new Violation(field, message));
    }

    @Test
    void acceptsTheBoundsOfTheSettingsAndNothingBeyond() {
        String access = "must be between 60 and 86400 seconds (or null: the server's setting)";
        String refresh = "must be between 300 and 31536000 seconds (or null: the server's setting)";
        assertEquals(List.of(), check(web(), 60L, 300L, 300L));
        assertEquals(List.of(), check(web(), 86_400L, 31_536_000L, 31_536_000L));
        assertEquals(one("access_token_lifetime", access), check(web(), 59L, null, null));
        assertEquals(one("access_token_lifetime", access), check(m2m(), 86_401L, null, null));
        assertEquals(one("access_token_lifetime", access), check(m2m(), 0L, null, null));
        assertEquals(one("refresh_token_idle_lifetime", refresh), check(web(), null, 299L, null));
        assertEquals(one("refresh_token_max_lifetime", refresh), check(web(), null, null, 31_536_001L));
    }

    @Test
    void everyTypeMayHaveAnAccessTokenLifetime() {
        assertEquals(List.of(), check(m2m(), 120L, null, null));
        assertEquals(List.of(), check(spa(), 120L, null, null));
    }

    @Test
    void refreshLifetimesOnlyForApplicationsThatMayHoldRefreshTokens() {
        assertEquals(List.of(new Violation("refresh_token_idle_lifetime", NOT_REFRESHING),
                new Violation("refresh_token_max_lifetime", NOT_REFRESHING)), check(m2m(), null, 600L, 3600L));
        assertEquals(one("refresh_token_max_lifetime", NOT_REFRESHING), check(spa(), null, null, 3600L));
        assertEquals(List.of(), check(spa().with(d -> d.refreshTokens = true), null, 600L, 3600L));
    }

    @Test
    void theIdleLifetimeIsNoLongerThanTheFamilysOwnOrTheServers() {
        assertEquals(one("refresh_token_idle_lifetime", "must not be longer than refresh_token_max_lifetime, "
                + "3600 seconds"), check(web(), null, 3601L, 3600L));
        assertEquals(List.of(), check(web(), null, 3600L, 3600L));
        ServerTokenLifetimes server = new ServerTokenLifetimes(Duration.ofHours(1), Duration.ofDays(1),
                Duration.ofDays(2));
        assertEquals(one("refresh_token_idle_lifetime", "must not be longer than the server's refresh token maximum "
                + "lifetime (LATCHKEY_REFRESH_TOKEN_MAX_TTL), 172800 seconds"), check(web(), null, 172_801L, null, server));
        assertEquals(one("refresh_token_max_lifetime", "must not be shorter than the server's refresh token idle "
                + "lifetime (LATCHKEY_REFRESH_TOKEN_IDLE_TTL), 86400 seconds"), check(web(), null, null, 86_399L, server));
        assertEquals(List.of(), check(web(), null, null, 86_400L, server));
    }

    @Test
    void theEffectiveLifetimesFallBackToTheServersEach() {
        ServerTokenLifetimes server = new ServerTokenLifetimes(Duration.ofHours(1), Duration.ofDays(1),
                Duration.ofDays(2));
        TokenLifetimes own = TokenLifetimes.ofSeconds(120L, null, 7200L);
        assertEquals(Duration.ofSeconds(120), own.effectiveAccessToken(server));
        assertEquals(Duration.ofDays(1), own.effectiveRefreshIdle(server));
        assertEquals(Duration.ofSeconds(7200), own.effectiveRefreshMax(server));
        assertEquals(Duration.ofHours(1), TokenLifetimes.SERVER_DEFAULTS.effectiveAccessToken(server));
    }

    @Test
    void theServersDefaultsAreTheSettingsDefaults() {
        assertEquals(new ServerTokenLifetimes(Duration.ofHours(1), Duration.ofDays(14), Duration.ofDays(30)),
                ServerTokenLifetimes.DEFAULTS);
    }

    @Test
    void aChangedLifetimeIsAChangedField() {
        ApplicationDefinition before = web().build();
        assertEquals(List.of("access_token_lifetime", "refresh_token_max_lifetime"), ApplicationCommands.changedFields(
                before, before.withLifetimes(TokenLifetimes.ofSeconds(120L, null, 7200L))));
        assertEquals(List.of(), ApplicationCommands.changedFields(before, before.withLifetimes(
                TokenLifetimes.SERVER_DEFAULTS)));
    }
}
