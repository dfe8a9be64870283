package io.latchkey.testing;

import io.latchkey.audit.AuditEvent;
import io.latchkey.audit.AuditTrail;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An {@link AuditTrail} that keeps what it is given, in order, for assertions. */
public final class RecordingAuditTrail implements AuditTrail {
    private final List<AuditEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void record(AuditEvent event) {
        events.add(event);
    }

    public List<AuditEvent> events() {
        return List.copyOf(events);
    }

    /** The events with this action. */
    public List<AuditEvent> withAction(String action) {
        return events.stream().filter(event -> event.action().equals(action)).toList();
    }
}
