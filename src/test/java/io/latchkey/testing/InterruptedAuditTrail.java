package io.latchkey.testing;

import io.latchkey.audit.AuditEvent;
import io.latchkey.audit.AuditHistory;
import io.latchkey.audit.AuditQuery;
import io.latchkey.audit.AuditTrail;
import io.latchkey.audit.RecordedEvent;
import io.latchkey.audit.StoredAuditTrail;
import io.latchkey.store.AuditEventRepository;
import io.latchkey.store.Database;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The stored audit trail of a real database, broken at one point, to show that an audited change and its event are
 * kept together or not at all: either the process "dies" as soon as a transaction has ended (an event recorded on
 * its own, after the change committed, is never stored: what kill -9 between the two commits does), or the change's
 * transaction fails after its event was written into it (a failing commit, a lost connection).
 */
public final class InterruptedAuditTrail implements AuditTrail {

    /** Where the trail breaks. */
    public enum At {
        /** Once a transaction has ended: an event recorded on its own is lost, and so is the caller's thread. */
        AFTER_COMMIT,
        /** Inside the change's transaction, just after its event was written: the transaction rolls back. */
        BEFORE_COMMIT
    }

    /** What the interruption throws. */
    public static final class Interruption extends RuntimeException {
        Interruption(String what) {
            super(what);
        }
    }

    private final StoredAuditTrail stored;
    private final AuditHistory history;
    private final At at;

    public InterruptedAuditTrail(Database database, At at) {
        this.stored = new StoredAuditTrail(database.transactions(), new AuditEventRepository(), Duration.ofDays(1),
                Clock.systemUTC());
        this.history = new AuditHistory(database.transactions(), new AuditEventRepository());
        this.at = at;
    }

    @Override
    public void record(AuditEvent event) {
        if (at == At.AFTER_COMMIT) {
            throw new Interruption("the process died before it recorded " + event.logLine());
        }
        stored.record(event);
    }

    @Override
    public void record(EntityManager em, AuditEvent event) {
        stored.record(em, event);
        if (at == At.BEFORE_COMMIT) {
            throw new Interruption("the transaction failed after it recorded " + event.logLine());
        }
    }

    /** What {@code command} answered; empty when it was interrupted after its transaction ended. */
    public static <T> Optional<T> survived(Supplier<T> command) {
        try {
            return Optional.of(command.get());
        } catch (Interruption died) {
            return Optional.empty();
        }
    }

    /** The stored events on {@code target} with this action, newest first. */
    public List<AuditEvent> stored(String action, String target) {
        return history.find(AuditQuery.all(50).withTarget(target).withAction(action)).items().stream()
                .map(RecordedEvent::event).toList();
    }
}
