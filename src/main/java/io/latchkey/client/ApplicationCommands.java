package io.latchkey.client;

import io.latchkey.audit.Actor;
import io.latchkey.audit.AuditEvent;
import io.latchkey.audit.AuditTrail;
import io.latchkey.config.ServerTokenLifetimes;
import io.latchkey.error.Violation;
import io.latchkey.key.SigningAlgorithm;
import io.latchkey.security.RandomValues;
import io.latchkey.security.RedactedLog;
import io.latchkey.security.Secret;
import io.latchkey.store.ApplicationEntity;
import io.latchkey.store.ApplicationRepository;
import io.latchkey.store.ApplicationSecretEntity;
import io.latchkey.store.CommandRefusal;
import io.latchkey.store.ConfigurationChanges;
import io.latchkey.store.IssuedCredentialRepository;
import io.latchkey.store.ScopeEntity;
import io.latchkey.store.ScopeRepository;
import io.latchkey.store.Transactions;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Every change an operator makes to an application, as one command each: create, update, enable/disable, rotate
 * a secret, retire a secret, delete. The import file, the admin API and the console all come through here.
 *
 * <p>Each command runs in one transaction of its own, holds the application to {@link ApplicationPolicy}, moves
 * the applications change counter with the change (so every node's client directory drops it within about a
 * second) and answers with an {@link Outcome}: {@link Done} or a refusal value. A refusal changes nothing (its
 * transaction is rolled back) and is never an exception.
 *
 * <p>Versions: update, enable/disable and delete take the version the caller read; a stale one is a
 * {@link VersionConflict}. Every change, rotations and retirements included, moves the version by one with a
 * conditional {@code UPDATE ... WHERE version = :read}, which also holds the row, so of two changes made from the
 * same read exactly one applies, on one node or several.
 *
 * <p>Delete is a hard delete: the row, its secrets and everything it holds (tokens, codes, consents) go in the
 * same transaction, so that nothing can act for an application that no longer exists and the client_id may be
 * registered again. A JWT access token is not stored: it dies because its client_id is unknown, and because an
 * application created later under the same client_id refuses tokens issued before its creation
 * ({@code tokens_not_before}). The audit trail (to come) keeps the client_id meaningful by recording it with the
 * application's name in each event rather than by keeping a tombstone row that every reader would have to skip.
 */
public final class ApplicationCommands {
    /** How long the previous secret keeps working after a rotation when the caller does not say. */
    public static final Duration DEFAULT_OVERLAP = ApplicationRegistry.ROTATION_OVERLAP;
    /** The longest overlap a caller may choose: long enough for a monthly deployment, short enough to end. */
    public static final Duration MAX_OVERLAP = Duration.ofDays(30);
    private static final Logger LOG = RedactedLog.of(ApplicationCommands.class);

    /** What a command answered. */
    public sealed interface Outcome permits Done, Invalid, NotFound, VersionConflict, AlreadyExists {
    }

    /**
     * The change is committed. {@code version} is the application's version now (what the next change must
     * present); {@code secret} is a secret the server generated, shown this once (created, rotated).
     */
    public record Done(String clientId, long version, Optional<Secret> secret, List<String> changedFields)
            implements Outcome {
        public Done {
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(secret, "secret");
            changedFields = List.copyOf(changedFields);
        }

        /** A change that is not an update of the definition (it names no changed fields). */
        public Done(String clientId, long version, Optional<Secret> secret) {
            this(clientId, version, secret, List.of());
        }
    }

    /** The change breaks these rules (every one of them, each with its field). */
    public record Invalid(List<Violation> violations) implements Outcome {
        public Invalid {
            violations = List.copyOf(violations);
        }
    }

    /** There is no such application, or no such secret of it: {@code what} says which. */
    public record NotFound(String what) implements Outcome {
    }

    /** The caller read version {@code read}; the application is at {@code current} now. */
    public record VersionConflict(String clientId, long read, long current) implements Outcome {
    }

    /** Create of a client_id that is taken. */
    public record AlreadyExists(String clientId) implements Outcome {
    }

    private final Transactions transactions;
    private final ApplicationRegistry registry;
    private final ApplicationRepository applications;
    private final ScopeRepository scopes;
    private final IssuedCredentialRepository issued;
    private final ConfigurationChanges changes;
    private final boolean devMode;
    private final Set<SigningAlgorithm> signingAlgorithms;
    private final ServerTokenLifetimes serverLifetimes;
    private final AuditTrail audit;
    private final Clock clock;

