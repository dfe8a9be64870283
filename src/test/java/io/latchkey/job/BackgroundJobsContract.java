package io.latchkey.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.store.Database;
import io.latchkey.store.ExpiredRows;
import io.latchkey.store.JobLeaseRepository;
import io.latchkey.testing.AtOnce;
import io.latchkey.testing.MutableClock;
import io.latchkey.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The background jobs against a real database: the purge empties a day's backlog of expired rows of every kind and
 * leaves every live row, within its bound per run; a job runs once per period however many nodes try at the same
 * instant; a failing job is tried again next period without stopping the others. Run on H2
 * ({@link BackgroundJobsH2Test}) and PostgreSQL ({@link BackgroundJobsPostgresTest}).
 */
abstract class BackgroundJobsContract {
    /** Expired rows per kind of row (nine kinds): a day's worth, a few thousand in all. */
    static final int EXPIRED_PER_KIND = 400;
    static final Instant NOW = MutableClock.START.plus(Duration.ofDays(1));
    private static final Duration DAY = Duration.ofDays(1);

    /** A new, empty, migrated database for one test. */
    abstract Database newDatabase();

    private Database database;
    private long accountId;
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
    void openDatabase() {
        database = newDatabase();
        Logger.getLogger(JobRunner.class.getName()).addHandler(capture);
    }

    @AfterEach
    void closeDatabase() {
        Logger.getLogger(JobRunner.class.getName()).removeHandler(capture);
        database.close();
    }

    // --- the purge -----------------------------------------------------------------------------------------------

    /** The tables the purge touches, each with its key column; every row the fill writes has a key "dead-" or "live-". */
    private static final Map<String, String> TABLES = Map.of(
            "authorization_code", "code_hash",
            "browser_session", "id_hash",
            "authorization_interaction", "id_hash",
            "revoked_token", "jti",
            "refresh_token", "token_hash",
            "refresh_grant", "family_id",
            "issued_access_token", "jti",
            "reference_token", "token_hash",
            "application_secret", "secret_hash",
            "login_throttle", "throttle_key");

    @Test
    void aDaysBacklogOfExpiredRowsOfEveryKindIsEmptiedAndEveryLiveRowIsKept() {
        Map<String, Integer> live = fill();
        for (String table : TABLES.keySet()) {
            assertTrue(dead(table) >= EXPIRED_PER_KIND, table);
        }

        ExpiredRowsPurge.Report report = new ExpiredRowsPurge(database.transactions(), new ExpiredRows()).purge(NOW);

        for (var table : TABLES.entrySet()) {
            assertEquals(0, dead(table.getKey()), "expired rows left in " + table.getKey());
            assertEquals((long) live.get(table.getKey()), count(table.getKey(), "live-%"),
                    "live rows of " + table.getKey());
            assertEquals((long) live.get(table.getKey()), count(table.getKey(), "%"), "rows of " + table.getKey());
        }
        assertEquals(11L * EXPIRED_PER_KIND, report.total(), report.logLine());
        report.deleted().forEach((kind, n) -> assertEquals(EXPIRED_PER_KIND, n, kind));
        assertTrue(report.unfinished().isEmpty(), report.logLine());
    }

    @Test
    void oneRunDeletesAtMostItsBatchesPerKindAndTheNextRunsTakeUpTheRest() {
        Map<String, Integer> live = fill();
        ExpiredRowsPurge bounded = new ExpiredRowsPurge(database.transactions(), new ExpiredRows(), 60, 2);

        ExpiredRowsPurge.Report first = bounded.purge(NOW);

        first.deleted().forEach((kind, n) -> assertEquals(120, n, kind));
        assertEquals(11, first.unfinished().size(), first.logLine());
        for (String table : TABLES.keySet()) {
            int kinds = table.equals("reference_token") ? 2 : 1;
            assertEquals(kinds * (EXPIRED_PER_KIND - 120L), dead(table), table);
            assertEquals((long) live.get(table), count(table, "live-%"), table);
        }
        int runs = 1;
        while (!bounded.purge(NOW).unfinished().isEmpty()) {
            runs++;
        }
        assertEquals(3, runs, "400 rows per kind, at most 120 a run: 280, 160, 40 left, the third run finishes");
        for (String table : TABLES.keySet()) {
            assertEquals(0, dead(table), table);
            assertEquals((long) live.get(table), count(table, "%"), table);
        }
    }

