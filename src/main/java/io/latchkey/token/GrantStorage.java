package io.latchkey.token;

import jakarta.persistence.EntityManager;

/**
 * Where the sign-in grants keep what they produce: authorization codes, refresh token families, the record of
 * the JWT access tokens issued from each grant and the deny list they go on when the grant is taken back.
 * Modelled on ory/fosite's {@code storage} interfaces and node-oidc-provider's adapter: every operation is named
 * for what the protocol does ({@link GrantTransaction#consumeCode}, {@link GrantTransaction#revokeFamily}, ...),
 * keyed by the hash of a token, never the token; the rules (who may redeem, when a token is expired, what a
 * replay takes back) live in {@link AuthorizationCodes} and {@link RefreshTokens}, not here.
 *
 * <p>Vocabulary: a <em>grant</em> is what one sign-in (or password grant) produced, identified by its grant id,
 * which is also the id of its refresh token <em>family</em>. A handler {@link #begin()}s one
 * {@link GrantTransaction}, calls the operations, decides, and commits explicitly — a refusal that must leave a
 * trace (a burnt code, a family revoked on reuse) is committed before the refusal is answered; one that wrote
 * nothing is just closed. Implementations: {@code store.HibernateGrantStorage} (the database) and, for unit
 * tests of the rules, {@code testing.InMemoryGrantStorage}.
 */
public interface GrantStorage {

    /** A unit of work over the grant storage; closing it without {@link GrantTransaction#commit()} undoes it. */
    GrantTransaction begin();

    /**
     * The operations of a {@link GrantTransaction} inside a database transaction the caller owns ({@code em}): what
     * they write commits or rolls back with it, and its own {@code commit()} and {@code close()} leave that to the
     * caller. Only storage on that database has one.
     */
    default GrantTransaction within(EntityManager em) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot join a database transaction");
    }
}