    public ApplicationCommands(Transactions transactions, ApplicationRegistry registry,
                               ApplicationRepository applications, ScopeRepository scopes,
                               IssuedCredentialRepository issued, ConfigurationChanges changes, boolean devMode,
                               AuditTrail audit, Clock clock) {
        this(transactions, registry, applications, scopes, issued, changes, devMode,
                EnumSet.allOf(SigningAlgorithm.class), audit, clock);
    }

    /** @param signingAlgorithms the enabled ones ({@code LATCHKEY_SIGNING_ALGORITHMS}), for id_token_signed_response_alg */
    public ApplicationCommands(Transactions transactions, ApplicationRegistry registry,
                               ApplicationRepository applications, ScopeRepository scopes,
                               IssuedCredentialRepository issued, ConfigurationChanges changes, boolean devMode,
                               Collection<SigningAlgorithm> signingAlgorithms, AuditTrail audit, Clock clock) {
        this(transactions, registry, applications, scopes, issued, changes, devMode, signingAlgorithms,
                ServerTokenLifetimes.DEFAULTS, audit, clock);
    }

    /** @param serverLifetimes the server's token lifetimes, which an application's own are compared with */
    public ApplicationCommands(Transactions transactions, ApplicationRegistry registry,
                               ApplicationRepository applications, ScopeRepository scopes,
                               IssuedCredentialRepository issued, ConfigurationChanges changes, boolean devMode,
                               Collection<SigningAlgorithm> signingAlgorithms, ServerTokenLifetimes serverLifetimes,
                               AuditTrail audit, Clock clock) {
        this.signingAlgorithms = EnumSet.copyOf(signingAlgorithms);
        this.serverLifetimes = serverLifetimes;
        this.transactions = transactions;
        this.registry = registry;
        this.applications = applications;
        this.scopes = scopes;
        this.issued = issued;
        this.changes = changes;
        this.devMode = devMode;
        this.audit = audit;
        this.clock = clock;
    }

    /** The server's token lifetimes, which an application without its own gets. */
    public ServerTokenLifetimes serverLifetimes() {
        return serverLifetimes;
    }

    /**
     * Registers a new application. A confidential one without a given secret gets a generated one (256 random
     * bits), returned once in {@link Done#secret()}.
     */
    public Outcome create(Actor actor, ApplicationDefinition definition) {
        return audited(actor, "application.created", definition.clientId(),
                em -> creating(em, definition));
    }

    private Outcome creating(EntityManager em, ApplicationDefinition definition) {
        refuseInvalid(em, definition);
        // The counter row first: it orders concurrent creates, so the second one finds the first.
        changes.record(em, ConfigurationChanges.Kind.APPLICATIONS);
        if (applications.findByClientId(em, definition.clientId()).isPresent()) {
            throw new CommandRefusal(new AlreadyExists(definition.clientId()));
        }
        ApplicationRegistry.Applied applied = registry.apply(em, definition);
        return new Done(definition.clientId(), 0, applied.generatedSecret());
    }

    /**
     * Replaces the definition of the application {@code definition.clientId()}, last read at {@code readVersion}.
     * A disable in it takes back everything the application holds; a given secret that is not already current
     * becomes current, the previous one working for {@link #DEFAULT_OVERLAP}.
     */
    public Outcome update(Actor actor, ApplicationDefinition definition, long readVersion) {
        return audited(actor, "application.updated", definition.clientId(),
                em -> updating(em, definition, readVersion));
    }

    private Outcome updating(EntityManager em, ApplicationDefinition definition, long readVersion) {
        refuseInvalid(em, definition);
        advance(em, definition.clientId(), readVersion);
        ApplicationEntity application = find(em, definition.clientId());
        ApplicationDefinition before = definitionOf(application);
        int secrets = application.getSecrets().size();
        ApplicationRegistry.Applied applied = registry.apply(em, definition);
        List<String> changed = new ArrayList<>(changedFields(before, definition));
        if (application.getSecrets().size() != secrets) {
            changed.add("secret");
        }
        return new Done(definition.clientId(), readVersion + 1, applied.generatedSecret(), changed);
    }

