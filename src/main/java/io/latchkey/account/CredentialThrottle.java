package io.latchkey.account;

import io.latchkey.store.HibernateThrottleStorage;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

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
 *
 * <p>On a database only this node writes ({@link #soleWriter}), client authentication remembers the counters it
 * found absent until this throttle next counts a failure ({@link AbsentCounters}): a client that has not failed then
 * costs no read, and the answers are the same as reading (no other writer can have added a counter meanwhile).
 * Where nodes share the database, every client authentication reads its three counters.
 */
public final class CredentialThrottle {
    public static final int FREE_ADDRESS_FAILURES = 20;
    public static final int FREE_CLIENT_FAILURES = 10;
    public static final int FREE_LOOKUP_FAILURES = 20;

    private static final Check NOTHING_COUNTED = new Check(Optional.empty(), false);

    private final ThrottleStorage storage;
    private final Clock clock;
    /** Null where other nodes may write the counters: then every client authentication reads them. */
    private final AbsentCounters absent;

    /** Reading the counters before every client authentication: for a database other nodes share. */
    public CredentialThrottle(ThrottleStorage storage, Clock clock) {
        this(storage, clock, null);
    }

    private CredentialThrottle(ThrottleStorage storage, Clock clock, AbsentCounters absent) {
        this.storage = storage;
        this.clock = clock;
        this.absent = absent;
    }

    /**
     * For a database only this node writes (an embedded one): client authentication remembers which of its counters
     * it found absent and reads them again only after one of its own failures has been counted ({@link
     * AbsentCounters}), so a client that has not failed costs no read at all. Only this instance may count client
     * authentications in {@code storage} (the client keys of {@link ThrottleKeys} have no other writer).
     */
    public static CredentialThrottle soleWriter(ThrottleStorage storage, Clock clock) {
        return new CredentialThrottle(storage, clock, new AbsentCounters());
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
        String addressKey = ThrottleKeys.clientAddress(clientAddress);
        String failedHereKey = ThrottleKeys.clientAtAddress(clientId, clientAddress);
        String clientKey = ThrottleKeys.client(clientId);
        List<String> keys = List.of(addressKey, failedHereKey, clientKey);
        if (absent != null && absent.allAbsent(keys)) {
            return NOTHING_COUNTED;
        }
        long readAt = absent == null ? 0 : absent.generation();
        // All three in one read outside a transaction (the committed counters): this runs before every client
        // authentication that the memory of absent counters does not answer.
        Map<String, ThrottleCounter> counters = storage.read(keys);
        if (absent != null) {
            for (String key : keys) {
                if (!counters.containsKey(key)) {
                    absent.rememberAbsent(key, readAt);
                }
            }
        }
        Optional<ThrottleCounter> address = live(Optional.ofNullable(counters.get(addressKey)), now);
        Optional<ThrottleCounter> failedHere = live(Optional.ofNullable(counters.get(failedHereKey)), now);
        Duration blocked = LoginThrottle.remaining(address, now);
        if (failedHere.isPresent()) {
            // The client-wide brake stops only the addresses that have failed as this client themselves.
            blocked = LoginThrottle.longer(blocked,
                    LoginThrottle.remaining(live(Optional.ofNullable(counters.get(clientKey)), now), now));
        }
        return new Check(blocked.isZero() ? Optional.empty() : Optional.of(blocked),
                address.isPresent() || failedHere.isPresent());
    }

    /** Counts a failed client authentication of {@code clientId} (known or not) from {@code clientAddress}. */
    public void recordClientFailure(String clientId, String clientAddress) {
        Instant now = clock.instant();
        String client = ThrottleKeys.client(clientId);
        String failedHere = ThrottleKeys.clientAtAddress(clientId, clientAddress);
        String address = ThrottleKeys.clientAddress(clientAddress);
        try {
            LoginThrottle.retrying(storage, tx -> {
                // Always client, then client at address, then address: one lock order on every node.
                LoginThrottle.countFailure(tx, client, FREE_CLIENT_FAILURES, now);
                LoginThrottle.countFailure(tx, failedHere, Integer.MAX_VALUE, now);
                LoginThrottle.countFailure(tx, address, FREE_ADDRESS_FAILURES, now);
                return null;
            });
        } finally {
            // Committed (or perhaps committed): no absence read before now may answer any more.
            if (absent != null) {
                absent.changed();
            }
        }
        housekeeping();
    }

    /** After {@code clientId} authenticated from an address whose {@link Check} said it had a counter. */
    public void recordClientSuccess(String clientId, String clientAddress) {
        String failedHere = ThrottleKeys.clientAtAddress(clientId, clientAddress);
        String address = ThrottleKeys.clientAddress(clientAddress);
        LoginThrottle.retrying(storage, tx -> {
            // The right secret from here: this address's failures as this client were its own.
            tx.delete(failedHere);
            LoginThrottle.clearUnlessBlocked(tx, address);
            return null;
        });
    }

    /**
     * Before a reference token presented from {@code clientAddress} is looked up, on the counters of the look-up's
     * own transaction (so a use costs no extra round trip).
     */
    public Check beforeTokenLookup(ThrottleCounters counters, String clientAddress) {
        Instant now = clock.instant();
        Optional<ThrottleCounter> address = live(counters.find(ThrottleKeys.tokenAddress(clientAddress)), now);
        Duration blocked = LoginThrottle.remaining(address, now);
        return new Check(blocked.isZero() ? Optional.empty() : Optional.of(blocked), address.isPresent());
    }

    /**
     * {@link #beforeTokenLookup(ThrottleCounters, String)} in the database transaction of a look-up that is not
     * behind a storage interface yet ({@code token.ReferenceTokens}).
     */
    public Check beforeTokenLookup(EntityManager em, String clientAddress) {
        return beforeTokenLookup(HibernateThrottleStorage.countersIn(em), clientAddress);
    }

    /** Counts a look-up of a reference token that does not exist. */
    public void recordLookupFailure(String clientAddress) {
        Instant now = clock.instant();
        String address = ThrottleKeys.tokenAddress(clientAddress);
        LoginThrottle.retrying(storage, tx -> {
            LoginThrottle.countFailure(tx, address, FREE_LOOKUP_FAILURES, now);
            return null;
        });
        housekeeping();
    }

    /** After a look-up found its token, from an address whose {@link Check} said it had a counter. */
    public void recordLookupSuccess(String clientAddress) {
        String key = ThrottleKeys.tokenAddress(clientAddress);
        LoginThrottle.retrying(storage, tx -> {
            LoginThrottle.clearUnlessBlocked(tx, key);
            return null;
        });
    }

    private static Optional<ThrottleCounter> live(Optional<ThrottleCounter> counter, Instant now) {
        return counter.filter(c -> !LoginThrottle.forgotten(c, now));
    }

    private void housekeeping() {
        if (ThreadLocalRandom.current().nextInt(256) == 0) {
            LoginThrottle.forgetStale(storage, clock.instant());
        }
    }
}
