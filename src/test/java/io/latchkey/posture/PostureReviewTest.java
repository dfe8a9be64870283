package io.latchkey.posture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.client.ClientType;
import io.latchkey.client.PkcePolicy;
import io.latchkey.store.ConfigurationChanges;
import io.latchkey.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** The review as a whole: findings most urgent first, every severity counted, the log summary, the fixes' calls. */
class PostureReviewTest {

    private static PostureWorld riskyWorld() {
        PostureWorld world = new PostureWorld();
        world.app("relaxed", ClientType.WEB).pkce = PkcePolicy.OPTIONAL;
        world.app("robot", ClientType.M2M).scopes.add("latchkey:admin");
        world.app("phone", ClientType.NATIVE).refreshTokens = true;
        world.app("healthy", ClientType.WEB);
        return world;
    }

    @Test
    void listsFindingsMostUrgentFirstAndCountsEverySeverity() {
        PostureReview.Report report = new PostureReview(riskyWorld()::state).review();
        assertEquals(List.of("service_with_admin_scope robot", "public_client_refresh_tokens phone",
                        "pkce_optional relaxed"),
                report.findings().stream().map(f -> f.rule() + " " + f.subject().id()).toList());
        assertEquals(Map.of(Severity.HIGH, 1, Severity.MEDIUM, 1, Severity.LOW, 1, Severity.INFO, 0), report.counts());
    }

    @Test
    void logsOneLinePerSeverityAndOnePerHighFinding() {
        List<LogRecord> lines = new ArrayList<>();
        Logger log = Logger.getAnonymousLogger();
        log.setUseParentHandlers(false);
        log.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        PostureReview.log(new PostureReview(riskyWorld()::state).review(), log);
        assertEquals(List.of(
                "posture review: 1 high finding (GET /api/admin/posture)",
                "posture review: 1 medium finding (GET /api/admin/posture)",
                "posture review: 1 low finding (GET /api/admin/posture)",
                "posture review: 0 info findings",
                "posture review: high: service_with_admin_scope application:robot: the service robot may use the "
                        + "admin API with client credentials"), lines.stream().map(LogRecord::getMessage).toList());
        assertEquals(Level.WARNING, lines.get(0).getLevel());
        assertEquals(Level.WARNING, lines.get(4).getLevel());
        assertEquals(Level.INFO, lines.get(1).getLevel());
    }

    @Test
    void aReviewThatCannotReadTheStateNeverStopsStartUp() {
        new PostureReview(() -> {
            throw new IllegalStateException("database gone");
        }).logSummary();
    }

    @Test
    void fixesNameTheCallThatRemovesExactlyTheRiskyPart() {
        PostureWorld world = new PostureWorld();
        PostureWorld.App robot = world.app("robot", ClientType.M2M);
        robot.scopes.add("latchkey:admin");
        robot.defaultScopes.add("latchkey:admin");
        PostureWorld.App shop = world.app("shop", ClientType.WEB);
        shop.redirectUris.add("http://shop.example.test/cb");
        shop.scopesGranted = Map.of("openid", world.daysAgo(1));
        PostureState state = world.state();

        Finding.Fix adminFix = new AdminScopeOnService().check(state).get(0).fix();
        assertEquals("PATCH", adminFix.method());
        assertEquals("/api/admin/applications/robot", adminFix.path());
        assertEquals(Optional.of(7L), adminFix.ifMatchVersion());
        assertEquals(Optional.of(Map.of("scopes", List.of("openid", "orders:read"), "default_scopes", List.of())),
                adminFix.body());

        Finding.Fix redirectFix = new InsecureRedirectUris().check(state).get(0).fix();
        assertEquals(Optional.of(Map.of("redirect_uris", List.of("https://shop.example.test/cb"),
                "post_logout_redirect_uris", List.of())), redirectFix.body());

        Finding scopes = new UnusedScopes().check(state).get(0);
        assertEquals("shop", scopes.subject().id());
        assertEquals(Optional.of(Map.of("scopes", List.of("openid"), "default_scopes", List.of())),
                scopes.fix().body());
        assertTrue(scopes.evidence().contains(new Finding.Fact("scope orders:read last granted at", "never")),
                scopes.evidence()::toString);

        Finding idle = new IdleAdministrator().check(withIdleAdmin()).get(0);
        assertEquals("DELETE", idle.fix().method());
        assertEquals("/api/admin/accounts/root/admin", idle.fix().path());
        assertEquals(Optional.of(4L), idle.fix().ifMatchVersion());
    }

    private static PostureState withIdleAdmin() {
        PostureWorld world = new PostureWorld();
        world.admin("root", world.daysAgo(400), Optional.of(world.daysAgo(200)));
        return world.state();
    }

    @Test
    void theLatestReportIsKeptUntilAnApplicationAScopeOrAnAccountChangesOrAMinutePasses() {
        MutableClock clock = new MutableClock();
        Map<ConfigurationChanges.Kind, Long> counters = new EnumMap<>(ConfigurationChanges.Kind.class);
        for (ConfigurationChanges.Kind kind : ConfigurationChanges.Kind.values()) {
            counters.put(kind, 0L);
        }
        ConfigurationChanges changes = new ConfigurationChanges(counters::get, clock);
        String[] accounts = {"3/7"};
        PostureWorld world = riskyWorld();
        AtomicInteger reviews = new AtomicInteger();
        PostureReview review = new PostureReview(() -> {
            reviews.incrementAndGet();
            return world.state();
        }, changes, () -> accounts[0], clock);

        assertEquals(1, review.latest().counts().get(Severity.HIGH));
        world.app("another-robot", ClientType.M2M).scopes.add("latchkey:admin");
        clock.advance(Duration.ofSeconds(2));
        assertEquals(1, review.latest().counts().get(Severity.HIGH), "kept: nothing said it changed");
        assertEquals(2, review.review().counts().get(Severity.HIGH), "a review of its own is always fresh");
        assertEquals(2, reviews.get());

        counters.merge(ConfigurationChanges.Kind.APPLICATIONS, 1L, Long::sum);
        clock.advance(ConfigurationChanges.CHECK_INTERVAL);
        assertEquals(2, review.latest().counts().get(Severity.HIGH), "an application changed");
        assertEquals(3, reviews.get());
        review.latest();
        assertEquals(3, reviews.get(), "kept again");

        counters.merge(ConfigurationChanges.Kind.SCOPES, 1L, Long::sum);
        clock.advance(ConfigurationChanges.CHECK_INTERVAL);
        review.latest();
        assertEquals(4, reviews.get(), "a scope changed");

        accounts[0] = "3/8";
        review.latest();
        assertEquals(5, reviews.get(), "an account changed");

        counters.merge(ConfigurationChanges.Kind.KEYS, 1L, Long::sum);
        clock.advance(Duration.ofSeconds(59));
        review.latest();
        assertEquals(5, reviews.get(), "keys are no part of the review");
        clock.advance(Duration.ofSeconds(2));
        review.latest();
        assertEquals(6, reviews.get(), "a minute passed (tokens, sign-ins and time change findings too)");

        PostureReview uncached = new PostureReview(world::state);
        assertEquals(2, uncached.latest().counts().get(Severity.HIGH));
    }
}
