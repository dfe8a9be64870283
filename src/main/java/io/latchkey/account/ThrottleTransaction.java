package io.latchkey.account;

import java.util.Optional;

/**
 * One unit of work over the {@link ThrottleStorage}: the counters, and the account a sign-in checks a password
 * against (read in the transaction that counts the attempt, so a sign-in costs one round trip before its hash).
 * Nothing is durable before {@link #commit()}; closing without it undoes the work.
 */
public interface ThrottleTransaction extends ThrottleCounters, AutoCloseable {

    /** The account with this username (normalized as accounts store it) and its password hash, if it has one. */
    Optional<SignInCandidate> findSignInCandidate(String username);

    void commit();

    @Override
    void close();
}
