package io.latchkey.audit;

import io.latchkey.security.RedactedLog;
import io.latchkey.store.AfterCommit;
import io.latchkey.store.CommandRefusal;
import io.latchkey.store.Transactions;
import jakarta.persistence.EntityManager;
import java.util.function.Function;
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

    /**
     * Runs a command in one transaction of {@code transactions} with the event {@code eventOf} makes of its answer: a
     * change and its event commit together. A {@link CommandRefusal} thrown by {@code work} rolls the transaction back
     * and is answered as the {@code outcomeType} value it carries; its event (a failure, which changed nothing) is
     * recorded on its own.
     */
    default <T> T audited(Transactions transactions, Class<T> outcomeType, Function<EntityManager, T> work,
                          Function<T, AuditEvent> eventOf) {
        try {
            return transactions.inTransaction(em -> {
                T outcome = work.apply(em);
                record(em, eventOf.apply(outcome));
                return outcome;
            });
        } catch (CommandRefusal refusal) {
            T refused = refusal.outcome(outcomeType);
            record(eventOf.apply(refused));
            return refused;
        }
    }

    /** A trail that only writes the {@code audit:} log line (tests, tools, and before the database is up). */
    static AuditTrail logOnly() {
        Logger log = RedactedLog.of(AuditTrail.class);
        return event -> log.info(event::logLine);
    }
}
