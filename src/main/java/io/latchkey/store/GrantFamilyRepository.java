package io.latchkey.store;

import java.time.Instant;
import java.util.List;
import jakarta.persistence.EntityManager;

/**
 * Everything one sign-in grant produced, as rows: its refresh token family and the JWT access tokens recorded
 * for it (on the {@code issued_access_token} table and on its refresh tokens), and the deny list they go on.
 */
public final class GrantFamilyRepository {
    private final RefreshTokenRepository refreshTokens;
    private final IssuedAccessTokenRepository issued;
    private final RevokedTokenRepository revoked;

    public GrantFamilyRepository(RefreshTokenRepository refreshTokens, IssuedAccessTokenRepository issued,
                                 RevokedTokenRepository revoked) {
        this.refreshTokens = refreshTokens;
        this.issued = issued;
        this.revoked = revoked;
    }

    public void recordAccessToken(EntityManager em, String familyId, String clientId, String jti, Instant expiresAt) {
        issued.add(em, new IssuedAccessTokenEntity(jti, familyId, clientId, expiresAt));
    }

    /**
     * Revokes the family's refresh tokens and its live access tokens (those recorded for the grant, and those
     * recorded on its refresh tokens); the number of refresh tokens revoked now.
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

    /** Revokes every live family of this person at this application; the number of refresh tokens revoked. */
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

    /** Puts one access token id on the deny list until it would expire. */
    public void revokeAccessToken(EntityManager em, String jti, Instant now, Instant expiresAt) {
        revoked.revoke(em, jti, now, expiresAt);
    }
}
