package io.latchkey.store;

import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.Optional;

/** Browser sessions by the hash of their cookie value. */
public final class BrowserSessionRepository {

    public Optional<BrowserSessionEntity> find(EntityManager em, String idHash) {
        return Optional.ofNullable(em.find(BrowserSessionEntity.class, idHash));
    }

    public void add(EntityManager em, BrowserSessionEntity session) {
        em.persist(session);
    }

    public void delete(EntityManager em, String idHash) {
        em.createQuery("delete from BrowserSessionEntity s where s.idHash = :h").setParameter("h", idHash).executeUpdate();
    }

    public int deleteExpired(EntityManager em, Instant now) {
        return em.createQuery("delete from BrowserSessionEntity s where s.expiresAt < :now or s.idleExpiresAt < :now")
                .setParameter("now", now).executeUpdate();
    }
}
