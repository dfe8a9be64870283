package io.latchkey.store;

import jakarta.persistence.EntityManager;
import java.time.Instant;

/** The deny list of JWT access token ids, kept until each token would have expired. */
public final class RevokedTokenRepository {

    public void revoke(EntityManager em, String jti, Instant now, Instant expiresAt) {
        if (em.find(RevokedTokenEntity.class, jti) == null) {
            em.persist(new RevokedTokenEntity(jti, now, expiresAt));
        }
    }

    public boolean isRevoked(EntityManager em, String jti) {
        return em.find(RevokedTokenEntity.class, jti) != null;
    }

    public int purgeExpired(EntityManager em, Instant now) {
        return em.createQuery("delete from RevokedTokenEntity r where r.expiresAt < :now")
                .setParameter("now", now).executeUpdate();
    }
}
