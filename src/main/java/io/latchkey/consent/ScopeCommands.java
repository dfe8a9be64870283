package io.latchkey.consent;

import io.latchkey.audit.Actor;
import io.latchkey.audit.AuditEvent;
import io.latchkey.audit.AuditTrail;
import io.latchkey.error.Violation;
import io.latchkey.security.RedactedLog;
import io.latchkey.store.CommandRefusal;
import io.latchkey.store.ConfigurationChanges;
import io.latchkey.store.ScopeEntity;
import io.latchkey.store.ScopeRepository;
import io.latchkey.store.Transactions;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Every change an operator makes to a scope, as one command each: create, update, delete. The import file, the
 * admin API and the console all come through here. An API (an audience, RFC 7519 §4.1.3) is not defined on its
 * own: it is the {@code audience} its scopes name, and {@link #apis()} lists them.
 *
 * <p>Built as {@code client.ApplicationCommands} is: each command runs in one transaction of its own, holds the
 * scope to {@link ScopeDefinitionPolicy} (reserved scopes included), moves the scopes change counter with the change
 * (every node's {@link ScopeCatalog} drops what it cached within about a second), records an audit event and answers
 * with an {@link Outcome}: {@link Done} or a refusal value, never an exception. A refusal changes nothing.
 *
 * <p>Versions: update and delete take the version the caller read; a stale one is a {@link VersionConflict}. A
 * change moves the version with a conditional {@code UPDATE ... WHERE version = :read}, which also holds the row,
 * so of two changes made from the same read exactly one applies.
 *
 * <p>A scope that an application still lists (allowed or default) cannot be deleted: the refusal names those
 * applications, to be changed first. A delete takes the scope out of every consent that granted it, so that a scope
 * created later under the same name is asked for again.
 */
public final class ScopeCommands {
    private static final Logger LOG = RedactedLog.of(ScopeCommands.class);

    /** What a command answered. */
    public sealed interface Outcome permits Done, Invalid, NotFound, VersionConflict, AlreadyExists {
    }

    /** The change is committed; {@code version} is the scope's version now (what the next change must present). */
    public record Done(String name, long version, List<String> changedFields) implements Outcome {
        public Done {
            Objects.requireNonNull(name, "name");
            changedFields = List.copyOf(changedFields);
        }
    }

    /** The change breaks these rules (every one of them, each with its field). */
    public record Invalid(List<Violation> violations) implements Outcome {
        public Invalid {
            violations = List.copyOf(violations);
        }
    }

    /** There is no scope of that name. */
    public record NotFound(String name) implements Outcome {
    }

    /** The caller read version {@code read}; the scope is at {@code current} now. */
    public record VersionConflict(String name, long read, long current) implements Outcome {
    }

    /** Create of a name that is taken. */
    public record AlreadyExists(String name) implements Outcome {
    }

    /** A scope as stored, with the version a change of it must present. */
    public record StoredScope(ScopeCatalog.Scope scope, long version, Instant createdAt) {
    }

    /**
     * An API: the audience its scopes give a token ({@code aud}); empty for the scopes that belong to no API (their
     * tokens get the default audience). Its scopes are sorted by name.
     */
    public record Api(Optional<String> audience, List<ScopeCatalog.Scope> scopes) {
        public Api {
            scopes = List.copyOf(scopes);
        }
    }

    private final Transactions transactions;
    private final ScopeRepository scopes;
    private final ConfigurationChanges changes;
    private final AuditTrail audit;
    private final Clock clock;

    public ScopeCommands(Transactions transactions, ScopeRepository scopes, ConfigurationChanges changes,
                         AuditTrail audit, Clock clock) {
        this.transactions = transactions;
        this.scopes = scopes;
        this.changes = changes;
        this.audit = audit;
        this.clock = clock;
    }

    // --- reads, for the callers of the commands (the version is what they present back)

    /** Every scope, by name. */
    public List<StoredScope> list() {
        return transactions.inTransaction(em -> scopes.all(em).stream().map(ScopeCommands::stored).toList());
    }

    public Optional<StoredScope> find(String name) {
        return transactions.inTransaction(em -> scopes.find(em, name).map(ScopeCommands::stored));
    }

    /** The APIs (audiences) with their scopes, sorted by audience; the scopes of no API come first. */
    public List<Api> apis() {
        Map<Optional<String>, List<ScopeCatalog.Scope>> byAudience = new LinkedHashMap<>();
        list().stream()
                .map(StoredScope::scope)
                .sorted(Comparator.comparing((ScopeCatalog.Scope s) -> s.audience().orElse(""))
                        .thenComparing(ScopeCatalog.Scope::name))
                .forEach(s -> byAudience.computeIfAbsent(s.audience(), a -> new ArrayList<>()).add(s));
        return byAudience.entrySet().stream().map(e -> new Api(e.getKey(), e.getValue())).toList();
    }

    // --- commands

    /** Defines a new scope. */
    public Outcome create(Actor actor, ScopeCatalog.Scope scope) {
        return audited(actor, "scope.created", scope.name(), em -> creating(em, scope));
    }

    private Outcome creating(EntityManager em, ScopeCatalog.Scope scope) {
        refuseInvalid(scope);
        // The counter row first: it orders concurrent creates, so the second one finds the first.
        changes.record(em, ConfigurationChanges.Kind.SCOPES);
        if (scopes.find(em, scope.name()).isPresent()) {
            throw new CommandRefusal(new AlreadyExists(scope.name()));
        }
        scopes.add(em, new ScopeEntity(scope.name(), scope.description(), scope.audience().orElse(null),
                clock.instant()));
        return new Done(scope.name(), 0, List.of());
    }

    /** Replaces the description and audience of the scope {@code scope.name()}, last read at {@code readVersion}. */
    public Outcome update(Actor actor, ScopeCatalog.Scope scope, long readVersion) {
        return audited(actor, "scope.updated", scope.name(),
                em -> updating(em, scope, readVersion));
    }

    private Outcome updating(EntityManager em, ScopeCatalog.Scope scope, long readVersion) {
        refuseInvalid(scope);
        advance(em, scope.name(), readVersion);
        changes.record(em, ConfigurationChanges.Kind.SCOPES);
        ScopeEntity entity = find(em, scope.name());
        List<String> changed = new ArrayList<>();
        if (!entity.getDescription().equals(scope.description())) {
            changed.add("description");
            entity.setDescription(scope.description());
        }
        if (!Objects.equals(entity.getAudience(), scope.audience().orElse(null))) {
            changed.add("audience");
            entity.setAudience(scope.audience().orElse(null));
        }
        return new Done(scope.name(), readVersion + 1, changed);
    }

    /**
     * The import file's command: {@link #create} when the scope is absent, {@link #update} from the version it reads
     * now when it is present, with the same rules. It runs in the caller's transaction (the import applies its whole
     * document at once under the start-up lock); the caller must roll that transaction back on a refusal. A change
     * (not an update that changed nothing) records its event in that transaction.
     */
    public Outcome createOrUpdate(Actor actor, EntityManager em, ScopeCatalog.Scope scope) {
        Optional<Long> read = scopes.version(em, scope.name());
        try {
            Outcome outcome = read.isPresent() ? updating(em, scope, read.get()) : creating(em, scope);
            String action = read.isPresent() ? "scope.updated" : "scope.created";
            // Applying the same file again changes nothing, and records nothing.
            if (read.isEmpty() || !((Done) outcome).changedFields().isEmpty()) {
                audit.record(em, event(actor, action, scope.name(), outcome));
            }
            return outcome;
        } catch (CommandRefusal refused) {
            return refused.outcome(Outcome.class);
        }
    }

    /** Deletes the scope, last read at {@code readVersion}, unless an application still lists it. */
    public Outcome delete(Actor actor, String name, long readVersion) {
        return audited(actor, "scope.deleted", name, em -> {
            refuse(ScopeDefinitionPolicy.checkReserved(new ScopeCatalog.Scope(name, "", Optional.empty()), true));
            advance(em, name, readVersion);
            List<String> listing = scopes.applicationsListing(em, name);
            if (!listing.isEmpty()) {
                throw new CommandRefusal(new Invalid(List.of(new Violation("name",
                        "is still listed by the applications " + String.join(", ", listing)
                                + "; remove it from them first"))));
            }
            changes.record(em, ConfigurationChanges.Kind.SCOPES);
            // A consent was given to what the scope meant; a scope created later under the same name may mean
            // something else, so no consent may carry over to it.
            int withdrawn = scopes.withdrawFromConsents(em, name);
            scopes.remove(em, find(em, name));
            LOG.info(() -> "scope " + name + " deleted; withdrawn from " + withdrawn + " consents");
            return new Done(name, readVersion + 1, List.of());
        });
    }

    private static void refuseInvalid(ScopeCatalog.Scope scope) {
        List<Violation> violations = new ArrayList<>(ScopeDefinitionPolicy.check(scope));
        violations.addAll(ScopeDefinitionPolicy.checkReserved(scope, false));
        refuse(violations);
    }

    private static void refuse(List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw new CommandRefusal(new Invalid(violations));
        }
    }

    /** Moves the scope from {@code read} to the next version, or refuses: not found, or a stale read. */
    private void advance(EntityManager em, String name, long read) {
        if (!scopes.advanceVersion(em, name, read)) {
            throw new CommandRefusal(scopes.version(em, name)
                    .<Outcome>map(current -> new VersionConflict(name, read, current))
                    .orElseGet(() -> new NotFound(name)));
        }
    }

    private ScopeEntity find(EntityManager em, String name) {
        return scopes.find(em, name).orElseThrow(() -> new CommandRefusal(new NotFound(name)));
    }

    private static StoredScope stored(ScopeEntity entity) {
        return new StoredScope(new ScopeCatalog.Scope(entity.getName(), entity.getDescription(),
                Optional.ofNullable(entity.getAudience())), entity.getVersion(), entity.getCreatedAt());
    }

    /**
     * Runs the command {@code action} on {@code name} in one transaction with its audit event: a change and its
     * event commit together. A refusal rolls the transaction back and is answered as the value it carries; its event
     * (a failure, which changed nothing) is recorded on its own.
     */
    private Outcome audited(Actor actor, String action, String name, Function<EntityManager, Outcome> work) {
        return audit.audited(transactions, Outcome.class, work, outcome -> event(actor, action, name, outcome));
    }

    /** The audit event of what the command {@code action} on {@code name} answered. */
    private AuditEvent event(Actor actor, String action, String name, Outcome outcome) {
        String target = "scope:" + name;
        AuditEvent event;
        if (outcome instanceof Done done) {
            event = AuditEvent.success(actor, action, target, done.changedFields(), "version " + done.version());
        } else if (outcome instanceof Invalid invalid) {
            event = AuditEvent.failure(actor, action, target, invalid.violations().stream()
                    .map(v -> v.field() + " " + v.message()).collect(Collectors.joining("; ")));
        } else if (outcome instanceof VersionConflict conflict) {
            event = AuditEvent.failure(actor, action, target,
                    "read version " + conflict.read() + ", current " + conflict.current());
        } else if (outcome instanceof NotFound) {
            event = AuditEvent.failure(actor, action, target, "no such scope");
        } else {
            event = AuditEvent.failure(actor, action, target, "the name is taken");
        }
        return event;
    }
}
