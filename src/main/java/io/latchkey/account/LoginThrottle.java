package io.latchkey.account;

import io.latchkey.security.RedactedLog;
import jakarta.persistence.PersistenceException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
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
 * untouched for {@link #FORGET_AFTER} starts again from zero. The counters are kept by a {@link ThrottleStorage};
 * the purge job ({@code job.ExpiredRowsPurge}, every five minutes on one node) deletes the forgotten ones, so a
 * sign-in never spends its request on housekeeping.
 */
public final class LoginThrottle {
    public static final int FREE_ACCOUNT_FAILURES = 5;
    public static final int FREE_ADDRESS_FAILURES = 20;
    public static final Duration MAX_BLOCK = Duration.ofMinutes(15);
    public static final Duration FORGET_AFTER = Duration.ofHours(24);
    private static final int ATTEMPTS = 3;
    private static final Logger LOG = RedactedLog.of(LoginThrottle.class);

    private final ThrottleStorage storage;
    private final Clock clock;

    public LoginThrottle(ThrottleStorage storage, Clock clock) {
        this.storage = storage;
        this.clock = clock;
    }

    /** How long sign-in stays blocked for this username or this address (the longer of both), if at all. */
    public Optional<Duration> blockedFor(String username, String clientAddress) {
        Instant now = clock.instant();
        try (ThrottleTransaction tx = storage.begin()) {
            Duration longer = longer(remaining(tx.find(ThrottleKeys.account(username)), now),
                    remaining(tx.find(ThrottleKeys.address(clientAddress)), now));
            return longer.isZero() ? Optional.empty() : Optional.of(longer);
        }
    }

    /** What {@link #admit} decided. */
    public sealed interface Admission permits Blocked, Admitted {
    }

    /** The username or the address is blocked for this long; nothing was counted. */
    public record Blocked(Duration blockedFor) implements Admission {
    }

    /** The attempt counts as a failure of the username until {@link #recordSuccess}; the account it names, if any. */
    public record Admitted(Optional<SignInCandidate> candidate) implements Admission {
    }

    /**
     * The check and the username count in one step, for a sign-in about to verify a password: when the
     * username or the address is blocked, how long (and nothing is counted); otherwise the attempt already
     * counts as a failure of the username, before the slow hash, and {@link #recordSuccess} clears it. Check
     * and count happen under the username row's lock, so parallel guesses at one account get no more tries
     * than the same guesses one after another. After a failed attempt, call {@link #recordAddressFailure}.
     * An admitted attempt also reads, in the same transaction, the account the password is to be checked against.
     */
    public Admission admit(String username, String clientAddress) {
        Instant now = clock.instant();
        String accountKey = ThrottleKeys.account(username);
        Admission admission = retrying(storage, tx -> {
            // Always the account row before the address row: one lock order on every node.
            Optional<ThrottleCounter> account = tx.lock(accountKey);
            Duration address = remaining(tx.find(ThrottleKeys.address(clientAddress)), now);
            if (account.isEmpty() && address.isZero()) {
                // No row: this attempt inserts it, already counted; unless another one inserted it meanwhile, whose
                // row is then locked here and checked like any other.
                account = lockedOrInsertedCounting(tx, accountKey, account, FREE_ACCOUNT_FAILURES, now);
                if (account.isEmpty()) {
                    return new Admitted(tx.findSignInCandidate(username));
                }
            }
            Duration longer = longer(remaining(account, now), address);
            if (!longer.isZero()) {
                return new Blocked(longer);
            }
            tx.update(counted(account.orElseThrow(), FREE_ACCOUNT_FAILURES, now));
            return new Admitted(tx.findSignInCandidate(username));
        });
        return admission;
    }

    /** Counts a failed attempt of this address (the username was counted by {@link #admit}). */
    public void recordAddressFailure(String clientAddress) {
        Instant now = clock.instant();
        String key = ThrottleKeys.address(clientAddress);
        retrying(storage, tx -> {
            countFailure(tx, key, FREE_ADDRESS_FAILURES, now);
            return null;
        });
    }

    /** Counts one failed sign-in for the username and the address. */
    public void recordFailure(String username, String clientAddress) {
        Instant now = clock.instant();
        retrying(storage, tx -> {
            countFailure(tx, ThrottleKeys.account(username), FREE_ACCOUNT_FAILURES, now);
            countFailure(tx, ThrottleKeys.address(clientAddress), FREE_ADDRESS_FAILURES, now);
            return null;
        });
    }

    /** Clears the username's counter; the address counter goes too unless it has already blocked once. */
    public void recordSuccess(String username, String clientAddress) {
        retrying(storage, tx -> {
            recordSuccess(tx, username, clientAddress);
            return null;
        });
    }

    /**
     * {@link #recordSuccess(String, String)} on the counters of a transaction the caller owns (it counts once that
     * commits): a sign-in writes it with the session it starts, one commit for both.
     */
    public void recordSuccess(ThrottleCounters counters, String username, String clientAddress) {
        counters.delete(ThrottleKeys.account(username));
        clearUnlessBlocked(counters, ThrottleKeys.address(clientAddress));
    }

    /**
     * Deletes counters nobody touched for {@link #FORGET_AFTER} (they count as zero anyway): what the purge job does
     * for the whole table.
     */
    public int forgetStale() {
        return forgetStale(storage, clock.instant());
    }

    static int forgetStale(ThrottleStorage storage, Instant now) {
        try (ThrottleTransaction tx = storage.begin()) {
            int forgotten = tx.deleteUpdatedBefore(now.minus(FORGET_AFTER));
            tx.commit();
            return forgotten;
        }
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

    /** The counter with one more failure counted now (a forgotten one starts again from one). */
    private static ThrottleCounter counted(ThrottleCounter counter, int free, Instant now) {
        int failures = forgotten(counter, now) ? 1 : counter.failures() + 1;
        return new ThrottleCounter(counter.key(), failures, blockAfter(failures, free).map(now::plus), now);
    }

    /** Counts one failure of {@code key}: on its counter, locked, or on a new one. */
    static void countFailure(ThrottleCounters counters, String key, int free, Instant now) {
        lockedOrInsertedCounting(counters, key, counters.lock(key), free, now)
                .ifPresent(counter -> counters.update(counted(counter, free, now)));
    }

    /** Deletes the counter unless it has blocked once (a success does not wipe out an address's record). */
    static void clearUnlessBlocked(ThrottleCounters counters, String key) {
        if (counters.find(key).filter(counter -> counter.blockedUntil().isEmpty()).isPresent()) {
            counters.delete(key);
        }
    }

    /**
     * The key's counter locked for this transaction, {@code found} already or read now; or, when there is none,
     * empty after inserting it with this failure counted. Concurrent first failures of one key (several requests,
     * several nodes) insert it once, the others then queue on its lock, so each one counts and none meets a unique
     * violation; a new key costs no more statements than an existing one.
     */
    private static Optional<ThrottleCounter> lockedOrInsertedCounting(ThrottleCounters counters, String key,
                                                                      Optional<ThrottleCounter> found, int free,
                                                                      Instant now) {
        Optional<ThrottleCounter> locked = found;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            if (locked.isPresent()) {
                return locked;
            }
            if (counters.insertIfAbsent(new ThrottleCounter(key, 1, blockAfter(1, free).map(now::plus), now))) {
                return Optional.empty();
            }
            locked = counters.lock(key);
        }
        return Optional.of(locked.orElseThrow(
                () -> new IllegalStateException("the login throttle row " + key + " keeps disappearing")));
    }

    static Duration longer(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** How long a counter still blocks (zero when it does not, or is forgotten). */
    static Duration remaining(Optional<ThrottleCounter> counter, Instant now) {
        return counter.filter(c -> !forgotten(c, now))
                .flatMap(ThrottleCounter::blockedUntil)
                .filter(until -> until.isAfter(now))
                .map(until -> Duration.between(now, until))
                .orElse(Duration.ZERO);
    }

    static boolean forgotten(ThrottleCounter counter, Instant now) {
        return !counter.updatedAt().plus(FORGET_AFTER).isAfter(now);
    }

    /**
     * One unit of work on the counters, committed when {@code work} returns; a unit that failed on the database
     * (say, a lock wait that timed out) is undone and tried again, twice. Every brake decision is a value
     * {@code work} returns, never an exception.
     */
    static <T> T retrying(ThrottleStorage storage, Function<ThrottleTransaction, T> work) {
        for (int attempt = 1; ; attempt++) {
            try (ThrottleTransaction tx = storage.begin()) {
                T result = work.apply(tx);
                tx.commit();
                return result;
            } catch (PersistenceException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                LOG.fine(() -> "throttle update conflicted, retrying: " + e.getClass().getSimpleName());
            }
        }
    }
}