    /**
     * The definition the stored application has, as an operator would write it, without a secret (only hashes are
     * stored): what an update starts from and what the export writes.
     */
    public static ApplicationDefinition definitionOf(ApplicationEntity application) {
        return new ApplicationDefinition(application.getClientId(), application.getName(),
                ClientType.fromWireName(application.getType()).orElseThrow(), List.copyOf(application.getRedirectUris()),
                List.copyOf(application.getPostLogoutRedirectUris()),
                List.copyOf(application.getWebOrigins()), new TreeSet<>(application.getAllowedScopes()),
                new TreeSet<>(application.getDefaultScopes()), Optional.empty(), application.isEnabled(),
                AccessTokenPolicy.fromWireName(application.getAccessTokenPolicy()).orElseThrow(),
                application.isFirstParty(), application.isRefreshTokens(), application.isIntrospectAny(),
                application.getMaxReferenceTokenDays(), application.isPasswordGrant(),
                Arrays.stream(application.getResponseTypes().split(","))
                        .map(t -> ResponseType.parse(t).orElseThrow())
                        .collect(Collectors.toCollection(() -> EnumSet.noneOf(ResponseType.class))),
                "reference".equals(application.getAccessTokenFormat()),
                PkcePolicy.fromWireName(application.getPkce()).orElseThrow(), application.isImplicitByFragment(),
                ClientSigning.of(application), TokenLifetimes.of(application));
    }

    /**
     * The fields (named as in the import file and the API) in which {@code after} differs from {@code before}, in the
     * order of the definition; sets compare as sets, lists in order. The secret is not compared (only its hash is
     * stored): the update says itself whether it added one.
     */
    static List<String> changedFields(ApplicationDefinition before, ApplicationDefinition after) {
        List<String> changed = new ArrayList<>();
        changedIf(changed, "name", before.name(), after.name());
        changedIf(changed, "type", before.type(), after.type());
        changedIf(changed, "redirect_uris", before.redirectUris(), after.redirectUris());
        changedIf(changed, "post_logout_redirect_uris", before.postLogoutRedirectUris(),
                after.postLogoutRedirectUris());
        changedIf(changed, "web_origins", before.webOrigins(), after.webOrigins());
        changedIf(changed, "scopes", Set.copyOf(before.scopes()), Set.copyOf(after.scopes()));
        changedIf(changed, "default_scopes", Set.copyOf(before.defaultScopes()), Set.copyOf(after.defaultScopes()));
        changedIf(changed, "enabled", before.enabled(), after.enabled());
        changedIf(changed, "access_tokens", before.accessTokens(), after.accessTokens());
        changedIf(changed, "first_party", before.firstParty(), after.firstParty());
        changedIf(changed, "refresh_tokens", before.refreshTokens(), after.refreshTokens());
        changedIf(changed, "introspect_any", before.introspectAny(), after.introspectAny());
        changedIf(changed, "max_token_lifetime_days", before.maxReferenceTokenDays(), after.maxReferenceTokenDays());
        changedIf(changed, "password_grant", before.passwordGrant(), after.passwordGrant());
        changedIf(changed, "response_types", Set.copyOf(before.responseTypes()), Set.copyOf(after.responseTypes()));
        changedIf(changed, "access_token_format", before.referenceAccessTokens(), after.referenceAccessTokens());
        changedIf(changed, "pkce", before.pkce(), after.pkce());
        changedIf(changed, "implicit_by_fragment", before.implicitByFragment(), after.implicitByFragment());
        changedIf(changed, "jwks", before.signing().jwks(), after.signing().jwks());
        changedIf(changed, "jwks_uri", before.signing().jwksUri(), after.signing().jwksUri());
        changedIf(changed, "request_object_signing_alg", before.signing().requestObjectAlgorithm(),
                after.signing().requestObjectAlgorithm());
        changedIf(changed, "id_token_signed_response_alg", before.signing().idTokenAlgorithm(),
                after.signing().idTokenAlgorithm());
        changedIf(changed, "access_token_lifetime", before.lifetimes().accessToken(), after.lifetimes().accessToken());
        changedIf(changed, "refresh_token_idle_lifetime", before.lifetimes().refreshIdle(),
                after.lifetimes().refreshIdle());
        changedIf(changed, "refresh_token_max_lifetime", before.lifetimes().refreshMax(),
                after.lifetimes().refreshMax());
        return changed;
    }

