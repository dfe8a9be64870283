package io.latchkey.job;

import io.latchkey.audit.StoredAuditTrail;
import java.time.Duration;
import java.time.Instant;

/**
 * The audit trail's retention as a background job: once per {@link StoredAuditTrail#PURGE_INTERVAL} one node deletes
 * the events older than {@code LATCHKEY_AUDIT_RETENTION} days, a bounded number of batches per run
 * ({@link StoredAuditTrail#purgeExpired()}). Before the runner, every node purged at start-up (without a bound) and
 * on the first write of each hour, so all nodes did the same deletes at once.
 */
public final class AuditRetention implements Job {
    public static final String NAME = "audit-retention";

    private final StoredAuditTrail trail;

    public AuditRetention(StoredAuditTrail trail) {
        this.trail = trail;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Duration period() {
        return StoredAuditTrail.PURGE_INTERVAL;
    }

    @Override
    public void run(Instant now) {
        trail.purgeExpired();
    }
}
