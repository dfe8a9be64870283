package io.latchkey.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.store.AuditEventRepository;
import io.latchkey.store.Database;
import io.latchkey.testing.MutableClock;
import io.latchkey.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the stored trail writes to the log, and that a failed write never reaches the caller. */
class StoredAuditTrailTest {
    private final Logger log = Logger.getLogger(StoredAuditTrail.class.getName());
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLog() {
        log.addHandler(capture);
    }

    @AfterEach
    void releaseLog() {
        log.removeHandler(capture);
    }

    private static final AuditEvent EVENT = AuditEvent.success(Actor.account("sub-1", "req-9", "192.0.2.1"),
            "consent.granted", "consent:sub-1/web", List.of(), "line\nbreak");

    @Test
    void writesTheAuditLineOfTheStoredEventOnOneLine() {
        try (Database database = TestDatabase.open()) {
            new StoredAuditTrail(database.transactions(), new AuditEventRepository(), Duration.ofDays(1),
                    new MutableClock()).record(EVENT);

            assertEquals(List.of("audit: consent.granted success by account:sub-1 on consent:sub-1/web request req-9"
                    + " from 192.0.2.1: line?break"), messages(Level.INFO));
            assertEquals(1, TestDatabase.count(database, "select count(*) from audit_event"));
        }
    }

    @Test
    void aWriteThatFailsIsAWarningWithTheLineNeverAnException() {
        Database database = TestDatabase.open();
        StoredAuditTrail trail = new StoredAuditTrail(database.transactions(), new AuditEventRepository(),
                Duration.ofDays(1), new MutableClock());
        database.close();

        trail.record(EVENT);

        List<String> warnings = messages(Level.WARNING);
        assertEquals(1, warnings.size(), () -> "one warning: " + warnings);
        assertTrue(warnings.get(0).startsWith("could not store this audit event")
                && warnings.get(0).endsWith(": audit: consent.granted success by account:sub-1 on consent:sub-1/web"
                + " request req-9 from 192.0.2.1: line?break"), warnings.get(0));
    }

    @Test
    void refusesARetentionThatIsNotPositive() {
        try (Database database = TestDatabase.open()) {
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () ->
                    new StoredAuditTrail(database.transactions(), new AuditEventRepository(), Duration.ZERO,
                            new MutableClock()));
        }
    }

    private List<String> messages(Level level) {
        return records.stream().filter(r -> r.getLevel().equals(level))
                .map(r -> r.getMessage() != null ? r.getMessage() : "")
                .toList();
    }
}
