package io.latchkey.audit;

import io.latchkey.security.RedactedLog;
import java.util.logging.Logger;

/**
 * Where audited events go. Callers record after their change committed (or when they refused it); the trail
 * stamps the time. Recording never fails the caller: a trail that cannot store an event logs that it could not.
 */
public interface AuditTrail {

    void record(AuditEvent event);

    /** A trail that only writes the {@code audit:} log line (tests, tools, and before the database is up). */
    static AuditTrail logOnly() {
        Logger log = RedactedLog.of(AuditTrail.class);
        return event -> log.info(event::logLine);
    }
}
