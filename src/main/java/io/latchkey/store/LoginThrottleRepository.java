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
     * Inserts the counter of {@code key} unless there is one; true when inserted. Requests (or nodes) counting the
     * first failure of a key at the same instant: one inserts, the others find its row afterwards, and nobody meets
     * a unique violation. {@code blockedUntil} may be null.
     */
    public boolean insertIfAbsent(EntityManager em, String key, int failures, Instant blockedUntil, Instant now) {
        return InsertIfAbsent.row(em, "INSERT INTO login_throttle (throttle_key, failures, blocked_until, updated_at) "
                + "VALUES (?, ?, ?, ?)", key, failures, blockedUntil, now);
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
