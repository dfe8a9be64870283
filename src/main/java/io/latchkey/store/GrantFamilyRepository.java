package io.latchkey.store;

import io.latchkey.token.AccessTokenClaims;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import jakarta.persistence.EntityManager;

/**
 * Everything one sign-in grant produced, as rows: its refresh token family, the JWT access tokens recorded for it
 * (on the {@code issued_access_token} table: those of its code exchange; those its refreshes issued are covered by
 * the family's row), and the deny list they go on.
 */
public final class GrantFamilyRepository {
    private final RefreshGrantRepository refreshGrants;
    private final IssuedAccessTokenRepository issued;
    private final RevokedTokenRepository revoked;

    public GrantFamilyRepository(RefreshGrantRepository refreshGrants, IssuedAccessTokenRepository issued,
                                 RevokedTokenRepository revoked) {
        this.refreshGrants = refreshGrants;
        this.issued = issued;
        this.revoked = revoked;
    }

    public void recordAccessToken(EntityManager em, String familyId, String clientId, String jti, Instant expiresAt) {
        issued.add(em, new IssuedAccessTokenEntity(jti, familyId, clientId, expiresAt));
    }

    /**
     * Revokes the family's refresh token and its live access tokens (those recorded for the grant, and with one
     * deny-list entry until the last of them expires, every one its refreshes issued); the number of live refresh
     * tokens revoked now (0 or 1).
     */
    public int revoke(EntityManager em, String familyId, Instant now) {
        RefreshGrantRepository.Revoked family = refreshGrants.revoke(em, familyId, now);
        family.accessTokensExpireAt().filter(now::isBefore).ifPresent(end ->
                revoked.revoke(em, AccessTokenClaims.familyEntry(familyId), now, end));
        for (IssuedAccessTokenEntity token : issued.liveInFamily(em, familyId, now)) {
            revoked.revoke(em, token.getJti(), now, token.getExpiresAt());
        }
        return family.refreshTokens();
    }

    /** Revokes every live family of this person at this application; the number of refresh tokens revoked. */
    public int revokeAll(EntityManager em, long accountId, String clientId, Instant now) {
        int count = 0;
        List<String> familyIds = refreshGrants.liveFamilyIds(em, Optional.of(accountId), Optional.of(clientId));
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
