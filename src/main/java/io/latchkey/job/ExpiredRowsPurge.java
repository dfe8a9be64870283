package io.latchkey.job;

import io.latchkey.account.LoginThrottle;
import io.latchkey.security.RedactedLog;
import io.latchkey.store.ExpiredRows;
import io.latchkey.store.Transactions;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The purge of expired rows, every {@link #PERIOD} on one node. What is kept how long:
 * <ul>
 * <li>authorization codes: until they expired and the access token issued for them (if any) expired too, so a
 * replayed code still revokes that token while it could be used;
 * <li>browser sessions and authorization interactions: until they expired (sessions: absolute or idle);
 * <li>revoked JWT ids (the deny list) and records of issued JWT access tokens: until the token expired;
 * <li>refresh tokens: until their family's absolute lifetime ended (revoked, rotated or idle families stay listed
 * for administrators until then) and the access token recorded with them expired;
 * <li>opaque access tokens: until they expired or were revoked;
 * <li>personal and service access tokens: {@link #LISTED_GRACE} after they expired or were revoked, so their owners
 * and administrators still see them listed as expired or revoked for a while;
 * <li>application secrets replaced by a rotation or retired: {@link #LISTED_GRACE} after they stopped working (the
 * current secret has no end and is never purged);
 * <li>failed sign-in counters: {@link LoginThrottle#FORGET_AFTER} after their last change (they count as zero then).
 * </ul>
 * Every cutoff is {@link #CLOCK_MARGIN} earlier still, for nodes whose clocks run behind this one's. Each kind goes
 * in batches of {@link #BATCH} rows, each batch its own transaction, at most {@link #BATCHES_PER_KIND} batches
 * per kind per run: a backlog larger than that is taken up by the next runs instead of holding the database for
 * long. One log line reports the counts. (The configuration_change counters never accumulate rows; the audit trail
 * has its own retention job.)
 */
public final class ExpiredRowsPurge implements Job {
    public static final String NAME = "purge-expired-rows";
    public static final Duration PERIOD = Duration.ofMinutes(5);
    public static final int BATCH = 1000;
    public static final int BATCHES_PER_KIND = 10;
    public static final Duration CLOCK_MARGIN = Duration.ofMinutes(5);
    public static final Duration LISTED_GRACE = Duration.ofDays(30);
    private static final Logger LOG = RedactedLog.of(ExpiredRowsPurge.class);

    /** One kind of row: its name in the log, how long it is kept after {@code now}, and its batch delete. */
    private record Kind(String name, Duration kept, BatchDelete delete) {
    }

    @FunctionalInterface
    private interface BatchDelete {
        int apply(ExpiredRows rows, EntityManager em, Instant before, int batch);
    }

    private static final List<Kind> KINDS = List.of(
            new Kind("authorization codes", Duration.ZERO, ExpiredRows::authorizationCodes),
            new Kind("browser sessions", Duration.ZERO, ExpiredRows::browserSessions),
            new Kind("interactions", Duration.ZERO, ExpiredRows::interactions),
            new Kind("revoked token ids", Duration.ZERO, ExpiredRows::revokedTokenIds),
            new Kind("refresh token families", Duration.ZERO, ExpiredRows::refreshTokenFamilies),
            new Kind("refresh tokens rotated before schema 31", Duration.ZERO, ExpiredRows::refreshTokens),
            new Kind("issued access token records", Duration.ZERO, ExpiredRows::issuedAccessTokens),
            new Kind("opaque access tokens", Duration.ZERO, ExpiredRows::referenceAccessTokens),
            new Kind("personal and service tokens", LISTED_GRACE, ExpiredRows::personalAndServiceTokens),
            new Kind("expired application secrets", LISTED_GRACE, ExpiredRows::applicationSecrets),
            new Kind("throttle counters", LoginThrottle.FORGET_AFTER, ExpiredRows::throttleCounters));

    /** What one run deleted per kind (in a fixed order), and the kinds it left rows of for the next run. */
    public record Report(Map<String, Long> deleted, Set<String> unfinished) {
        public long total() {
            return deleted.values().stream().mapToLong(Long::longValue).sum();
        }

        public String logLine() {
            return "purge of expired rows: deleted " + total() + " ("
                    + deleted.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                    .collect(Collectors.joining(", ")) + ")"
                    + (unfinished.isEmpty() ? "" : "; more left for the next run: " + String.join(", ", unfinished));
        }
    }

    private final Transactions transactions;
    private final ExpiredRows rows;
    private final int batch;
    private final int batchesPerKind;

    public ExpiredRowsPurge(Transactions transactions, ExpiredRows rows) {
        this(transactions, rows, BATCH, BATCHES_PER_KIND);
    }

    /** With other bounds: for tests of the batching. */
    public ExpiredRowsPurge(Transactions transactions, ExpiredRows rows, int batch, int batchesPerKind) {
        if (batch < 1 || batchesPerKind < 1) {
            throw new IllegalArgumentException("batches hold rows, and a run does at least one per kind");
        }
        this.transactions = transactions;
        this.rows = rows;
        this.batch = batch;
        this.batchesPerKind = batchesPerKind;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Duration period() {
        return PERIOD;
    }

    @Override
    public void run(Instant now) {
        Report report = purge(now);
        if (report.total() > 0 || !report.unfinished().isEmpty()) {
            LOG.info(report::logLine);
        } else {
            LOG.fine(report::logLine);
        }
    }

    /**
     * Deletes, kind after kind, up to {@link #BATCHES_PER_KIND} batches of rows expired at {@code now}. Stops
     * early, with what it did so far, when its thread is interrupted.
     */
    public Report purge(Instant now) {
        Map<String, Long> deleted = new LinkedHashMap<>();
        Set<String> unfinished = new LinkedHashSet<>();
        for (Kind kind : KINDS) {
            Instant before = now.minus(kind.kept()).minus(CLOCK_MARGIN);
            long count = 0;
            boolean finished = false;
            for (int i = 0; i < batchesPerKind && !Thread.currentThread().isInterrupted(); i++) {
                int removed = transactions.inTransaction(em -> kind.delete().apply(rows, em, before, batch));
                count += removed;
                if (removed < batch) {
                    finished = true;
                    break;
                }
            }
            deleted.put(kind.name(), count);
            if (!finished) {
                unfinished.add(kind.name());
            }
        }
        return new Report(deleted, unfinished);
    }
}
