package io.latchkey.token;

import io.latchkey.store.IssuedAccessTokenEntity;
import io.latchkey.store.IssuedAccessTokenRepository;
import io.latchkey.store.RefreshTokenRepository;
import io.latchkey.store.RevokedTokenRepository;
import io.latchkey.store.Transactions;
import jakarta.persistence.EntityManager;
import java.time.Instant;

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
        transactions.run(em -> issued.add(em, new IssuedAccessTokenEntity(token.jti(), familyId, clientId,
                token.expiresAt())));
    }

    /** Revokes the family's refresh tokens and its live access tokens, in the caller's transaction. */
    public int revoke(EntityManager em, String familyId, Instant now) {
        int count = refreshTokens.revokeFamily(em, familyId, now);
        for (IssuedAccessTokenEntity token : issued.liveInFamily(em, familyId, now)) {
            revoked.revoke(em, token.getJti(), now, token.getExpiresAt());
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
