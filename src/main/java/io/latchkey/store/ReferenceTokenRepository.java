package io.latchkey.store;

import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Personal and service access tokens by hash and by the account that issued them. */
public final class ReferenceTokenRepository {

    public void add(EntityManager em, ReferenceTokenEntity token) {
        em.persist(token);
    }

    public Optional<ReferenceTokenEntity> find(EntityManager em, String tokenHash) {
        return Optional.ofNullable(em.find(ReferenceTokenEntity.class, tokenHash));
    }

    /** Tokens an account issued that are neither revoked nor expired, newest first. */
    public List<ReferenceTokenEntity> liveIssuedBy(EntityManager em, long accountId, Instant now) {
        return em.createQuery("select t from ReferenceTokenEntity t where t.createdBy = :a and t.revokedAt is null "
                        + "and t.expiresAt > :now order by t.createdAt desc", ReferenceTokenEntity.class)
                .setParameter("a", accountId).setParameter("now", now).getResultList();
    }

    /**
     * Records a use unless one was recorded since {@code notBefore}: at most one write per token per interval,
     * and with a conditional update so concurrent nodes do not both write. True when this call wrote.
     */
    public boolean touch(EntityManager em, String tokenHash, Instant now, Instant notBefore) {
        return em.createQuery("update ReferenceTokenEntity t set t.lastUsedAt = :now where t.tokenHash = :h "
                        + "and (t.lastUsedAt is null or t.lastUsedAt < :nb)")
                .setParameter("now", now).setParameter("h", tokenHash).setParameter("nb", notBefore)
                .executeUpdate() == 1;
    }

    /** Revokes a live token; true for exactly one caller. */
    public boolean revoke(EntityManager em, String tokenHash, Instant now) {
        return em.createQuery("update ReferenceTokenEntity t set t.revokedAt = :now where t.tokenHash = :h "
                        + "and t.revokedAt is null")
                .setParameter("now", now).setParameter("h", tokenHash).executeUpdate() == 1;
    }
}
