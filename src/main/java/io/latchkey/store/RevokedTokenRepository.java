package io.latchkey.store;

import jakarta.persistence.EntityManager;
import java.time.Instant;

/** The deny list of JWT access token ids, kept until each token would have expired. */
public final class RevokedTokenRepository {

    /**
     * Puts {@code jti} on the list unless it is there already; idempotent when several requests revoke the same
     * token at the same instant (one refresh token reused by several requests, one code replayed).
     */
    public void revoke(EntityManager em, String jti, Instant now, Instant expiresAt) {
        InsertIfAbsent.row(em, "INSERT INTO revoked_token (jti, revoked_at, expires_at) VALUES (?, ?, ?)",
                jti, now, expiresAt);
    }

    public boolean isRevoked(EntityManager em, String jti) {
        return em.find(RevokedTokenEntity.class, jti) != null;
    }

    public int purgeExpired(EntityManager em, Instant now) {
        return em.createQuery("delete from RevokedTokenEntity r where r.expiresAt < :now")
                .setParameter("now", now).executeUpdate();
    }
}
