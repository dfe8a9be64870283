package io.latchkey.account;

import io.latchkey.store.LoginThrottleEntity;
import io.latchkey.store.LoginThrottleRepository;
import io.latchkey.store.Transactions;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * The brake on guessing machine credentials: failed client authentications and failed reference-token
 * look-ups, counted in the {@code login_throttle} table like failed sign-ins ({@link LoginThrottle}'s curve and
 * forgetting), so every node sees the same numbers. Keys: {@link ThrottleKeys}.
 *
 * <p>Client authentication (token, introspection and revocation endpoints): an address gets
 * {@value #FREE_ADDRESS_FAILURES} free failures (any client), then each further one blocks it for
 * 2^(failures-{@value #FREE_ADDRESS_FAILURES}) s, at most {@link LoginThrottle#MAX_BLOCK}. A client_id gets
 * {@value #FREE_CLIENT_FAILURES} free failures from all addresses together, then the same curve — but a blocked
 * client_id only stops the addresses that have themselves failed to authenticate as that client since their
 * last success as it. So guessing one application's secret from many addresses is braked too (each address
 * after its first failure), while the application itself, from an address where it has not failed since it
 * last succeeded, keeps working: nobody can lock a real client out by failing in its name. A blocked attempt is
 * refused before the secret is looked at (no answer tells a right guess from a wrong one) and counts nothing.
 *
 * <p>Reference-token look-ups (a well-formed {@code lk_pat_}/{@code lk_sat_}/{@code lk_at_} presented as a
 * bearer token that no stored token has): {@value #FREE_LOOKUP_FAILURES} free per address, then the same curve.
 * Only where the caller presents the token as its own credential (userinfo, token info); not where an
 * authenticated client asks about a token it was handed (introspection, revocation): braking that client's
 * address would let anyone who hands it made-up tokens lock it out, and its own guessing is already braked
 * by client authentication.
 *
 * <p>A success clears the address's counter when one exists and has never blocked (as sign-in does), and the
 * address's failures as this client; nothing is written on success otherwise. A client_id's counter is never
 * cleared by a success: the failures may be someone else's.
 */
public final class CredentialThrottle {
    public static final int FREE_ADDRESS_FAILURES = 20;
    public static final int FREE_CLIENT_FAILURES = 10;
    public static final int FREE_LOOKUP_FAILURES = 20;

    private final Transactions transactions;
    private final LoginThrottleRepository repository;
    private final Clock clock;

    public CredentialThrottle(Transactions transactions, LoginThrottleRepository repository, Clock clock) {
        this.transactions = transactions;
        this.repository = repository;
        this.clock = clock;
    }

    /**
     * What the counters say before a credential is checked: how long this attempt is blocked, if at all, and
     * whether the address has a counter (only then does a success write anything).
     */
    public record Check(Optional<Duration> blockedFor, boolean addressCounted) {
    }

    /** Before a client authenticates as {@code clientId} from {@code clientAddress}. */
    public Check beforeClientAuthentication(String clientId, String clientAddress) {
        Instant now = clock.instant();
        return transactions.inTransaction(em -> {
            Optional<LoginThrottleEntity> address = live(repository.find(em, ThrottleKeys.clientAddress(clientAddress)), now);
            Optional<LoginThrottleEntity> failedHere = live(repository.find(em,
                    ThrottleKeys.clientAtAddress(clientId, clientAddress)), now);
            Duration blocked = LoginThrottle.remaining(address, now);
            if (failedHere.isPresent()) {
                // The client-wide brake stops only the addresses that have failed as this client themselves.
                blocked = LoginThrottle.longer(blocked, LoginThrottle.remaining(live(repository.find(em, ThrottleKeys.client(clientId)), now), now));
            }
            return new Check(blocked.isZero() ? Optional.empty() : Optional.of(blocked),
                    address.isPresent() || failedHere.isPresent());
        });
    }

    /** Counts a failed client authentication of {@code clientId} (known or not) from {@code clientAddress}. */
    public void recordClientFailure(String clientId, String clientAddress) {
        Instant now = clock.instant();
        String client = ThrottleKeys.client(clientId);
        String failedHere = ThrottleKeys.clientAtAddress(clientId, clientAddress);
        String address = ThrottleKeys.clientAddress(clientAddress);
        retrying(em -> {
            // Always client, then client at address, then address: one lock order on every node.
            count(em, client, FREE_CLIENT_FAILURES, now);
            count(em, failedHere, Integer.MAX_VALUE, now);
            count(em, address, FREE_ADDRESS_FAILURES, now);
            return null;
        });
        housekeeping();
    }

    /** After {@code clientId} authenticated from an address whose {@link Check} said it had a counter. */
    public void recordClientSuccess(String clientId, String clientAddress) {
        String failedHere = ThrottleKeys.clientAtAddress(clientId, clientAddress);
        String address = ThrottleKeys.clientAddress(clientAddress);
        retrying(em -> {
            // The right secret from here: this address's failures as this client were its own.
            repository.delete(em, failedHere);
            clearUnlessBlocked(em, address);
            return null;
        });
    }

    /**
     * Before a reference token presented from {@code clientAddress} is looked up, in the look-up's own
     * transaction (so a use costs no extra round trip).
     */
    public Check beforeTokenLookup(EntityManager em, String clientAddress) {
        Instant now = clock.instant();
        Optional<LoginThrottleEntity> address = live(repository.find(em, ThrottleKeys.tokenAddress(clientAddress)), now);
        Duration blocked = LoginThrottle.remaining(address, now);
        return new Check(blocked.isZero() ? Optional.empty() : Optional.of(blocked), address.isPresent());
    }

    /** Counts a look-up of a reference token that does not exist. */
    public void recordLookupFailure(String clientAddress) {
        Instant now = clock.instant();
        String address = ThrottleKeys.tokenAddress(clientAddress);
        retrying(em -> {
            count(em, address, FREE_LOOKUP_FAILURES, now);
            return null;
        });
        housekeeping();
    }

    /** After a look-up found its token, from an address whose {@link Check} said it had a counter. */
    public void recordLookupSuccess(String clientAddress) {
        String key = ThrottleKeys.tokenAddress(clientAddress);
        retrying(em -> {
            clearUnlessBlocked(em, key);
            return null;
        });
    }

    private void clearUnlessBlocked(EntityManager em, String key) {
        if (repository.find(em, key).filter(row -> row.getBlockedUntil() == null).isPresent()) {
            repository.delete(em, key);
        }
    }

    private void count(EntityManager em, String key, int free, Instant now) {
        LoginThrottle.countFailure(repository, em, key, free, now);
    }

    private static Optional<LoginThrottleEntity> live(Optional<LoginThrottleEntity> row, Instant now) {
        return row.filter(r -> !LoginThrottle.forgotten(r, now));
    }

    private <T> T retrying(Function<EntityManager, T> work) {
        return LoginThrottle.retrying(transactions, work);
    }

    private void housekeeping() {
        if (ThreadLocalRandom.current().nextInt(256) == 0) {
            Instant before = clock.instant().minus(LoginThrottle.FORGET_AFTER);
            transactions.inTransaction(em -> repository.deleteUpdatedBefore(em, before));
        }
    }
}
