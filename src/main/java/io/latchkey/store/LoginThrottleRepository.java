package io.latchkey.store;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Optional;

/** Failed sign-in counters, one row per key ({@code account:<username>}, {@code ip:<address>}). */
public final class LoginThrottleRepository {

    public Optional<LoginThrottleEntity> find(EntityManager em, String key) {
        return Optional.ofNullable(em.find(LoginThrottleEntity.class, key));
    }

    /** The row locked for this transaction ({@code SELECT ... FOR UPDATE}), so concurrent failures all count. */
    public Optional<LoginThrottleEntity> findForUpdate(EntityManager em, String key) {
        return Optional.ofNullable(em.find(LoginThrottleEntity.class, key, LockModeType.PESSIMISTIC_WRITE));
    }

    /**
     * Stores a row: a managed one is written at commit; a new one is inserted at once, so when another node
     * inserted the same key first the caller sees the conflict here and can retry.
     */
    public void save(EntityManager em, LoginThrottleEntity row) {
        if (!em.contains(row)) {
            em.persist(row);
            em.flush();
        }
    }

    /** Plain SQL: it runs on every successful sign-in (Hibernate translates HQL deletes on every execution). */
    public void delete(EntityManager em, String key) {
        em.createNativeQuery("DELETE FROM login_throttle WHERE throttle_key = :key")
                .setParameter("key", key)
                .executeUpdate();
    }

    /** Removes rows last touched before {@code before}; returns how many. */
    public int deleteUpdatedBefore(EntityManager em, Instant before) {
        return em.createQuery("delete from LoginThrottleEntity t where t.updatedAt < :before")
                .setParameter("before", before)
                .executeUpdate();
    }
}
