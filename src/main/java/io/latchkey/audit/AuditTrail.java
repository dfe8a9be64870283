package io.latchkey.audit;

import io.latchkey.security.RedactedLog;
import io.latchkey.store.AfterCommit;
import jakarta.persistence.EntityManager;
import java.util.logging.Logger;

/**
 * Where audited events go; the trail stamps the time. A change records its event in the change's own transaction
 * ({@link #record(EntityManager, AuditEvent)}), so the change and its event commit together or not at all: no crash
 * between two commits can keep the one without the other. An attempt that changed nothing (a refusal, a failed
 * sign-in) records on its own ({@link #record(AuditEvent)}), which never fails the caller: a trail that cannot store
 * such an event logs that it could not.
 */
public interface AuditTrail {

    /** Records {@code event} on its own, in a transaction of its own: for what changed nothing. */
    void record(AuditEvent event);

    /**
     * Records {@code event} as part of the transaction {@code em} belongs to: kept when that transaction commits,
     * gone when it rolls back; a failure to store it fails the transaction. This default, for trails that store
     * nothing (the log, tests), hands the event to {@link #record(AuditEvent)} once the transaction has committed.
     */
    default void record(EntityManager em, AuditEvent event) {
        AfterCommit.run(em, () -> record(event));
    }

    /** A trail that only writes the {@code audit:} log line (tests, tools, and before the database is up). */
    static AuditTrail logOnly() {
        Logger log = RedactedLog.of(AuditTrail.class);
        return event -> log.info(event::logLine);
    }
}
