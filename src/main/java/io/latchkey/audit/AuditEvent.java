package io.latchkey.audit;

import java.util.List;
import java.util.Objects;

/**
 * One thing that happened, as the audit trail keeps it: who ({@link Actor}), what ({@code action}, dotted, e.g.
 * {@code application.secret.rotated}, {@code sign_in}), to what ({@code target}, e.g. {@code application:web},
 * {@code account:7f3…}, {@code consent:…}), whether it was done or refused, and for a change the names of the
 * fields it changed. {@code detail} is a short human sentence. None of it ever holds a secret, a token or a
 * password hash: callers pass names and ids only.
 */
public record AuditEvent(Actor actor, String action, String target, Outcome outcome, List<String> changedFields,
                         String detail) {

    public enum Outcome {
        SUCCESS("success"), FAILURE("failure");

        private final String wireName;

        Outcome(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    public AuditEvent {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(outcome, "outcome");
        changedFields = List.copyOf(changedFields);
        Objects.requireNonNull(detail, "detail");
    }

    public static AuditEvent success(Actor actor, String action, String target, List<String> changedFields,
                                     String detail) {
        return new AuditEvent(actor, action, target, Outcome.SUCCESS, changedFields, detail);
    }

    public static AuditEvent failure(Actor actor, String action, String target, String detail) {
        return new AuditEvent(actor, action, target, Outcome.FAILURE, List.of(), detail);
    }

    /** The event as its {@code audit:} log line (the same words the stored row has). */
    public String logLine() {
        return "audit: " + action + " " + outcome.wireName() + " by " + actor.name() + " on " + target
                + (changedFields.isEmpty() ? "" : " changed " + String.join(",", changedFields))
                + actor.requestId().map(id -> " request " + id).orElse("")
                + actor.clientAddress().map(address -> " from " + address).orElse("")
                + (detail.isEmpty() ? "" : ": " + detail);
    }
}