    private static void changedIf(List<String> changed, String field, Object before, Object after) {
        if (!before.equals(after)) {
            changed.add(field);
        }
    }

    /**
     * The import file's command: {@link #create} when the application is absent, {@link #update} from the version
     * it reads now when it is present, with the same rules. Unlike the other commands it runs in the caller's
     * transaction, because the import applies its whole document at once under the start-up lock; the caller
     * must roll that transaction back on a refusal (which may have written before it was found). A change (not
     * an update that changed nothing) records its event in that transaction.
     */
    public Outcome createOrUpdate(Actor actor, EntityManager em, ApplicationDefinition definition) {
        Optional<Long> read = applications.version(em, definition.clientId());
        try {
            Outcome outcome = read.isPresent() ? updating(em, definition, read.get()) : creating(em, definition);
            String action = read.isPresent() ? "application.updated" : "application.created";
            // Applying the same file again changes nothing, and records nothing.
            if (read.isEmpty() || !((Done) outcome).changedFields().isEmpty()) {
                audit.record(em, event(actor, action, definition.clientId(), outcome));
            }
            return outcome;
        } catch (CommandRefusal refused) {
            return refused.outcome(Outcome.class);
        }
    }

    /**
     * Enables or disables the application. A disable takes back everything it holds for good (refresh and
     * reference tokens revoked, codes deleted, JWTs issued until now inactive); enabling it again revives none.
     */
    public Outcome setEnabled(Actor actor, String clientId, boolean enabled, long readVersion) {
        return audited(actor, enabled ? "application.enabled" : "application.disabled", clientId, em -> {
            advance(em, clientId, readVersion);
            registry.setEnabled(em, find(em, clientId), enabled);
            return new Done(clientId, readVersion + 1, Optional.empty());
        });
    }

    /**
     * Generates a new current secret (256 random bits; only its hash is stored) and returns it once. The
     * previously live secrets keep working for {@code overlap} (0 to {@link #MAX_OVERLAP}; a secret already due
     * to expire sooner keeps its earlier end). A public application has no secret to rotate.
     */
    public Outcome rotateSecret(Actor actor, String clientId, Duration overlap) {
        return audited(actor, "application.secret.rotated", clientId, em -> {
            if (overlap.isNegative() || overlap.compareTo(MAX_OVERLAP) > 0) {
                throw new CommandRefusal(new Invalid(List.of(new Violation("overlap",
                        "must be between 0 and " + MAX_OVERLAP.toDays() + " days"))));
            }
            long version = advance(em, clientId);
            ApplicationEntity application = find(em, clientId);
            refusePublic(application);
            changes.record(em, ConfigurationChanges.Kind.APPLICATIONS);
            Instant now = clock.instant();
            Secret secret = RandomValues.secret256();
            ApplicationRegistry.addCurrentSecret(application, secret, now, overlap);
            application.setUpdatedAt(now);
            LOG.info(() -> "application " + clientId + ": secret rotated, the previous one works until "
                    + now.plus(overlap));
            return new Done(clientId, version, Optional.of(secret));
        });
    }

    /** {@link #rotateSecret(Actor, String, Duration)} with the {@link #DEFAULT_OVERLAP}. */
    public Outcome rotateSecret(Actor actor, String clientId) {
        return rotateSecret(actor, clientId, DEFAULT_OVERLAP);
    }

    /**
     * Ends the older secret {@code secretId} now (one still in its overlap, or already expired: then nothing
     * changes but the version). The current secret cannot be retired: rotate first.
     */
    public Outcome retireSecret(Actor actor, String clientId, long secretId) {
        return audited(actor, "application.secret.retired", clientId, em -> {
            long version = advance(em, clientId);
            ApplicationEntity application = find(em, clientId);
            refusePublic(application);
            ApplicationSecretEntity secret = application.getSecrets().stream()
                    .filter(s -> s.getId() == secretId).findFirst()
                    .orElseThrow(() -> new CommandRefusal(new NotFound("secret " + secretId + " of application " + clientId)));
            if (secret.getExpiresAt() == null) {
                throw new CommandRefusal(new Invalid(List.of(new Violation("secret_id",
                        "is the current secret; rotate first, then retire the previous one"))));
            }
            changes.record(em, ConfigurationChanges.Kind.APPLICATIONS);
            Instant now = clock.instant();
            if (secret.getExpiresAt().isAfter(now)) {
                secret.setExpiresAt(now);
            }
            application.setUpdatedAt(now);
            LOG.info(() -> "application " + clientId + ": secret " + secretId + " retired");
            return new Done(clientId, version, Optional.empty());
        });
    }

