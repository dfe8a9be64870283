package io.latchkey.account;

import io.latchkey.security.RandomValues;
import io.latchkey.security.RedactedLog;
import io.latchkey.security.Secret;
import io.latchkey.store.AccountEntity;
import io.latchkey.store.AccountRepository;
import io.latchkey.store.HibernateThrottleStorage;
import io.latchkey.store.IssuedCredentialRepository;
import io.latchkey.store.Transactions;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.logging.Logger;

/**
 * People: password sign-in behind the {@link LoginThrottle}, lookups by id and subject, and the start-up
 * import and first admin. A wrong password, an unknown username and a disabled account all give the same
 * {@link SignInResult.Failed} after the same work (the same throttle reads and writes and one Argon2id
 * verification), so neither the answer nor its timing tells which usernames exist.
 *
 * <p>A password change or a disable ends what the person's sign-ins produced, in the same transaction: every
 * refresh token (all families, all applications), opaque access token, authorization code and browser session,
 * and through the account's {@code tokens_not_before} every JWT access token issued until then. A disable also
 * revokes their personal access tokens; a password change keeps them (they are credentials of their own, listed
 * and revoked on the person's token page). Enabling the account again brings none of it back.
 */
public final class AccountService {
    /** Username of the administrator created at first start when no admin account exists. */
    public static final String FIRST_ADMIN_USERNAME = "admin";
    private static final Logger LOG = RedactedLog.of(AccountService.class);

    private final Transactions transactions;
    private final AccountRepository accounts;
    private final IssuedCredentialRepository issued;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final Clock clock;

    public AccountService(Transactions transactions, AccountRepository accounts, IssuedCredentialRepository issued,
                          PasswordHasher hasher, LoginThrottle throttle, Clock clock) {
        this.transactions = transactions;
        this.accounts = accounts;
        this.issued = issued;
        this.hasher = hasher;
        this.throttle = throttle;
        this.clock = clock;
    }

    public SignInResult signIn(String username, Secret password, String clientAddress) {
        SignInResult result = check(username, password, clientAddress);
        if (result instanceof SignInResult.Success) {
            throttle.recordSuccess(Objects.requireNonNullElse(username, ""), clientAddress);
        }
        return result;
    }

    /** A sign-in as {@link #signIn(String, Secret, String)} answers it, with what {@code start} wrote for it. */
    public record SignedIn<T>(SignInResult result, Optional<T> started) {
    }

    /**
     * {@link #signIn(String, Secret, String)} for a sign-in that starts something (a browser session): after a
     * success, the throttle's release of the username and {@code start} (given the transaction and the signed-in
     * account) are written in one transaction, one commit for both, and what {@code start} answered comes back with
     * the result. When {@code start} throws, its transaction rolls back, the release is written on its own and the
     * exception propagates: a right password always clears the username's count, whatever its sign-in started.
     */
    public <T> SignedIn<T> signIn(String username, Secret password, String clientAddress,
                                  BiFunction<EntityManager, Account, T> start) {
        SignInResult result = check(username, password, clientAddress);
        if (!(result instanceof SignInResult.Success success)) {
            return new SignedIn<>(result, Optional.empty());
        }
        String name = Objects.requireNonNullElse(username, "");
        T started;
        try {
            started = transactions.inTransaction(em -> {
                throttle.recordSuccess(HibernateThrottleStorage.countersIn(em), name, clientAddress);
                return start.apply(em, success.account());
            });
        } catch (RuntimeException e) {
            throttle.recordSuccess(name, clientAddress);
            throw e;
        }
        return new SignedIn<>(result, Optional.of(started));
    }

    /** The throttle's admission, the password check and, after a failure, its count; a success is not yet written. */
    private SignInResult check(String username, Secret password, String clientAddress) {
        String name = Objects.requireNonNullElse(username, "");
        Secret given = Objects.requireNonNullElse(password, Secret.of(""));
        Objects.requireNonNull(clientAddress, "clientAddress");
        // Counts the attempt against the username before the hash, so parallel guesses cannot outrun the
        // count (recordSuccess clears it), and reads the account in the same transaction.
        LoginThrottle.Admission admission = throttle.admit(name, clientAddress);
        if (admission instanceof LoginThrottle.Blocked blocked) {
            return new SignInResult.Throttled(blocked.blockedFor());
        }
        Optional<SignInCandidate> candidate = ((LoginThrottle.Admitted) admission).candidate();
        boolean matches = false;
        boolean needsRehash = false;
        if (candidate.isEmpty() || candidate.get().passwordHash().isEmpty()) {
            hasher.verifyNothing(given);
        } else {
            PasswordHasher.Verification verification = hasher.verify(given, candidate.get().passwordHash().get());
            matches = verification.matches();
            needsRehash = verification.needsRehash();
        }
        if (!matches || !candidate.get().account().enabled()) {
            throttle.recordAddressFailure(clientAddress);
            return new SignInResult.Failed();
        }
        if (needsRehash) {
            upgradeHash(candidate.get(), given);
        }
        return new SignInResult.Success(candidate.get().account());
    }

    /** The sign-in throttle, which also brakes guessed password-reset codes. */
    public LoginThrottle throttle() {
        return throttle;
    }

    public Optional<Account> findById(long id) {
        return transactions.inTransaction(em -> findById(em, id));
    }

    /** The account, read in the caller's transaction. */
    public Optional<Account> findById(EntityManager em, long id) {
        return accounts.findById(em, id).map(AccountService::toAccount);
    }

    public Optional<Account> findBySubject(String subject) {
        return transactions.inTransaction(em -> accounts.findBySubject(em, subject).map(AccountService::toAccount));
    }

