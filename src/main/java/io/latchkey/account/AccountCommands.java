package io.latchkey.account;

import io.latchkey.audit.Actor;
import io.latchkey.audit.AuditEvent;
import io.latchkey.audit.AuditTrail;
import io.latchkey.error.Violation;
import io.latchkey.security.Secret;
import io.latchkey.store.CommandRefusal;
import io.latchkey.store.AccountEntity;
import io.latchkey.store.AccountRepository;
import io.latchkey.store.ClusterLock;
import io.latchkey.store.LoginThrottleRepository;
import io.latchkey.store.Page;
import io.latchkey.store.PageRequest;
import io.latchkey.store.PasswordResetCodeRepository;
import io.latchkey.store.Transactions;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Every change an operator makes to an account, as one command each: create, update the profile, enable/disable,
 * set or clear the admin flag, set a password, unlock a throttled account, delete. The import file, the admin API
 * and the console all come through here. Accounts are named by username (stored trimmed and lower-case).
 *
 * <p>Built as {@code client.ApplicationCommands} is: each command runs in one transaction of its own, holds the
 * account to {@link AccountPolicy}, records an audit event (with the names of the fields it changed, never a
 * password or its hash) and answers with an {@link Outcome}: {@link Done} or a refusal value, never an exception.
 * A refusal changes nothing.
 *
 * <p>What a change takes back is {@link AccountService}'s, as it is for the import: a disable ends every sign-in of
 * the person and what it produced (refresh, opaque access tokens, codes, sessions; JWTs through
 * {@code tokens_not_before}) and revokes their personal access tokens; a new password ends their sign-ins.
 *
 * <p>Versions: update, enable/disable and set-admin take the version the caller read; a stale one is a
 * {@link VersionConflict}. Every change (a password set too) moves the version with a conditional
 * {@code UPDATE ... WHERE version = :read}, which also holds the row, so of two changes made from the same read
 * exactly one applies. A change that would leave no enabled administrator is refused; such changes take turns
 * ({@link ClusterLock#ADMINISTRATORS}) so that two at once cannot together leave none.
 */
public final class AccountCommands {

    /** What a command answered. */
    public sealed interface Outcome permits Done, Invalid, NotFound, VersionConflict, AlreadyExists,
            ResetCodeIssued, ResetRefused, Undeletable {
    }

    /**
     * The change is committed. {@code version} is the account's version now (what the next change must present);
     * {@code changedFields} names what an update changed (e.g. {@code name}, {@code email}, {@code password}).
     */
    public record Done(String username, long version, List<String> changedFields) implements Outcome {
        public Done {
            Objects.requireNonNull(username, "username");
            changedFields = List.copyOf(changedFields);
        }
    }

    /** The change breaks these rules (every one of them, each with its field). */
    public record Invalid(List<Violation> violations) implements Outcome {
        public Invalid {
            violations = List.copyOf(violations);
        }
    }

    /** There is no account with that username. */
    public record NotFound(String username) implements Outcome {
    }

    /** The caller read version {@code read}; the account is at {@code current} now. */
    public record VersionConflict(String username, long read, long current) implements Outcome {
    }

    /** Create of a username that is taken (usernames ignore case). */
    public record AlreadyExists(String username) implements Outcome {
    }

    /**
     * A password-reset code was issued (replacing the account's previous one): {@code code} is shown once to the
     * administrator, who hands it to the person; only its hash is stored.
     */
    public record ResetCodeIssued(String username, Secret code, Instant expiresAt) implements Outcome {
        public ResetCodeIssued {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }

    /**
     * A password reset was refused: no account has that username, or it holds no such code, or the code has
     * expired or was used. One answer for all of them, so it tells nobody whether the username exists.
     */
    public record ResetRefused(String username) implements Outcome {
    }

    /** The fields of an account a person's profile holds, as an update replaces them. */
    /** The account was not deleted, and why: it is the caller's own, or the last enabled administrator. */
    public record Undeletable(String username, String reason) implements Outcome {
    }

    public record Profile(String displayName, Optional<String> email, boolean emailVerified, StandardClaims claims) {
        /** A profile with no standard claims beyond name and email. */
        public Profile(String displayName, Optional<String> email, boolean emailVerified) {
            this(displayName, email, emailVerified, StandardClaims.NONE);
        }

        public Profile {
            Objects.requireNonNull(displayName, "displayName");
            Objects.requireNonNull(email, "email");
            Objects.requireNonNull(claims, "claims");
        }
    }

    /** An account as stored, with the version a change of it must present. */
    public record StoredAccount(Account account, long version, Instant createdAt, Instant updatedAt) {
    }

    /** What a listing keeps; each present filter must hold. */
    public record Filter(Optional<Boolean> admin, Optional<Boolean> enabled, Optional<String> containing) {
        public static final Filter ALL = new Filter(Optional.empty(), Optional.empty(), Optional.empty());
    }

    private final Transactions transactions;
    private final AccountService service;
    private final AccountRepository accounts;
    private final LoginThrottleRepository throttle;
    private final PasswordResetCodeRepository resetCodes = new PasswordResetCodeRepository();
    private final AuditTrail audit;
    private final Clock clock;

    public AccountCommands(Transactions transactions, AccountService service, AccountRepository accounts,
                           LoginThrottleRepository throttle, AuditTrail audit, Clock clock) {
        this.transactions = transactions;
        this.service = service;
        this.accounts = accounts;
        this.throttle = throttle;
        this.audit = audit;
        this.clock = clock;
    }

    // --- reads, for the callers of the commands (the version is what they present back)

    public Optional<StoredAccount> find(String username) {
        return transactions.inTransaction(em -> accounts.findByUsername(em, username).map(AccountCommands::stored));
    }

    /** One page in username order; its key is the username of its last account. */
    public Page<StoredAccount> list(Filter filter, PageRequest page) {
        AccountRepository.Filter stored = new AccountRepository.Filter(filter.admin(), filter.enabled(),
                filter.containing());
        List<StoredAccount> fetched = transactions.inTransaction(em ->
                accounts.list(em, stored, page.afterKey(), page.limit() + 1).stream()
                        .map(AccountCommands::stored).toList());
        return Page.of(fetched, page, account -> account.account().username());
    }

    private static StoredAccount stored(AccountEntity entity) {
        return new StoredAccount(AccountService.toAccount(entity), entity.getVersion(), entity.getCreatedAt(),
                entity.getUpdatedAt());
    }

    // --- commands

    /**
     * Creates the account, with the password it gives or none (then the person cannot sign in with a password
     * until one is set).
     */
    public Outcome create(Actor actor, AccountDefinition definition) {
        return audited(actor, "account.created", definition.username(),
                em -> creating(em, definition));
    }

    private Outcome creating(EntityManager em, AccountDefinition definition) {
        refuse(AccountPolicy.check(definition));
        String username = AccountRepository.normalizeUsername(definition.username());
        if (!accounts.insertIfAbsent(em, AccountService.newSubject(), username, definition.displayName(),
                clock.instant())) {
            throw new CommandRefusal(new AlreadyExists(username));
        }
        service.upsert(em, definition, clock.instant());
        return new Done(username, 0, List.of());
    }

    /** Replaces the profile of the account, last read at {@code readVersion}. */
    public Outcome update(Actor actor, String username, Profile profile, long readVersion) {
        return audited(actor, "account.updated", username, em -> changing(em, username,
                Optional.of(readVersion), d -> new AccountDefinition(d.username(), Optional.empty(),
                        profile.displayName(), profile.email(), profile.emailVerified(), d.admin(), d.enabled(),
                        profile.claims())));
    }

    /**
     * Enables or disables the account. A disable takes back everything the person holds for good (see the class
     * comment); enabling it again revives none of it. The last enabled administrator cannot be disabled.
     */
    public Outcome setEnabled(Actor actor, String username, boolean enabled, long readVersion) {
        return audited(actor, enabled ? "account.enabled" : "account.disabled", username,
                em -> changing(em, username, Optional.of(readVersion),
                        d -> new AccountDefinition(d.username(), Optional.empty(), d.displayName(), d.email(),
                                d.emailVerified(), d.admin(), enabled, d.claims())));
    }

    /** Makes the account an administrator, or not; the last enabled administrator stays one. */
    public Outcome setAdmin(Actor actor, String username, boolean admin, long readVersion) {
        return audited(actor, admin ? "account.admin_granted" : "account.admin_revoked", username,
                em -> changing(em, username, Optional.of(readVersion),
                        d -> new AccountDefinition(d.username(), Optional.empty(), d.displayName(), d.email(),
                                d.emailVerified(), admin, d.enabled(), d.claims())));
    }

    /**
     * Sets the password (held to {@link AccountPolicy}; stored as an Argon2id hash). A password that differs from
     * the one stored ends the person's sign-ins, as their own password change does. It takes no version: it does
     * not depend on the other fields, and whatever was set last is the password.
     */
    public Outcome setPassword(Actor actor, String username, Secret password) {
        return audited(actor, "account.password_set", username, em -> changing(em, username,
                Optional.empty(), d -> new AccountDefinition(d.username(), Optional.of(password), d.displayName(),
                        d.email(), d.emailVerified(), d.admin(), d.enabled(), d.claims())));
    }

    /**
     * Issues a one-time password-reset code for the account, valid {@link PasswordResetCode#VALIDITY} and replacing
     * the one it had; the answer carries the code, which is stored only hashed and never audited.
     */
    public Outcome issueResetCode(Actor actor, String username) {
        return audited(actor, "account.password_reset_issued", username, em -> {
            AccountEntity account = find(em, username);
            Secret code = PasswordResetCode.generate();
            Instant now = clock.instant();
            Instant expiresAt = now.plus(PasswordResetCode.VALIDITY);
            resetCodes.replace(em, account.getId(), PasswordResetCode.hash(code), now, expiresAt);
            return new ResetCodeIssued(account.getUsername(), code, expiresAt);
        });
    }

    /**
     * A person's reset: with the right, unexpired, unused code of the account, sets {@code password} (held to
     * {@link AccountPolicy}, ending the person's sign-ins as {@link #setPassword} does) and uses the code up. The
     * code is consumed by one conditional delete, so of two resets at once with the same code exactly one is
     * {@link Done}. A password the policy refuses is {@link Invalid} whatever the username and code (so it says
     * nothing about them) and consumes nothing; a wrong username or code is {@link ResetRefused}. Braking guesses
     * is the caller's (the page counts failures in the sign-in throttle).
     */
    public Outcome resetPassword(Actor actor, String username, Secret code, Secret password) {
        return audited(actor, "account.password_reset", username, em -> {
            AccountPolicy.passwordProblem(password).ifPresent(problem ->
                    refuse(List.of(new Violation("password", problem))));
            Optional<AccountEntity> account = AccountPolicy.usernameProblem(username.trim()).isPresent()
                    ? Optional.empty() : accounts.findByUsername(em, username);
            if (account.isEmpty() || !resetCodes.consume(em, account.get().getId(), PasswordResetCode.hash(code),
                    clock.instant())) {
                throw new CommandRefusal(new ResetRefused(normalized(username)));
            }
            return changing(em, username, Optional.empty(), d -> new AccountDefinition(d.username(),
                    Optional.of(password), d.displayName(), d.email(), d.emailVerified(), d.admin(), d.enabled(),
                    d.claims()));
        });
    }

    /** Clears the sign-in throttle of the account's username, so the person may try again at once. */
    public Outcome unlock(Actor actor, String username) {
        return audited(actor, "account.unlocked", username, em -> {
            AccountEntity account = find(em, username);
            throttle.delete(em, ThrottleKeys.account(username));
            return new Done(account.getUsername(), account.getVersion(), List.of());
        });
    }

    /**
     * Deletes the account, from the version the caller read, and with it everything the person holds, in one
     * transaction: their browser sessions, sign-ins in progress, authorization codes, refresh tokens, consents,
     * personal access tokens and opaque access tokens, the service access tokens they made, their reset code (the
     * foreign keys cascade) and their sign-in throttle row. Their JWT access tokens stop working at once (a token's
     * person must exist). The audit trail keeps every event that names them. Nobody deletes their own account, and
     * the last enabled administrator is not deleted (such changes take turns, as for a disable).
     */
    public Outcome delete(Actor actor, String username, long readVersion) {
        return audited(actor, "account.deleted", username, em -> {
            AccountEntity account = find(em, username);
            if (actor.kind() == Actor.Kind.ACCOUNT && actor.id().equals(account.getSubject())) {
                throw new CommandRefusal(new Undeletable(account.getUsername(),
                        "nobody can delete their own account"));
            }
            if (account.isAdmin() && account.isEnabled()) {
                ClusterLock.hold(em, ClusterLock.ADMINISTRATORS);
                if (!accounts.anotherEnabledAdmin(em, account.getId())) {
                    throw new CommandRefusal(new Undeletable(account.getUsername(),
                            "it is the last enabled administrator"));
                }
            }
            long version = advance(em, username, readVersion);
            throttle.delete(em, ThrottleKeys.account(username));
            accounts.delete(em, account.getId());
            return new Done(account.getUsername(), version, List.of());
        });
    }

    /**
     * The import file's command: {@link #create} when no account has the username, otherwise the whole definition
     * applied from the version it reads now, with the same rules (a password it gives replaces the stored one only
     * when it does not verify against it, so applying the same file again changes nothing). It runs in the caller's
     * transaction (the import applies its whole document at once under the start-up lock); the caller must roll
     * that transaction back on a refusal. A change (not an update that changed nothing) records its event in that
     * transaction.
     */
    public Outcome createOrUpdate(Actor actor, EntityManager em, AccountDefinition definition) {
        Optional<Long> read = accounts.version(em, definition.username());
        try {
            Outcome outcome = read.isPresent() ? changing(em, definition.username(), read, d -> definition)
                    : creating(em, definition);
            String action = read.isPresent() ? "account.updated" : "account.created";
            // Applying the same file again changes nothing, and records nothing.
            if (read.isEmpty() || !((Done) outcome).changedFields().isEmpty()) {
                audit.record(em, event(actor, action, definition.username(), outcome));
            }
            return outcome;
        } catch (CommandRefusal refused) {
            return refused.outcome(Outcome.class);
        }
    }

    /**
     * The account {@code username} changed into {@code change} of its current definition (which has no password),
     * from {@code read} (or from whatever version it has, when empty).
     */
    private Outcome changing(EntityManager em, String username, Optional<Long> read,
                             UnaryOperator<AccountDefinition> change) {
        AccountEntity entity = find(em, username);
        Account before = AccountService.toAccount(entity);
        String hashBefore = entity.getPasswordHash();
        AccountDefinition after = change.apply(new AccountDefinition(before.username(), Optional.empty(),
                before.displayName(), before.email(), before.emailVerified(), before.admin(), before.enabled(),
                before.claims()));
        refuse(AccountPolicy.check(after));
        boolean wasEnabledAdmin = before.admin() && before.enabled();
        if (wasEnabledAdmin && !(after.admin() && after.enabled())) {
            ClusterLock.hold(em, ClusterLock.ADMINISTRATORS);
            refuse(AccountPolicy.checkLastAdministrator(true, after.admin(), after.enabled(),
                    accounts.anotherEnabledAdmin(em, before.id())));
        }
        long version = read.isPresent() ? advance(em, username, read.get()) : advance(em, username);
        Account now = service.upsert(em, after, clock.instant());
        List<String> changed = new ArrayList<>();
        addIf(changed, "name", !before.displayName().equals(now.displayName()));
        addIf(changed, "email", !before.email().equals(now.email()));
        addIf(changed, "email_verified", before.emailVerified() != now.emailVerified());
        changed.addAll(before.claims().fieldsChangedIn(now.claims()));
        addIf(changed, "admin", before.admin() != now.admin());
        addIf(changed, "enabled", before.enabled() != now.enabled());
        addIf(changed, "password", !Objects.equals(hashBefore, entity.getPasswordHash()));
        return new Done(now.username(), version, changed);
    }

    private static void addIf(List<String> fields, String field, boolean changed) {
        if (changed) {
            fields.add(field);
        }
    }

    private static void refuse(List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw new CommandRefusal(new Invalid(violations));
        }
    }

    /** Moves the account from {@code read} to the next version and returns it, or refuses: a stale read. */
    private long advance(EntityManager em, String username, long read) {
        if (!accounts.advanceVersion(em, username, read)) {
            throw new CommandRefusal(accounts.version(em, username)
                    .<Outcome>map(current -> new VersionConflict(normalized(username), read, current))
                    .orElseGet(() -> new NotFound(normalized(username))));
        }
        return read + 1;
    }

    /** Moves the account to its next version whatever it was, and returns that version. */
    private long advance(EntityManager em, String username) {
        if (!accounts.advanceVersion(em, username)) {
            throw new CommandRefusal(new NotFound(normalized(username)));
        }
        return accounts.version(em, username).orElseThrow();
    }

    private AccountEntity find(EntityManager em, String username) {
        return accounts.findByUsername(em, username).orElseThrow(() -> new CommandRefusal(new NotFound(normalized(username))));
    }

    private static String normalized(String username) {
        return AccountRepository.normalizeUsername(username);
    }

    /**
     * Runs the command {@code action} on {@code username} in one transaction with its audit event: a change and its
     * event commit together. A refusal rolls the transaction back and is answered as the value it carries; its event
     * (a failure, which changed nothing) is recorded on its own.
     */
    private Outcome audited(Actor actor, String action, String username, Function<EntityManager, Outcome> work) {
        return audit.audited(transactions, Outcome.class, work, outcome -> event(actor, action, username, outcome));
    }

    /** The audit event of what the command {@code action} on {@code username} answered. */
    private AuditEvent event(Actor actor, String action, String username, Outcome outcome) {
        String target = "account:" + normalized(username);
        AuditEvent event;
        if (outcome instanceof Done done) {
            event = AuditEvent.success(actor, action, target, done.changedFields(), "version " + done.version());
        } else if (outcome instanceof Invalid invalid) {
            event = AuditEvent.failure(actor, action, target, invalid.violations().stream()
                    .map(v -> v.field() + " " + v.message()).collect(Collectors.joining("; ")));
        } else if (outcome instanceof VersionConflict conflict) {
            event = AuditEvent.failure(actor, action, target,
                    "read version " + conflict.read() + ", current " + conflict.current());
        } else if (outcome instanceof ResetCodeIssued issued) {
            // Never the code itself.
            event = AuditEvent.success(actor, action, target, List.of(), "expires " + issued.expiresAt());
        } else if (outcome instanceof ResetRefused) {
            event = AuditEvent.failure(actor, action, target, "no such account, or a wrong, used or expired code");
        } else if (outcome instanceof NotFound) {
            event = AuditEvent.failure(actor, action, target, "no such account");
        } else if (outcome instanceof Undeletable undeletable) {
            event = AuditEvent.failure(actor, action, target, undeletable.reason());
        } else {
            event = AuditEvent.failure(actor, action, target, "the username is taken");
        }
        return event;
    }
}