    /** Deletes the application and everything it holds (see the class comment). */
    public Outcome delete(Actor actor, String clientId, long readVersion) {
        return audited(actor, "application.deleted", clientId, em -> {
            advance(em, clientId, readVersion);
            ApplicationEntity application = find(em, clientId);
            changes.record(em, ConfigurationChanges.Kind.APPLICATIONS);
            IssuedCredentialRepository.Deleted deleted = issued.deleteAllOfApplication(em, clientId);
            applications.remove(em, application);
            LOG.info(() -> "application " + clientId + " deleted with " + deleted);
            return new Done(clientId, readVersion + 1, Optional.empty());
        });
    }

    private void refuseInvalid(EntityManager em, ApplicationDefinition definition) {
        Set<String> known = scopes.all(em).stream().map(ScopeEntity::getName).collect(Collectors.toSet());
        List<Violation> violations = ApplicationPolicy.check(definition, known, devMode, signingAlgorithms,
                serverLifetimes);
        if (!violations.isEmpty()) {
            throw new CommandRefusal(new Invalid(violations));
        }
    }

    private static void refusePublic(ApplicationEntity application) {
        ClientType type = ClientType.fromWireName(application.getType()).orElseThrow();
        if (!type.confidential()) {
            throw new CommandRefusal(new Invalid(List.of(new Violation("type",
                    "a " + type.wireName() + " application is public and has no secret"))));
        }
    }

    /** Moves the application from {@code read} to the next version, or refuses: not found, or a stale read. */
    private void advance(EntityManager em, String clientId, long read) {
        if (!applications.advanceVersion(em, clientId, read)) {
            throw new CommandRefusal(applications.version(em, clientId)
                    .<Outcome>map(current -> new VersionConflict(clientId, read, current))
                    .orElseGet(() -> notFound(clientId)));
        }
    }

    /** Moves the application to its next version whatever it was, and returns that version. */
    private long advance(EntityManager em, String clientId) {
        if (!applications.advanceVersion(em, clientId)) {
            throw new CommandRefusal(notFound(clientId));
        }
        return applications.version(em, clientId).orElseThrow();
    }

    private ApplicationEntity find(EntityManager em, String clientId) {
        return applications.findByClientId(em, clientId).orElseThrow(() -> new CommandRefusal(notFound(clientId)));
    }

    private static NotFound notFound(String clientId) {
        return new NotFound("application " + clientId);
    }

    /**
     * Runs the command {@code action} on {@code clientId} in one transaction with its audit event: a change and its
     * event commit together. A refusal rolls the transaction back and is answered as the value it carries; its event
     * (a failure, which changed nothing) is recorded on its own.
     */
    private Outcome audited(Actor actor, String action, String clientId, Function<EntityManager, Outcome> work) {
        return audit.audited(transactions, Outcome.class, work, outcome -> event(actor, action, clientId, outcome));
    }

    /** The audit event of what the command {@code action} on {@code clientId} answered. */
    private AuditEvent event(Actor actor, String action, String clientId, Outcome outcome) {
        String target = "application:" + clientId;
        AuditEvent event;
        if (outcome instanceof Done done) {
            event = AuditEvent.success(actor, action, target, done.changedFields(), "version " + done.version());
        } else if (outcome instanceof Invalid invalid) {
            event = AuditEvent.failure(actor, action, target, invalid.violations().stream()
                    .map(v -> v.field() + " " + v.message()).collect(Collectors.joining("; ")));
        } else if (outcome instanceof NotFound notFound) {
            event = AuditEvent.failure(actor, action, target, "no " + notFound.what());
        } else if (outcome instanceof VersionConflict conflict) {
            event = AuditEvent.failure(actor, action, target,
                    "read version " + conflict.read() + ", current " + conflict.current());
        } else {
            event = AuditEvent.failure(actor, action, target, "the client_id is taken");
        }
        return event;
    }
}
