package io.latchkey.store;

import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Refresh tokens by hash and family. */
public final class RefreshTokenRepository {

    public void add(EntityManager em, RefreshTokenEntity token) {
        em.persist(token);
    }

    public Optional<RefreshTokenEntity> find(EntityManager em, String tokenHash) {
        return Optional.ofNullable(em.find(RefreshTokenEntity.class, tokenHash));
    }

    /**
     * Marks the token rotated if it is still the live one of its family; true for exactly one caller. Plain SQL:
     * Hibernate translates an HQL update anew on every execution, which was most of a refresh's database time.
     */
    public boolean markRotated(EntityManager em, String tokenHash, Instant now) {
        return em.createNativeQuery("UPDATE refresh_token SET rotated_at = :now "
                        + "WHERE token_hash = :h AND rotated_at IS NULL AND revoked_at IS NULL")
                .setParameter("now", now).setParameter("h", tokenHash).executeUpdate() == 1;
    }

    /** The ids and expiry times of the still-valid access tokens recorded on the family's refresh tokens. */
    public List<Object[]> liveAccessTokensInFamily(EntityManager em, String familyId, Instant now) {
        return em.createQuery("select t.accessTokenJti, t.accessTokenExpiresAt from RefreshTokenEntity t "
                        + "where t.familyId = :f and t.accessTokenJti is not null and t.accessTokenExpiresAt > :now",
                        Object[].class)
                .setParameter("f", familyId).setParameter("now", now).getResultList();
    }

    public int revokeFamily(EntityManager em, String familyId, Instant now) {
        return em.createQuery("update RefreshTokenEntity t set t.revokedAt = :now "
                        + "where t.familyId = :f and t.revokedAt is null")
                .setParameter("now", now).setParameter("f", familyId).executeUpdate();
    }

    /**
     * The families with a refresh token not yet revoked, of one person and/or one application (at least one is
     * given), in id order.
     */
    public List<String> liveFamilyIds(EntityManager em, Optional<Long> accountId, Optional<String> clientId) {
        if (accountId.isEmpty() && clientId.isEmpty()) {
            throw new IllegalArgumentException("name a person, an application or both");
        }
        var query = em.createQuery("select distinct t.familyId from RefreshTokenEntity t where t.revokedAt is null"
                + accountId.map(ignored -> " and t.accountId = :a").orElse("")
                + clientId.map(ignored -> " and t.clientId = :c").orElse("")
                + " order by t.familyId", String.class);
        accountId.ifPresent(id -> query.setParameter("a", id));
        clientId.ifPresent(id -> query.setParameter("c", id));
        return query.getResultList();
    }
}
