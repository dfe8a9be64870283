package io.latchkey.store;

import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;

/** Access tokens per refresh family, for revoking them with the family. */
public final class IssuedAccessTokenRepository {

    public void add(EntityManager em, IssuedAccessTokenEntity token) {
        em.persist(token);
    }

    public List<IssuedAccessTokenEntity> liveInFamily(EntityManager em, String familyId, Instant now) {
        return em.createQuery("select t from IssuedAccessTokenEntity t where t.familyId = :f and t.expiresAt > :now",
                IssuedAccessTokenEntity.class).setParameter("f", familyId).setParameter("now", now).getResultList();
    }

    public int purgeExpired(EntityManager em, Instant now) {
        return em.createQuery("delete from IssuedAccessTokenEntity t where t.expiresAt < :now")
                .setParameter("now", now).executeUpdate();
    }
}
