package io.latchkey.token;

import io.latchkey.store.IssuedAccessTokenEntity;
import io.latchkey.store.IssuedAccessTokenRepository;
import io.latchkey.store.RefreshTokenRepository;
import io.latchkey.store.RevokedTokenRepository;
import io.latchkey.store.Transactions;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;

/**
 * Everything one sign-in grant produced — its refresh token family and the JWT access tokens issued from
 * it — so that a code replay, a refresh token reuse or a revocation can take all of it back at once.
 */
public final class GrantFamilies {
    private final Transactions transactions;
    private final RefreshTokenRepository refreshTokens;
    private final IssuedAccessTokenRepository issued;
    private final RevokedTokenRepository revoked;

    public GrantFamilies(Transactions transactions, RefreshTokenRepository refreshTokens,
                         IssuedAccessTokenRepository issued, RevokedTokenRepository revoked) {
        this.transactions = transactions;
        this.refreshTokens = refreshTokens;
        this.issued = issued;
        this.revoked = revoked;
    }

    /** Remembers an access token issued for a grant. */
    public void recordAccessToken(String familyId, String clientId, IssuedAccessToken token) {
        transactions.run(em -> recordAccessToken(em, familyId, clientId, token.jti(), token.expiresAt()));
    }

    /** Remembers, in the caller's transaction, an access token issued (or about to be) for a grant. */
    public void recordAccessToken(EntityManager em, String familyId, String clientId, String jti, Instant expiresAt) {
        issued.add(em, new IssuedAccessTokenEntity(jti, familyId, clientId, expiresAt));
    }

    /**
     * Revokes the family's refresh tokens and its live access tokens (those recorded for the grant, and those
     * recorded on its refresh tokens), in the caller's transaction.
     */
    public int revoke(EntityManager em, String familyId, Instant now) {
        for (Object[] token : refreshTokens.liveAccessTokensInFamily(em, familyId, now)) {
            revoked.revoke(em, (String) token[0], now, (Instant) token[1]);
        }
        int count = refreshTokens.revokeFamily(em, familyId, now);
        for (IssuedAccessTokenEntity token : issued.liveInFamily(em, familyId, now)) {
            revoked.revoke(em, token.getJti(), now, token.getExpiresAt());
        }
        return count;
    }

    /**
     * Revokes every live refresh token family of this person at this application, with the access tokens
     * recorded for those families, in the caller's transaction; the number of refresh tokens revoked.
     */
    public int revokeAll(EntityManager em, long accountId, String clientId, Instant now) {
        int count = 0;
        List<String> familyIds = em.createQuery("select distinct t.familyId from RefreshTokenEntity t "
                        + "where t.accountId = :a and t.clientId = :c and t.revokedAt is null", String.class)
                .setParameter("a", accountId).setParameter("c", clientId).getResultList();
        for (String familyId : familyIds) {
            count += revoke(em, familyId, now);
        }
        return count;
    }

    /** Puts one access token id on the revocation list until it would expire. */
    public void revokeAccessToken(EntityManager em, String jti, Instant now, Instant expiresAt) {
        revoked.revoke(em, jti, now, expiresAt);
    }

    public void revoke(String familyId, Instant now) {
        transactions.run(em -> revoke(em, familyId, now));
    }
}