    @Test
    void thePurgeRunsAsAJobOfTheRunner() {
        fill();
        JobRunner runner = new JobRunner(leases(), List.of(new ExpiredRowsPurge(database.transactions(),
                new ExpiredRows())), new MutableClock(NOW), "node-a");

        assertEquals(List.of(ExpiredRowsPurge.NAME), runner.runDue());

        for (String table : TABLES.keySet()) {
            assertEquals(0, dead(table), table);
        }
    }

    // --- the runner on a shared database -------------------------------------------------------------------------

    @Test
    void nodesTryingAtTheSameInstantRunAJobExactlyOncePerPeriod() {
        int nodes = 6;
        Duration period = Duration.ofMinutes(5);
        MutableClock clock = new MutableClock(NOW);
        AtomicInteger runs = new AtomicInteger();
        List<JobRunner> runners = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            runners.add(new JobRunner(leases(), List.of(job("count", period, runs::incrementAndGet)), clock,
                    "node-" + i));
        }

        for (int p = 1; p <= 4; p++) {
            var outcomes = AtOnce.run(nodes, i -> (Callable<List<String>>) runners.get(i)::runDue);
            outcomes.forEach(o -> assertTrue(o.succeeded(), o.toString()));
            assertEquals(1, outcomes.stream().filter(o -> !o.value().orElseThrow().isEmpty()).count(),
                    "one node ran it in period " + p + ": " + outcomes);
            assertEquals(p, runs.get());

            clock.advance(period.minusSeconds(1));
            AtOnce.run(nodes, i -> (Callable<List<String>>) runners.get(i)::runDue);
            assertEquals(p, runs.get(), "nobody runs it again before the period is over");
            clock.advanceSeconds(1);
        }
    }

    @Test
    void aJobThatThrowsIsLoggedAndTriedAgainNextPeriodWithoutStoppingTheOthers() {
        MutableClock clock = new MutableClock(NOW);
        Duration period = Duration.ofMinutes(10);
        AtomicInteger failing = new AtomicInteger();
        AtomicInteger counting = new AtomicInteger();
        JobRunner runner = new JobRunner(leases(), List.of(
                job("failing", period, () -> {
                    failing.incrementAndGet();
                    throw new IllegalStateException("the database went away");
                }),
                job("counting", period, counting::incrementAndGet)), clock, "node-a");

        assertEquals(List.of("failing", "counting"), runner.runDue());
        assertEquals(1, counting.get(), "the job after the failing one ran");
        assertTrue(warnings().stream().anyMatch(line -> line.contains("job failing failed")
                && line.contains("the database went away")), warnings().toString());

        clock.advance(period.dividedBy(2));
        assertEquals(List.of(), runner.runDue(), "not before its period is over");

        clock.advance(period.dividedBy(2));
        assertEquals(List.of("failing", "counting"), runner.runDue());
        assertEquals(2, failing.get(), "tried again in the next period");
        assertEquals(2, counting.get());
    }

    private List<String> warnings() {
        synchronized (logged) {
            return logged.stream().filter(r -> r.getLevel() == Level.WARNING).map(LogRecord::getMessage).toList();
        }
    }

    private Leases leases() {
        return Leases.stored(database.transactions(), new JobLeaseRepository());
    }

    private static Job job(String name, Duration period, Runnable work) {
        return new Job() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Duration period() {
                return period;
            }

            @Override
            public void run(Instant now) {
                work.run();
            }
        };
    }

    // --- the rows ------------------------------------------------------------------------------------------------

    private long dead(String table) {
        return count(table, "dead-%");
    }

    private long count(String table, String key) {
        return TestDatabase.count(database, "select count(*) from " + table + " where " + TABLES.get(table)
                + " like ?1", key);
    }

    /** An instant of the day before {@code end}, the i-th of {@link #EXPIRED_PER_KIND} spread over it. */
    private static Instant during(Instant end, int i) {
        return end.minus(DAY).plus(DAY.multipliedBy(i).dividedBy(EXPIRED_PER_KIND));
    }

    private static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /**
     * Writes {@link #EXPIRED_PER_KIND} expired rows of every kind, their expiry spread over a day (ending well past
     * the purge's clock margin), and live rows of every kind, among them the ones just short of every cutoff; the
     * number of live rows per table.
     */
    private Map<String, Integer> fill() {
        Instant margin = NOW.minus(ExpiredRowsPurge.CLOCK_MARGIN);
        Instant dayEnd = margin.minusSeconds(60);
        Map<String, Integer> live = new java.util.HashMap<>();
        database.transactions().run(em -> em.unwrap(org.hibernate.Session.class).doWork(c -> {
            accountId = account(c);
            // Authorization codes: expired, with an access token expired too (or none); kept: unexpired, expired
            // with a live access token, expired within the clock margin.
            Rows codes = new Rows(c, "INSERT INTO authorization_code (code_hash, client_id, account_id, redirect_uri, "
                    + "code_challenge, scope, auth_time, sid, grant_id, created_at, expires_at, consumed_at, "
                    + "access_token_jti, access_token_expires_at) VALUES (?, 'web', ?, 'https://app/cb', 'x', 'openid', "
                    + "?, 'sid', 'g', ?, ?, ?, ?, ?)");
            for (int i = 0; i < EXPIRED_PER_KIND; i++) {
                Instant expiry = during(dayEnd, i);
                boolean used = i % 2 == 0;
                codes.add("dead-" + i, accountId, at(expiry), at(expiry), at(expiry), at(used ? expiry : null),
                        used ? "jti" + i : null, at(used ? expiry.plusSeconds(3600).isBefore(margin)
                                ? expiry.plusSeconds(3600) : margin.minusSeconds(1) : null));
            }
            codes.add("live-open", accountId, at(NOW), at(NOW), at(NOW.plusSeconds(60)), null, null, null);
            codes.add("live-token", accountId, at(NOW), at(NOW), at(NOW.minus(DAY)), at(NOW.minus(DAY)), "j",
                    at(NOW.plusSeconds(600)));
            codes.add("live-margin", accountId, at(NOW), at(NOW), at(NOW.minusSeconds(60)), null, null, null);
            live.put("authorization_code", codes.execute());

            Rows sessions = new Rows(c, "INSERT INTO browser_session (id_hash, sid, account_id, auth_time, amr, "
                    + "created_at, last_seen_at, idle_expires_at, expires_at) VALUES (?, ?, ?, ?, 'pwd', ?, ?, ?, ?)");
            for (int i = 0; i < EXPIRED_PER_KIND; i++) {
                Instant expiry = during(dayEnd, i);
                boolean idle = i % 2 == 0;
                sessions.add("dead-" + i, "sid-dead-" + i, accountId, at(expiry.minus(DAY)), at(expiry.minus(DAY)),
                        at(expiry), at(idle ? expiry : NOW.plus(DAY)), at(idle ? NOW.plus(DAY) : expiry));
            }
            for (int i = 0; i < 20; i++) {
                sessions.add("live-" + i, "sid-live-" + i, accountId, at(NOW), at(NOW), at(NOW),
                        at(NOW.plusSeconds(7200)), at(NOW.plusSeconds(43200)));
            }
            live.put("browser_session", sessions.execute());

            Rows interactions = new Rows(c, "INSERT INTO authorization_interaction (id_hash, browser_hash, client_id, "
                    + "request_json, created_at, expires_at) VALUES (?, 'b', 'web', '{}', ?, ?)");
            for (int i = 0; i < EXPIRED_PER_KIND; i++) {
                interactions.add("dead-" + i, at(during(dayEnd, i).minusSeconds(600)), at(during(dayEnd, i)));
            }
            for (int i = 0; i < 20; i++) {
                interactions.add("live-" + i, at(NOW), at(NOW.plusSeconds(600)));
            }
            interactions.add("live-margin", at(NOW), at(NOW.minusSeconds(1)));
            live.put("authorization_interaction", interactions.execute());

            Rows revoked = new Rows(c, "INSERT INTO revoked_token (jti, revoked_at, expires_at) VALUES (?, ?, ?)");
            for (int i = 0; i < EXPIRED_PER_KIND; i++) {
                revoked.add("dead-" + i, at(during(dayEnd, i).minusSeconds(60)), at(during(dayEnd, i)));
            }
            for (int i = 0; i < 20; i++) {
                revoked.add("live-" + i, at(NOW), at(NOW.plusSeconds(3600)));
            }
            live.put("revoked_token", revoked.execute());

            // Refresh tokens: families past their absolute lifetime (rotated, revoked or not); kept: live families,
            // revoked or idle ones within their lifetime, an ended family whose last access token still lives.
            Rows refresh = new Rows(c, "INSERT INTO refresh_token (token_hash, family_id, client_id, account_id, scope, "
                    + "auth_time, sid, created_at, idle_expires_at, family_expires_at, rotated_at, revoked_at, "
                    + "access_token_jti, access_token_expires_at) VALUES (?, ?, 'web', ?, 'openid', ?, 'sid', ?, ?, ?, "
                    + "?, ?, ?, ?)");
            for (int i = 0; i < EXPIRED_PER_KIND; i++) {
                Instant end = during(dayEnd, i);
                Instant start = end.minus(Duration.ofDays(30));
                refresh.add("dead-" + i, "family-" + (i / 4), accountId, at(start), at(start), at(end.minusSeconds(60)),
                        at(end), at(i % 4 != 3 ? start.plusSeconds(i) : null), at(i % 3 == 0 ? start : null),
                        "jti" + i, at(end.minus(DAY)));
            }
            for (int i = 0; i < 10; i++) {
                refresh.add("live-" + i, "live-family", accountId, at(NOW), at(NOW), at(NOW.plus(DAY)),
                        at(NOW.plus(Duration.ofDays(30))), null, null, null, null);
                refresh.add("live-revoked-" + i, "live-revoked", accountId, at(NOW.minus(DAY)), at(NOW.minus(DAY)),
                        at(NOW.plus(DAY)), at(NOW.plus(Duration.ofDays(29))), null, at(NOW.minus(DAY)), null, null);
                refresh.add("live-idle-" + i, "live-idle", accountId, at(NOW.minus(DAY)), at(NOW.minus(DAY)),
                        at(NOW.minus(DAY)), at(NOW.plus(Duration.ofDays(29))), null, null, null, null);
            }
            refresh.add("live-token", "live-token", accountId, at(NOW.minus(Duration.ofDays(30))),
                    at(NOW.minus(Duration.ofDays(30))), at(NOW.minus(DAY)), at(NOW.minus(DAY)), null, null, "j",
                    at(NOW.plusSeconds(60)));
            live.put("refresh_token", refresh.execute());

            // Refresh token families (schema 31): gone once past their absolute lifetime (revoked or not) and the
            // access tokens their refreshes issued expired; kept: live, revoked or idle ones within their lifetime,
            // and an ended one whose access tokens still live.
            Rows families = new Rows(c, "INSERT INTO refresh_grant (family_id, family_key, token_hash, client_id, "
                    + "account_id, scope, auth_time, sid, created_at, refreshed_at, refreshes, idle_expires_at, "
                    + "family_expires_at, access_tokens_expire_at, revoked_at) VALUES (?, ?, ?, 'web', ?, 'openid', ?, "
                    + "'sid', ?, ?, 3, ?, ?, ?, ?)");
            for (int i = 0; i < EXPIRED_PER_KIND; i++) {
                Instant end = during(dayEnd, i);
                Instant start = end.minus(Duration.ofDays(30));
                families.add("dead-" + i, "key-dead-" + i, "hash-dead-" + i, accountId, at(start), at(start),
                        at(end.minus(DAY)), at(end.minusSeconds(60)), at(end),
                        at(i % 2 == 0 ? end.minus(DAY) : null), at(i % 3 == 0 ? start : null));
            }
            for (int i = 0; i < 10; i++) {
                families.add("live-" + i, "key-live-" + i, "hash-live-" + i, accountId, at(NOW), at(NOW), at(NOW),
                        at(NOW.plus(DAY)), at(NOW.plus(Duration.ofDays(30))), at(NOW.plusSeconds(600)), null);
                families.add("live-revoked-" + i, "key-live-revoked-" + i, "hash-live-revoked-" + i, accountId,
                        at(NOW.minus(DAY)), at(NOW.minus(DAY)), at(NOW.minus(DAY)), at(NOW.plus(DAY)),
                        at(NOW.plus(Duration.ofDays(29))), null, at(NOW.minus(DAY)));
                families.add("live-idle-" + i, "key-live-idle-" + i, "hash-live-idle-" + i, accountId,
                        at(NOW.minus(DAY)), at(NOW.minus(DAY)), at(NOW.minus(DAY)), at(NOW.minus(DAY)),
                        at(NOW.plus(Duration.ofDays(29))), null, null);
            }
            families.add("live-access", "key-live-access", "hash-live-access", accountId,
                    at(NOW.minus(Duration.ofDays(30))), at(NOW.minus(Duration.ofDays(30))), at(NOW.minus(DAY)),
                    at(NOW.minus(DAY)), at(NOW.minus(DAY)), at(NOW.plusSeconds(60)), null);
            live.put("refresh_grant", families.execute());

            Rows issued = new Rows(c, "INSERT INTO issued_access_token (jti, family_id, client_id, expires_at) "
                    + "VALUES (?, 'f', 'web', ?)");
            for (int i = 0; i < EXPIRED_PER_KIND; i++) {
                issued.add("dead-" + i, at(during(dayEnd, i)));
            }
            for (int i = 0; i < 20; i++) {
                issued.add("live-" + i, at(NOW.plusSeconds(3600)));
            }
            live.put("issued_access_token", issued.execute());

            // Reference tokens: opaque access tokens go once expired or revoked; personal and service tokens stay
            // listed for 30 days after that.
            Rows reference = new Rows(c, "INSERT INTO reference_token (token_hash, kind, name, client_id, account_id, "
                    + "subject, created_by, scope, created_at, expires_at, revoked_at) "
                    + "VALUES (?, ?, 'n', 'web', ?, 'sub', ?, 'openid', ?, ?, ?)");
            Instant graceEnd = dayEnd.minus(ExpiredRowsPurge.LISTED_GRACE);
            for (int i = 0; i < EXPIRED_PER_KIND; i++) {
                Instant end = during(dayEnd, i);
                boolean revokedFirst = i % 2 == 0;
                reference.add("dead-at-" + i, "at", accountId, null, at(end.minusSeconds(3600)),
                        at(revokedFirst ? NOW.plusSeconds(3600) : end), at(revokedFirst ? end : null));
                Instant listedEnd = during(graceEnd, i);
                reference.add("dead-pat-" + i, i % 3 == 0 ? "sat" : "pat", i % 3 == 0 ? null : accountId, accountId,
                        at(listedEnd.minus(Duration.ofDays(90))),
                        at(revokedFirst ? NOW.plus(DAY) : listedEnd), at(revokedFirst ? listedEnd : null));
            }
            for (int i = 0; i < 10; i++) {
                reference.add("live-at-" + i, "at", accountId, null, at(NOW), at(NOW.plusSeconds(3600)), null);
                reference.add("live-pat-" + i, "pat", accountId, accountId, at(NOW), at(NOW.plus(DAY)), null);
                reference.add("live-pat-expired-" + i, "pat", accountId, accountId, at(NOW.minus(Duration.ofDays(60))),
                        at(NOW.minus(Duration.ofDays(29))), null);
                reference.add("live-sat-revoked-" + i, "sat", null, accountId, at(NOW.minus(Duration.ofDays(60))),
                        at(NOW.plus(DAY)), at(NOW.minus(Duration.ofDays(29))));
            }
            live.put("reference_token", reference.execute());

            // Application secrets: a rotated-out or retired secret stays listed for 30 days after it stopped
            // working; the current one (no end) is never purged.
            long applicationId = application(c);
            Rows secrets = new Rows(c, "INSERT INTO application_secret (secret_hash, application_id, created_at, "
                    + "expires_at) VALUES (?, ?, ?, ?)");
            for (int i = 0; i < EXPIRED_PER_KIND; i++) {
                Instant ended = during(graceEnd, i);
                secrets.add("dead-" + i, applicationId, at(ended.minus(Duration.ofDays(91))), at(ended));
            }
            secrets.add("live-current", applicationId, at(NOW.minus(Duration.ofDays(400))), null);
            secrets.add("live-overlap", applicationId, at(NOW.minus(Duration.ofDays(90))), at(NOW.plus(DAY)));
            secrets.add("live-listed", applicationId, at(NOW.minus(Duration.ofDays(90))),
                    at(NOW.minus(Duration.ofDays(29))));
            live.put("application_secret", secrets.execute());

            Rows throttle = new Rows(c, "INSERT INTO login_throttle (throttle_key, failures, blocked_until, updated_at) "
                    + "VALUES (?, ?, ?, ?)");
            Instant forgotten = dayEnd.minus(io.latchkey.account.LoginThrottle.FORGET_AFTER);
            for (int i = 0; i < EXPIRED_PER_KIND; i++) {
                Instant touched = during(forgotten, i);
                throttle.add("dead-" + i, 6 + i % 20, at(i % 2 == 0 ? touched.plusSeconds(30) : null), at(touched));
            }
            for (int i = 0; i < 20; i++) {
                throttle.add("live-" + i, 7, at(NOW.plusSeconds(30)), at(NOW.minus(Duration.ofHours(23))));
            }
            live.put("login_throttle", throttle.execute());
        }));
        return live;
    }

    private static long application(Connection c) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO application (client_id, name, type, enabled, "
                + "access_token_policy, created_at, updated_at) VALUES ('purge-web', 'Purge', 'web', TRUE, 'None', ?, ?)")) {
            insert.setObject(1, at(NOW.minus(Duration.ofDays(400))));
            insert.setObject(2, at(NOW.minus(Duration.ofDays(400))));
            insert.executeUpdate();
        }
        try (PreparedStatement select = c.prepareStatement("SELECT id FROM application WHERE client_id = 'purge-web'");
             var row = select.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    private static long account(Connection c) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO account (subject, username, email_verified, "
                + "admin, enabled, created_at, updated_at) VALUES ('purge-subject', 'purge', FALSE, FALSE, TRUE, ?, ?)")) {
            insert.setObject(1, at(NOW.minus(Duration.ofDays(400))));
            insert.setObject(2, at(NOW.minus(Duration.ofDays(400))));
            insert.executeUpdate();
        }
        try (PreparedStatement select = c.prepareStatement("SELECT id FROM account WHERE subject = 'purge-subject'");
             var row = select.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    /** One INSERT statement executed for many rows in one JDBC batch. */
    private static final class Rows {
        private final PreparedStatement statement;
        private int live;

        Rows(Connection connection, String insert) throws SQLException {
            this.statement = connection.prepareStatement(insert);
        }

        void add(Object... values) throws SQLException {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            if (((String) values[0]).startsWith("live-")) {
                live++;
            }
            statement.addBatch();
        }

        /** The number of live rows written. */
        int execute() throws SQLException {
            try (statement) {
                statement.executeBatch();
            }
            return live;
        }
    }
}
