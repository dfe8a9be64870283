package io.latchkey.audit;

import io.latchkey.error.Violation;
import io.latchkey.store.PageRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A question to the audit trail: the events of an actor (by {@link Actor#name()}: {@code account:<subject>},
 * {@code application:<client_id>}, {@code import}, {@code system}, {@code anonymous}), on a target (exact, e.g.
 * {@code application:web}), of an action (exact, or every action under a prefix ending in a dot, e.g.
 * {@code application.}), in the time range [{@code from}, {@code to}); newest first, one page at a time (the page
 * key is the event id). {@link #violations()} says what is wrong with it, by field.
 */
public record AuditQuery(Optional<String> actor, Optional<String> target, Optional<String> action,
                         Optional<Instant> from, Optional<Instant> to, PageRequest page) {

    public AuditQuery {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(page, "page");
    }

    /** Every event, newest first, {@code limit} at a time. */
    public static AuditQuery all(int limit) {
        return new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), PageRequest.first(limit));
    }

    public AuditQuery withActor(String name) {
        return new AuditQuery(Optional.of(name), target, action, from, to, page);
    }

    public AuditQuery withTarget(String name) {
        return new AuditQuery(actor, Optional.of(name), action, from, to, page);
    }

    public AuditQuery withAction(String nameOrPrefix) {
        return new AuditQuery(actor, target, Optional.of(nameOrPrefix), from, to, page);
    }

    public AuditQuery between(Optional<Instant> from, Optional<Instant> to) {
        return new AuditQuery(actor, target, action, from, to, page);
    }

    /** The same question, for the page after the event with id {@code afterKey}. */
    public AuditQuery after(String afterKey) {
        return new AuditQuery(actor, target, action, from, to, new PageRequest(Optional.of(afterKey), page.limit()));
    }

    /** What makes this query unanswerable, by field ({@code actor}, {@code action}, {@code to}, {@code cursor}). */
    public List<Violation> violations() {
        List<Violation> violations = new ArrayList<>();
        actor.ifPresent(name -> {
            if (ActorName.parse(name).isEmpty()) {
                violations.add(new Violation("actor", "must be account:<subject>, application:<client_id>, import, "
                        + "system or anonymous"));
            }
        });
        target.filter(String::isEmpty).ifPresent(empty -> violations.add(new Violation("target", "must not be empty")));
        action.ifPresent(name -> {
            if (name.isEmpty() || name.equals(".")) {
                violations.add(new Violation("action", "must be an action or a prefix ending in a dot"));
            }
        });
        if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
            violations.add(new Violation("to", "must be after from"));
        }
        page.afterKey().ifPresent(key -> {
            if (eventId(key).isEmpty()) {
                violations.add(new Violation("cursor", "is not a cursor of the audit trail"));
            }
        });
        return violations;
    }

    static Optional<Long> eventId(String key) {
        try {
            long id = Long.parseLong(key);
            return id > 0 ? Optional.of(id) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** An actor name split into its kind and id. */
    record ActorName(Actor.Kind kind, String id) {
        static Optional<ActorName> parse(String name) {
            int colon = name.indexOf(':');
            String kindName = colon < 0 ? name : name.substring(0, colon);
            String id = colon < 0 ? "" : name.substring(colon + 1);
            for (Actor.Kind kind : Actor.Kind.values()) {
                if (kind.wireName().equals(kindName)) {
                    boolean named = kind == Actor.Kind.ACCOUNT || kind == Actor.Kind.APPLICATION;
                    return named == !id.isEmpty() ? Optional.of(new ActorName(kind, id)) : Optional.empty();
                }
            }
            return Optional.empty();
        }
    }
}
