package io.latchkey.store;

import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
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

    /** The live sessions of an account, newest sign-in first. */
    public List<BrowserSessionEntity> liveOfAccount(EntityManager em, long accountId, Instant now) {
        return em.createQuery("select s from BrowserSessionEntity s where s.accountId = :a and s.expiresAt > :now"
                        + " and s.idleExpiresAt > :now order by s.authTime desc, s.sid", BrowserSessionEntity.class)
                .setParameter("a", accountId).setParameter("now", now).getResultList();
    }

    /** Deletes the account's session with this public id; whether there was one. */
    public boolean deleteBySid(EntityManager em, long accountId, String sid) {
        return em.createQuery("delete from BrowserSessionEntity s where s.accountId = :a and s.sid = :sid")
                .setParameter("a", accountId).setParameter("sid", sid).executeUpdate() > 0;
    }

    /** Deletes every session of the account; how many there were. */
    public int deleteAllOfAccount(EntityManager em, long accountId) {
        return em.createQuery("delete from BrowserSessionEntity s where s.accountId = :a")
                .setParameter("a", accountId).executeUpdate();
    }
}
