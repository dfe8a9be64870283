package io.latchkey.audit;

import io.latchkey.security.RedactedLog;
import io.latchkey.store.AfterCommit;
import io.latchkey.store.AuditEventEntity;
import io.latchkey.store.AuditEventRepository;
import io.latchkey.store.Transactions;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The audit trail kept in the database ({@code audit_event}) and in the log: each event is stamped with the
 * clock's time, stored (in the caller's transaction, or in one of its own for what changed nothing) and written as
 * its {@code audit:} line once stored. Free text is made to fit (control characters replaced, long values cut), so
 * no input makes a write fail; an event of its own whose write fails anyway is logged as a warning with the event's
 * line and never thrown to the caller (one in the caller's transaction fails that transaction, change and all).
 *
 * <p>Events older than the retention are deleted by {@link #purgeExpired()}, which the background job
 * {@link io.latchkey.job.AuditRetention} calls once per {@link #PURGE_INTERVAL} on one node of the cluster: in batches
 * of {@link #PURGE_BATCH} rows, each its own transaction, no more than {@link #PURGE_BATCHES_PER_RUN} per call (a
 * larger backlog goes in the next ones). Writing an event never purges.
 */
public final class StoredAuditTrail implements AuditTrail {
    public static final Duration PURGE_INTERVAL = Duration.ofHours(1);
    static final int PURGE_BATCH = 500;
    static final int PURGE_BATCHES_PER_RUN = 100;
    private static final Logger LOG = RedactedLog.of(StoredAuditTrail.class);

    private final Transactions transactions;
    private final AuditEventRepository repository;
    private final Duration retention;
    private final Clock clock;
    private final int purgeBatch;
    private final int purgeBatchesPerRun;

    public StoredAuditTrail(Transactions transactions, AuditEventRepository repository, Duration retention,
                            Clock clock) {
        this(transactions, repository, retention, clock, PURGE_BATCH, PURGE_BATCHES_PER_RUN);
    }

    /** With other purge batches: for tests of the batching. */
    StoredAuditTrail(Transactions transactions, AuditEventRepository repository, Duration retention, Clock clock,
                     int purgeBatch, int purgeBatchesPerRun) {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("the retention must be positive");
        }
        this.transactions = transactions;
        this.repository = repository;
        this.retention = retention;
        this.clock = clock;
        this.purgeBatch = purgeBatch;
        this.purgeBatchesPerRun = purgeBatchesPerRun;
    }

    @Override
    public void record(AuditEvent event) {
        AuditEvent fitted = fitted(event);
        try {
            AuditEventEntity row = row(clock.instant(), fitted);
            transactions.run(em -> repository.add(em, row));
            LOG.info(fitted::logLine);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, e, () -> "could not store this audit event (" + e.getClass().getSimpleName()
                    + "): " + fitted.logLine());
        }
    }

    @Override
    public void record(EntityManager em, AuditEvent event) {
        AuditEvent fitted = fitted(event);
        repository.add(em, row(clock.instant(), fitted));
        AfterCommit.run(em, () -> LOG.info(fitted::logLine));
    }

    /**
     * Deletes the events older than the retention, oldest first, batch by batch, at most
     * {@link #PURGE_BATCHES_PER_RUN} batches; the number deleted. Stops early when its thread is interrupted.
     */
    public long purgeExpired() {
        return purge(purgeBatchesPerRun).deleted();
    }

    private record Purge(long deleted, boolean finished) {
    }

    private Purge purge(int maxBatches) {
        Instant cutoff = clock.instant().minus(retention);
        long deleted = 0;
        for (int batch = 0; batch < maxBatches && !Thread.currentThread().isInterrupted(); batch++) {
            int rows = transactions.inTransaction(em -> repository.deleteOlderThan(em, cutoff, purgeBatch));
            deleted += rows;
            if (rows < purgeBatch) {
                long total = deleted;
                if (total > 0) {
                    LOG.info(() -> "deleted " + total + " audit events older than " + retention.toDays() + " days");
                }
                return new Purge(deleted, true);
            }
        }
        long total = deleted;
        LOG.info(() -> "deleted " + total + " audit events older than " + retention.toDays()
                + " days; more are left for the next run");
        return new Purge(deleted, false);
    }

    private static AuditEventEntity row(Instant now, AuditEvent event) {
        Actor actor = event.actor();
        return new AuditEventEntity(now, actor.kind().wireName(), actor.id(), event.action(), event.target(),
                event.outcome().wireName(), actor.requestId().orElse(null), actor.clientAddress().orElse(null),
                String.join(",", event.changedFields()), event.detail());
    }

    /** The event with every text cut to its column and without control characters (no log line breaks). */
    static AuditEvent fitted(AuditEvent event) {
        Actor actor = event.actor();
        Actor fittedActor = new Actor(actor.kind(), fit(actor.id(), AuditEventEntity.ACTOR_ID_LENGTH),
                actor.requestId().map(id -> fit(id, AuditEventEntity.REQUEST_ID_LENGTH)),
                actor.clientAddress().map(address -> fit(address, AuditEventEntity.CLIENT_ADDRESS_LENGTH)));
        List<String> fields = event.changedFields().stream().map(field -> fit(field, 100)).toList();
        while (String.join(",", fields).length() > AuditEventEntity.CHANGED_FIELDS_LENGTH) {
            fields = fields.subList(0, fields.size() - 1);
        }
        return new AuditEvent(fittedActor, fit(event.action(), AuditEventEntity.ACTION_LENGTH),
                fit(event.target(), AuditEventEntity.TARGET_LENGTH), event.outcome(), fields,
                fit(event.detail(), AuditEventEntity.DETAIL_LENGTH));
    }

    /**
     * {@code text} with control characters (NUL, line breaks) and unpaired surrogates as {@code ?}, cut to at
     * most {@code max} UTF-16 units (never inside a pair) with an ellipsis when cut.
     */
    static String fit(String text, int max) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), max));
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (Character.isISOControl(c) || Character.isSurrogate(c)) {
                out.append('?');
            } else {
                out.append(c);
            }
        }
        if (out.length() <= max) {
            return out.toString();
        }
        int cut = max - 1;
        if (Character.isHighSurrogate(out.charAt(cut - 1))) {
            cut--;
        }
        return out.substring(0, cut) + "…";
    }

    static Optional<Actor.Kind> kind(String wireName) {
        for (Actor.Kind kind : Actor.Kind.values()) {
            if (kind.wireName().equals(wireName)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
