package io.latchkey.audit;

import java.time.Instant;
import java.util.Objects;

/** An event as the audit trail stored it: its id (the page key; higher is newer) and when it happened. */
public record RecordedEvent(long id, Instant occurredAt, AuditEvent event) {
    public RecordedEvent {
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(event, "event");
    }
}
