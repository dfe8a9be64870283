package io.latchkey.token;

import io.latchkey.store.GrantFamilyRepository;
import io.latchkey.store.Transactions;
import jakarta.persistence.EntityManager;
import java.time.Instant;

/**
 * Everything one sign-in grant produced — its refresh token family and the JWT access tokens issued from
 * it — so that a code replay, a refresh token reuse or a revocation can take all of it back at once. For the
 * services outside the grants (consents, revocation, accounts), which work in their own transactions; the grant
 * handlers reach the same rows through {@link GrantTransaction}.
 */
public final class GrantFamilies {
    private final Transactions transactions;
    private final GrantFamilyRepository families;

    public GrantFamilies(Transactions transactions, GrantFamilyRepository families) {
        this.transactions = transactions;
        this.families = families;
    }

    /** Remembers an access token issued for a grant. */
    public void recordAccessToken(String familyId, String clientId, IssuedAccessToken token) {
        transactions.run(em -> families.recordAccessToken(em, familyId, clientId, token.jti(), token.expiresAt()));
    }

    /** Revokes the family's refresh tokens and its live access tokens, in the caller's transaction. */
    public int revoke(EntityManager em, String familyId, Instant now) {
        return families.revoke(em, familyId, now);
    }

    /**
     * Revokes every live refresh token family of this person at this application, with the access tokens
     * recorded for those families, in the caller's transaction; the number of refresh tokens revoked.
     */
    public int revokeAll(EntityManager em, long accountId, String clientId, Instant now) {
        return families.revokeAll(em, accountId, clientId, now);
    }

    /** Puts one access token id on the revocation list until it would expire. */
    public void revokeAccessToken(EntityManager em, String jti, Instant now, Instant expiresAt) {
        families.revokeAccessToken(em, jti, now, expiresAt);
    }

    public void revoke(String familyId, Instant now) {
        transactions.run(em -> families.revoke(em, familyId, now));
    }
}
