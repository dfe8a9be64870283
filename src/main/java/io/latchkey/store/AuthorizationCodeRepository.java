package io.latchkey.store;

import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.Optional;

/** Authorization codes by hash; consumed with one conditional update. */
public final class AuthorizationCodeRepository {

    public void add(EntityManager em, AuthorizationCodeEntity code) {
        em.persist(code);
    }

    public Optional<AuthorizationCodeEntity> find(EntityManager em, String codeHash) {
        return Optional.ofNullable(em.find(AuthorizationCodeEntity.class, codeHash));
    }

    /**
     * Marks the code used if, and only if, it is unused and unexpired; true for exactly one caller. Plain SQL,
     * as it runs on every code exchange (Hibernate translates an HQL update anew on every execution).
     */
    public boolean consume(EntityManager em, String codeHash, Instant now) {
        return em.createNativeQuery("UPDATE authorization_code SET consumed_at = :now "
                        + "WHERE code_hash = :h AND consumed_at IS NULL AND expires_at > :now")
                .setParameter("now", now).setParameter("h", codeHash).executeUpdate() == 1;
    }

    public int deleteExpired(EntityManager em, Instant before) {
        return em.createQuery("delete from AuthorizationCodeEntity c where c.expiresAt < :t")
                .setParameter("t", before).executeUpdate();
    }
}
