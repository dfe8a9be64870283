package io.latchkey.web.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.latchkey.audit.AuditQuery;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class AuditFilterTest {
    private static final Function<String, Optional<String>> PEOPLE =
            username -> username.equals("ada") ? Optional.of("sub-ada") : Optional.empty();

    private static AuditQuery valid(AuditFilter filter) {
        return assertInstanceOf(AuditFilter.Valid.class, filter.toQuery(50, PEOPLE)).query();
    }

    private static Map<String, String> errors(AuditFilter filter) {
        return assertInstanceOf(AuditFilter.Invalid.class, filter.toQuery(50, PEOPLE)).errors();
    }

    @Test
    void aUsernameIsTheirAccountAndActorNamesPassAsTheyAre() {
        assertEquals(Optional.of("account:sub-ada"), valid(AuditFilter.of("ada", "", "", "", "", "")).actor());
        assertEquals(Optional.of("application:web"),
                valid(AuditFilter.of("application:web", "", "", "", "", "")).actor());
        assertEquals(Optional.of("system"), valid(AuditFilter.of(" system ", "", "", "", "", "")).actor());
        assertEquals(Optional.empty(), valid(AuditFilter.of("", "", "", "", "", "")).actor());
        assertEquals(Map.of("who", "is neither a username nor an actor such as application:<client_id>, system or "
                + "import"), errors(AuditFilter.of("nobody", "", "", "", "", "")));
        assertEquals(Map.of("who", "is neither a username nor an actor such as application:<client_id>, system or "
                + "import"), errors(AuditFilter.of("account:", "", "", "", "", "")));
    }

    @Test
    void timesAreUtcDateTimesOrCarryAnOffset() {
        AuditQuery query = valid(AuditFilter.of("", "application.", "application:web", "2026-12-06T15:30",
                "2026-12-06T18:00:00+01:00", ""));
        assertEquals(Optional.of(Instant.parse("2026-12-06T15:30:00Z")), query.from());
        assertEquals(Optional.of(Instant.parse("2026-12-06T17:00:00Z")), query.to());
        assertEquals(Optional.of("application."), query.action());
        assertEquals(Optional.of("application:web"), query.target());
        assertEquals("must be a date and time such as 2026-12-06T15:30 (UTC)",
                errors(AuditFilter.of("", "", "", "yesterday", "", "")).get("from"));
        assertEquals("must be after from",
                errors(AuditFilter.of("", "", "", "2026-12-06T18:00", "2026-12-06T15:00", "")).get("to"));
    }

    @Test
    void aBadCursorOrActionIsAnErrorByFieldNeverAnException() {
        assertEquals(Optional.of("41"), valid(AuditFilter.of("", "", "", "", "", "41")).page().afterKey());
        assertEquals("is not a cursor of the audit trail",
                errors(AuditFilter.of("", "", "", "", "", "x'; drop")).get("after"));
        assertEquals("must be an action or a prefix ending in a dot",
                errors(AuditFilter.of("", ".", "", "", "", "")).get("action"));
        assertEquals("must be at most 200 characters",
                errors(AuditFilter.of("", "", "t".repeat(201), "", "", "")).get("target"));
    }
}
