package io.latchkey.account;

import io.latchkey.security.RedactedLog;
import io.latchkey.store.LoginThrottleEntity;
import io.latchkey.store.LoginThrottleRepository;
import io.latchkey.store.Transactions;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Exponential back-off after failed sign-ins, per username and per client address, counted in the database so
 * every node sees the same numbers. A username is throttled the same whether or not an account has it, so the
 * throttle tells nobody which usernames exist.
 *
 * <p>Policy: the first {@value #FREE_ACCOUNT_FAILURES} consecutive failures for a username are free; each
 * further one blocks it for 2^(failures-5) s, at most {@link #MAX_BLOCK}. A client address gets
 * {@value #FREE_ADDRESS_FAILURES} free failures, then the same curve (keys: {@link ThrottleKeys}). A counter
 * untouched for {@link #FORGET_AFTER} starts again from zero.
 */
public final class LoginThrottle {
    public static final int FREE_ACCOUNT_FAILURES = 5;
    public static final int FREE_ADDRESS_FAILURES = 20;
    public static final Duration MAX_BLOCK = Duration.ofMinutes(15);
    public static final Duration FORGET_AFTER = Duration.ofHours(24);
    private static final int ATTEMPTS = 3;
    private static final Logger LOG = RedactedLog.of(LoginThrottle.class);

    private final Transactions transactions;
    private final LoginThrottleRepository repository;
    private final Clock clock;

    public LoginThrottle(Transactions transactions, LoginThrottleRepository repository, Clock clock) {
        this.transactions = transactions;
        this.repository = repository;
        this.clock = clock;
    }

    /** How long sign-in stays blocked for this username or this address (the longer of both), if at all. */
    public Optional<Duration> blockedFor(String username, String clientAddress) {
        Instant now = clock.instant();
        return transactions.inTransaction(em -> {
            Duration longer = longer(remaining(repository.find(em, ThrottleKeys.account(username)), now),
                    remaining(repository.find(em, ThrottleKeys.address(clientAddress)), now));
            return longer.isZero() ? Optional.empty() : Optional.of(longer);
        });
    }

    /** What {@link #admit} decided, and what its {@code read} found when the attempt was admitted. */
    public record Admission<T>(Optional<Duration> blockedFor, Optional<T> read) {
    }

    /**
     * The check and the username count in one step, for a sign-in about to verify a password: when the
     * username or the address is blocked, how long (and nothing is counted); otherwise the attempt already
     * counts as a failure of the username, before the slow hash, and {@link #recordSuccess} clears it. Check
     * and count happen under the username row's lock, so parallel guesses at one account get no more tries
     * than the same guesses one after another. After a failed attempt, call {@link #recordAddressFailure}.
     * An admitted attempt also runs {@code read} in the same transaction (the account the password is for).
     */
    public <T> Admission<T> admit(String username, String clientAddress,
                                  Function<EntityManager, Optional<T>> read) {
        Instant now = clock.instant();
        String accountKey = ThrottleKeys.account(username);
        Admission<T> admission = retrying(em -> {
            // Always the account row before the address row: one lock order on every node.
            Optional<LoginThrottleEntity> account = repository.findForUpdate(em, accountKey);
            Duration address = remaining(repository.find(em, ThrottleKeys.address(clientAddress)), now);
            if (account.isEmpty() && address.isZero()) {
                // No row: this attempt inserts it, already counted; unless another one inserted it meanwhile, whose
                // row is then locked here and checked like any other.
                account = lockedOrInsertedCounting(repository, em, accountKey, account, FREE_ACCOUNT_FAILURES, now);
                if (account.isEmpty()) {
                    return new Admission<>(Optional.empty(), read.apply(em));
                }
            }
            Duration longer = longer(remaining(account, now), address);
            if (!longer.isZero()) {
                return new Admission<>(Optional.of(longer), Optional.empty());
            }
            count(account.orElseThrow(), FREE_ACCOUNT_FAILURES, now);
            return new Admission<>(Optional.empty(), read.apply(em));
        });
        housekeeping();
        return admission;
    }

    /** Counts a failed attempt of this address (the username was counted by {@link #admit}). */
    public void recordAddressFailure(String clientAddress) {
        Instant now = clock.instant();
        String key = ThrottleKeys.address(clientAddress);
        retrying(em -> {
            countFailure(em, key, FREE_ADDRESS_FAILURES, now);
            return null;
        });
    }

    /** Counts one failed sign-in for the username and the address. */
    public void recordFailure(String username, String clientAddress) {
        Instant now = clock.instant();
        retrying(em -> {
            countFailure(em, ThrottleKeys.account(username), FREE_ACCOUNT_FAILURES, now);
            countFailure(em, ThrottleKeys.address(clientAddress), FREE_ADDRESS_FAILURES, now);
            return null;
        });
        housekeeping();
    }

    /** Clears the username's counter; the address counter goes too unless it has already blocked once. */
    public void recordSuccess(String username, String clientAddress) {
        retrying(em -> {
            repository.delete(em, ThrottleKeys.account(username));
            String address = ThrottleKeys.address(clientAddress);
            if (repository.find(em, address).filter(row -> row.getBlockedUntil() == null).isPresent()) {
                repository.delete(em, address);
            }
            return null;
        });
    }

    /** Deletes counters nobody touched for {@link #FORGET_AFTER} (they count as zero anyway). */
    public int forgetStale() {
        Instant before = clock.instant().minus(FORGET_AFTER);
        return transactions.inTransaction(em -> repository.deleteUpdatedBefore(em, before));
    }

    /** The block after the {@code failures}-th consecutive failure when the first {@code free} cost nothing. */
    static Optional<Duration> blockAfter(int failures, int free) {
        int over = failures - free;
        if (over <= 0) {
            return Optional.empty();
        }
        if (over >= 30) {
            return Optional.of(MAX_BLOCK);
        }
        Duration block = Duration.ofSeconds(1L << over);
        return Optional.of(block.compareTo(MAX_BLOCK) > 0 ? MAX_BLOCK : block);
    }

    /** Counts one failure on a row this transaction holds locked (written at commit). */
    private static void count(LoginThrottleEntity row, int free, Instant now) {
        int failures = forgotten(row, now) ? 1 : row.getFailures() + 1;
        row.setFailures(failures);
        row.setBlockedUntil(blockAfter(failures, free).map(now::plus).orElse(null));
        row.setUpdatedAt(now);
    }

    /** Counts one failure of {@code key}: on its row, locked, or on a new row. */
    private void countFailure(EntityManager em, String key, int free, Instant now) {
        countFailure(repository, em, key, free, now);
    }

    /** {@link #countFailure(EntityManager, String, int, Instant)} for the other brakes kept in the same table. */
    static void countFailure(LoginThrottleRepository repository, EntityManager em, String key, int free, Instant now) {
        lockedOrInsertedCounting(repository, em, key, repository.findForUpdate(em, key), free, now)
                .ifPresent(row -> count(row, free, now));
    }

    /**
     * The key's row locked for this transaction, {@code found} already or read now; or, when there is none, empty
     * after inserting it with this failure counted. Concurrent first failures of one key (several requests, several
     * nodes) insert it once, the others then queue on its lock, so each one counts and none meets a unique
     * violation; a new key costs no more statements than an existing one.
     */
    private static Optional<LoginThrottleEntity> lockedOrInsertedCounting(LoginThrottleRepository repository,
                                                                          EntityManager em, String key,
                                                                   Optional<LoginThrottleEntity> found, int free,
                                                                   Instant now) {
        Optional<LoginThrottleEntity> locked = found;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            if (locked.isPresent()) {
                return locked;
            }
            if (repository.insertIfAbsent(em, key, 1, blockAfter(1, free).map(now::plus).orElse(null), now)) {
                return Optional.empty();
            }
            locked = repository.findForUpdate(em, key);
        }
        return Optional.of(locked.orElseThrow(
                () -> new IllegalStateException("the login throttle row " + key + " keeps disappearing")));
    }

    static Duration longer(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** How long a row still blocks (zero when it does not, or is forgotten). */
    static Duration remaining(Optional<LoginThrottleEntity> row, Instant now) {
        return row.filter(r -> !forgotten(r, now) && r.getBlockedUntil() != null && r.getBlockedUntil().isAfter(now))
                .map(r -> Duration.between(now, r.getBlockedUntil()))
                .orElse(Duration.ZERO);
    }

    static boolean forgotten(LoginThrottleEntity row, Instant now) {
        return !row.getUpdatedAt().plus(FORGET_AFTER).isAfter(now);
    }

    private <T> T retrying(Function<EntityManager, T> work) {
        return retrying(transactions, work);
    }

    /** A unit of work that failed on the database (say, a lock wait that timed out) is tried again, twice. */
    static <T> T retrying(Transactions transactions, Function<EntityManager, T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.inTransaction(work);
            } catch (PersistenceException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                LOG.fine(() -> "throttle update conflicted, retrying: " + e.getClass().getSimpleName());
            }
        }
    }

    private void housekeeping() {
        if (ThreadLocalRandom.current().nextInt(256) == 0) {
            forgetStale();
        }
    }
}