    /**
     * Creates or updates the account with this username, without checking it: the checked way in, for the import
     * file and every other caller, is {@link AccountCommands}, which applies its changes through here; this remains
     * for tests that set up accounts directly. A given password replaces the stored hash only when it does not
     * already verify against it, so re-applying the same definition changes nothing. A changed password or a
     * disable takes back what the person holds (see the class comment).
     */
    public Account upsert(EntityManager em, AccountDefinition definition, Instant now) {
        String username = AccountRepository.normalizeUsername(definition.username());
        Optional<AccountEntity> existing = accounts.findByUsername(em, username);
        AccountEntity account = existing.orElseGet(() -> new AccountEntity(newSubject(), username,
                definition.displayName(), null, false, false, true, null, now, now));
        boolean wasEnabled = existing.isPresent() && account.isEnabled();
        boolean profileChanged = !Objects.equals(account.getDisplayName(), definition.displayName())
                || !Objects.equals(account.getEmail(), definition.email().orElse(null))
                || account.isEmailVerified() != definition.emailVerified()
                || !account.getClaims().equals(definition.claims());
        if (profileChanged || account.getProfileUpdatedAt() == null) {
            account.setProfileUpdatedAt(now);
        }
        account.setDisplayName(definition.displayName());
        account.setClaims(definition.claims());
        account.setEmail(definition.email().orElse(null));
        account.setEmailVerified(definition.emailVerified());
        account.setAdmin(definition.admin());
        account.setEnabled(definition.enabled());
        account.setUpdatedAt(now);
        boolean passwordChanged = definition.password().map(password -> setPassword(account, password)).orElse(false);
        if (existing.isEmpty()) {
            accounts.add(em, account);
        } else if (!definition.enabled() && (wasEnabled || account.getTokensNotBefore() == null)) {
            // Also when it was disabled before this rule existed, so that enabling it later revives nothing.
            takeBackSignIns(em, account, now, "disabled");
            int personal = issued.revokePersonalTokensOfAccount(em, account.getId(), now);
            LOG.info(() -> "account " + account.getId() + " is disabled: revoked " + personal
                    + " personal access tokens");
        } else if (passwordChanged) {
            takeBackSignIns(em, account, now, "changed password");
        }
        return toAccount(account);
    }

    /**
     * When no admin account exists, creates {@value #FIRST_ADMIN_USERNAME} with {@code adminPassword}, or with a
     * generated password that is returned (the only time it exists in clear) so it can be shown once.
     */
    public Optional<Secret> ensureFirstAdmin(EntityManager em, Optional<Secret> adminPassword, Instant now) {
        if (accounts.anyAdmin(em)) {
            return Optional.empty();
        }
        if (accounts.findByUsername(em, FIRST_ADMIN_USERNAME).isPresent()) {
            throw new IllegalStateException("no account is an administrator and the username '" + FIRST_ADMIN_USERNAME
                    + "' belongs to an account that is not one; give an account \"admin\": true in LATCHKEY_IMPORT");
        }
        Secret password = adminPassword.orElseGet(() -> Secret.of(RandomValues.base64Url(128)));
        accounts.add(em, new AccountEntity(newSubject(), FIRST_ADMIN_USERNAME, "Administrator", null, false, true,
                true, hasher.hash(password), now, now));
        if (adminPassword.isPresent()) {
            LOG.info(() -> "created the first admin account '" + FIRST_ADMIN_USERNAME
                    + "' with the password from LATCHKEY_ADMIN_PASSWORD");
            return Optional.empty();
        }
        return Optional.of(password);
    }

    /**
     * Stores {@code password} unless the stored hash already verifies it (and needs no upgrade); true when it
     * replaced a different password, which is a password change.
     */
    private boolean setPassword(AccountEntity account, Secret password) {
        String stored = account.getPasswordHash();
        PasswordHasher.Verification verification = stored == null ? null : hasher.verify(password, stored);
        if (verification == null || !verification.matches() || verification.needsRehash()) {
            account.setPasswordHash(hasher.hash(password));
        }
        return verification != null && !verification.matches();
    }

    /** Ends every sign-in of the account and what it produced; personal access tokens are not touched. */
    private void takeBackSignIns(EntityManager em, AccountEntity account, Instant now, String why) {
        // The next whole second: a JWT's iat is cut to the second, so every token issued up to now is earlier.
        Instant notBefore = now.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        account.setTokensNotBefore(notBefore);
        IssuedCredentialRepository.Revoked revoked = issued.revokeSignInsOfAccount(em, account.getId(), now);
        LOG.info(() -> "account " + account.getId() + " " + why + ": its access tokens issued before " + notBefore
                + " are inactive; revoked " + revoked);
    }

    private void upgradeHash(SignInCandidate candidate, Secret password) {
        String upgraded = hasher.hash(password);
        boolean replaced = transactions.inTransaction(em -> accounts.replacePasswordHash(em,
                candidate.account().id(), candidate.passwordHash().orElseThrow(), upgraded, clock.instant()));
        if (replaced) {
            LOG.info(() -> "upgraded the password hash of account " + candidate.account().id() + " to "
                    + hasher.parameters());
        }
    }

    static String newSubject() {
        return RandomValues.base64Url(128);
    }

    /** The account as the protocol sees it (also read by the grant storage). */
    public static Account toAccount(AccountEntity e) {
        return new Account(e.getId(), e.getSubject(), e.getUsername(),
                e.getDisplayName() != null ? e.getDisplayName() : e.getUsername(),
                Optional.ofNullable(e.getEmail()), e.isEmailVerified(), e.isAdmin(), e.isEnabled(), e.getClaims(),
                Optional.ofNullable(e.getProfileUpdatedAt()));
    }
}
