package io.latchkey.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.latchkey.account.Account;
import io.latchkey.account.LoginThrottle;
import io.latchkey.error.ErrorCode;
import io.latchkey.error.OAuthException;
import io.latchkey.security.Secret;
import io.latchkey.testing.AtOnce;
import io.latchkey.testing.SignInWorld;
import io.latchkey.testing.TestDatabase;
import io.latchkey.testing.TestRequests;
import io.latchkey.token.GrantTransaction;
import io.latchkey.token.AccessTokenClaims;
import io.latchkey.token.RefreshTokens;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Writes that must be idempotent under concurrency: N identical requests released at the same instant each get
 * the answer one of them alone would get, never a 500 (no unique violation reaches anyone, none is logged). Run
 * on H2 ({@link ConcurrentWritesH2Test}) and on PostgreSQL ({@link ConcurrentWritesPostgresTest}).
 */
abstract class ConcurrentWritesContract {
    static final int N = 12;
    private static final Set<String> GRANTED = Set.of("openid", "offline_access");
    private static final String REFUSED = "the refresh token is invalid, expired, revoked or was issued to another client";

    /** The database under test, migrated, shared by the tests of one class. */
    abstract Database database();

    private SignInWorld world;
    private LoginThrottle throttle;
    private Account person;
    private final List<LogRecord> logged = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (logged) {
                logged.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void newWorld() {
        world = new SignInWorld(database());
        person = world.person();
        throttle = new LoginThrottle(new HibernateThrottleStorage(world.transactions, new LoginThrottleRepository(),
                new AccountRepository()), world.clock);
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        Logger.getLogger("").removeHandler(capture);
    }

    @Test
    void reuseOfOneRotatedRefreshTokenByManyAtOnceIsRefusedAlikeAndRevokesTheFamily() {
        String family = UUID.randomUUID().toString();
        Secret first = world.refreshTokens.start(family, "web", person.id(), GRANTED, world.clock.instant(), "sid");
        String jti = AccessTokenClaims.familyEntry(family);
        Secret second;
        try (GrantTransaction tx = world.grantStorage.begin()) {
            second = ((RefreshTokens.Rotation) world.refreshTokens.rotate(tx, first, "web", Set.of(),
                    Optional.of(world.clock.instant().plusSeconds(300)))).next();
            tx.commit();
        }

        var outcomes = AtOnce.run(N, () -> world.refreshTokens.rotate(first, "web", Set.of()));

        for (var outcome : outcomes) {
            assertRefused(outcome);
        }
        assertRefused(AtOnce.run(1, () -> world.refreshTokens.rotate(second, "web", Set.of())).get(0));
        assertEquals(0, TestDatabase.count(database(),
                "select count(*) from refresh_grant where family_id = ?1 and revoked_at is null", family));
        assertEquals(1, TestDatabase.count(database(), "select count(*) from revoked_token where jti = ?1", jti));
        assertNoUniqueViolationLogged();
    }

    @Test
    void manyPresentingTheLiveRefreshTokenAtOnceGetOneRotationAndTheRestAreRefused() {
        String family = UUID.randomUUID().toString();
        Secret live = world.refreshTokens.start(family, "web", person.id(), GRANTED, world.clock.instant(), "sid");

        var outcomes = AtOnce.run(N, () -> world.refreshTokens.rotate(live, "web", Set.of()));

        assertEquals(1, outcomes.stream().filter(AtOnce.Outcome::succeeded).count(), outcomes.toString());
        outcomes.stream().filter(o -> !o.succeeded()).forEach(ConcurrentWritesContract::assertRefused);
        // The others were replays of a rotated token: the family is gone, the winner's new token with it.
        assertEquals(0, TestDatabase.count(database(),
                "select count(*) from refresh_grant where family_id = ?1 and revoked_at is null", family));
        assertNoUniqueViolationLogged();
    }

    @Test
    void aCodeReplayedByManyAtOnceIsRefusedAlikeAndItsAccessTokenRevokedOnce() {
        Secret code = world.codes.issue("web", person.id(), "https://app.example.com/callback", true,
                TestRequests.CHALLENGE, Optional.empty(), GRANTED, world.clock.instant(), "sid");
        String jti = world.codes.redeem(code).orElseThrow().accessTokenJti();

        var outcomes = AtOnce.run(N, () -> world.codes.redeem(code));

        for (var outcome : outcomes) {
            assertEquals(Optional.of(Optional.empty()), outcome.value(), outcome.toString());
        }
        assertEquals(1, TestDatabase.count(database(), "select count(*) from revoked_token where jti = ?1", jti));
        assertNoUniqueViolationLogged();
    }

    @Test
    void oneAccessTokenRevokedByManyAtOnceIsListedOnce() {
        String jti = "jti-" + UUID.randomUUID();
        Instant now = world.clock.instant();

        var outcomes = AtOnce.run(N, () -> {
            world.transactions.run(em -> world.families.revokeAccessToken(em, jti, now, now.plusSeconds(300)));
            return true;
        });

        outcomes.forEach(o -> assertTrue(o.succeeded(), o.toString()));
        assertEquals(1, TestDatabase.count(database(), "select count(*) from revoked_token where jti = ?1", jti));
        assertNoUniqueViolationLogged();
    }

    @Test
    void tabsAllowingOneApplicationAtOnceAllSucceedIntoOneConsent() {
        String application = "app-" + UUID.randomUUID();

        var outcomes = AtOnce.run(N, i -> () -> {
            world.consents.remember(person.id(), application, Set.of("openid", "scope-" + i));
            return true;
        });

        outcomes.forEach(o -> assertTrue(o.succeeded(), o.toString()));
        assertEquals(1, TestDatabase.count(database(),
                "select count(*) from consent where account_id = ?1 and client_id = ?2", person.id(), application));
        Set<String> all = new TreeSet<>(Set.of("openid"));
        for (int i = 0; i < N; i++) {
            all.add("scope-" + i);
        }
        assertTrue(world.consents.covers(person.id(), application, all), "every tab's scopes are remembered");
        assertNoUniqueViolationLogged();
    }

    @Test
    void failedSignInsOfOneUserAtOnceAllCountWithoutAUniqueViolation() {
        String username = "u-" + UUID.randomUUID();
        String address = "192.0.2." + (1 + Math.floorMod(username.hashCode(), 250));

        var outcomes = AtOnce.run(N, () -> {
            throttle.recordFailure(username, address);
            return true;
        });

        outcomes.forEach(o -> assertTrue(o.succeeded(), o.toString()));
        assertEquals(N, failures("account:" + username));
        assertEquals(N, failures("ip:" + address));
        assertNoUniqueViolationLogged();
    }

    @Test
    void signInAttemptsOfANewUserAtOnceGetExactlyTheFreeTriesAndOneMore() {
        String username = "u-" + UUID.randomUUID();
        String address = "198.51.100." + (1 + Math.floorMod(username.hashCode(), 250));

        var outcomes = AtOnce.run(N, () -> throttle
                .admit(username, address) instanceof LoginThrottle.Admitted);

        // Failures 1..5 are free and the 6th is still admitted (it sets the first block); the rest are blocked.
        long admitted = outcomes.stream().filter(o -> o.value().orElse(false)).count();
        outcomes.forEach(o -> assertTrue(o.succeeded(), o.toString()));
        assertEquals(LoginThrottle.FREE_ACCOUNT_FAILURES + 1, admitted, outcomes.toString());
        assertEquals(LoginThrottle.FREE_ACCOUNT_FAILURES + 1, failures("account:" + username));
        assertNoUniqueViolationLogged();
    }

    @Test
    void changesRecordedAtOnceByManyTransactionsEachMoveTheCounterOnce() {
        ConfigurationChanges changes = ConfigurationChanges.stored(world.transactions, world.clock);
        long before = world.transactions.inTransaction(em ->
                ConfigurationChanges.version(em, ConfigurationChanges.Kind.APPLICATIONS));

        List<AtOnce.Outcome<Object>> outcomes = AtOnce.run(N, () -> world.transactions.inTransaction(em -> {
            changes.record(em, ConfigurationChanges.Kind.APPLICATIONS);
            return "recorded";
        }));

        outcomes.forEach(outcome -> assertTrue(outcome.succeeded(), outcome.toString()));
        assertEquals(before + N, (long) world.transactions.inTransaction(em ->
                ConfigurationChanges.version(em, ConfigurationChanges.Kind.APPLICATIONS)));
    }

    private long failures(String key) {
        List<Object> rows = TestDatabase.column(database(),
                "select failures from login_throttle where throttle_key = ?1", key);
        assertEquals(1, rows.size(), "one row for " + key);
        return ((Number) rows.get(0)).longValue();
    }

    private static void assertRefused(AtOnce.Outcome<?> outcome) {
        Throwable failure = outcome.failure().orElseThrow(() -> new AssertionError("accepted: " + outcome));
        if (!(failure instanceof OAuthException refused)) {
            throw new AssertionError("not a protocol refusal (a 500): " + failure, failure);
        }
        assertEquals(ErrorCode.INVALID_GRANT, refused.error().code());
        assertEquals(REFUSED, refused.error().description());
    }

    private void assertNoUniqueViolationLogged() {
        synchronized (logged) {
            for (LogRecord record : logged) {
                String text = (record.getMessage() + " " + record.getThrown()).toLowerCase();
                if (text.contains("unique") || text.contains("duplicate") || text.contains("23505")
                        || text.contains("concurrent update")) {
                    fail("logged: " + record.getLevel() + " " + record.getLoggerName() + ": " + record.getMessage());
                }
            }
        }
    }
}
