package io.latchkey.web.admin;

import io.latchkey.audit.AuditQuery;
import io.latchkey.error.Violation;
import io.latchkey.store.PageRequest;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The audit log's filters as typed: who (a username, or an actor name such as {@code application:web},
 * {@code system}), the action (exact, or a prefix ending in a dot), the target (exact), from and to (UTC, as a
 * browser's date-time field sends them, {@code 2026-12-06T15:30}, or RFC 3339 with an offset) and the cursor. What
 * is wrong is told by field, in words, and the form is shown again as typed; it never makes a 500.
 */
public record AuditFilter(String who, String action, String target, String from, String to, String after) {
    private static final int MAX = 200;

    public static AuditFilter of(String who, String action, String target, String from, String to, String after) {
        return new AuditFilter(text(who), text(action), text(target), text(from), text(to), text(after));
    }

    private static String text(String value) {
        return value == null ? "" : value.strip();
    }

    /** The query, or what is wrong with the filters by field. */
    public sealed interface Parsed permits Valid, Invalid {
    }

    public record Valid(AuditQuery query) implements Parsed {
    }

    public record Invalid(Map<String, String> errors) implements Parsed {
    }

    /**
     * The question to the audit trail, {@code limit} events a page. {@code subjectOf} finds the subject of a
     * username; someone typed who is neither an actor name nor a username is an error on {@code who}.
     */
    public Parsed toQuery(int limit, Function<String, Optional<String>> subjectOf) {
        Map<String, String> errors = new LinkedHashMap<>();
        AuditQuery query = AuditQuery.all(limit);
        for (Map.Entry<String, String> field : Map.of("who", who, "action", action, "target", target).entrySet()) {
            if (field.getValue().length() > MAX) {
                errors.put(field.getKey(), "must be at most " + MAX + " characters");
            }
        }
        if (!who.isEmpty() && !errors.containsKey("who")) {
            Optional<String> actor = actorName(who, subjectOf);
            if (actor.isEmpty()) {
                errors.put("who", "is neither a username nor an actor such as application:<client_id>, system or "
                        + "import");
            } else {
                query = query.withActor(actor.get());
            }
        }
        if (!action.isEmpty() && !errors.containsKey("action")) {
            query = query.withAction(action);
        }
        if (!target.isEmpty() && !errors.containsKey("target")) {
            query = query.withTarget(target);
        }
        Optional<Instant> start = time("from", from, errors);
        Optional<Instant> end = time("to", to, errors);
        query = query.between(start, end);
        if (!after.isEmpty()) {
            query = query.after(after);
        }
        for (Violation violation : query.violations()) {
            String field = switch (violation.field()) {
                case "actor" -> "who";
                case "cursor" -> "after";
                default -> violation.field();
            };
            errors.putIfAbsent(field, violation.message());
        }
        return errors.isEmpty() ? new Valid(query) : new Invalid(errors);
    }

    private static Optional<String> actorName(String who, Function<String, Optional<String>> subjectOf) {
        if (who.equals("system") || who.equals("import") || who.equals("anonymous")) {
            return Optional.of(who);
        }
        if (who.startsWith("account:") || who.startsWith("application:")) {
            return who.indexOf(':') < who.length() - 1 ? Optional.of(who) : Optional.empty();
        }
        return subjectOf.apply(who).map(subject -> "account:" + subject);
    }

    private static Optional<Instant> time(String field, String value, Map<String, String> errors) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException notWithOffset) {
            try {
                return Optional.of(LocalDateTime.parse(value).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException e) {
                errors.put(field, "must be a date and time such as 2026-12-06T15:30 (UTC)");
                return Optional.empty();
            }
        }
    }
}
