package io.latchkey.store;

import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.Optional;

/** Pending authorization interactions by hash of their id. */
public final class InteractionRepository {

    public void add(EntityManager em, InteractionEntity interaction) {
        em.persist(interaction);
    }

    public Optional<InteractionEntity> find(EntityManager em, String idHash) {
        return Optional.ofNullable(em.find(InteractionEntity.class, idHash));
    }

    /** Plain SQL: it runs at the end of every sign-in (Hibernate translates HQL deletes on every execution). */
    public boolean delete(EntityManager em, String idHash) {
        return em.createNativeQuery("DELETE FROM authorization_interaction WHERE id_hash = :h")
                .setParameter("h", idHash).executeUpdate() == 1;
    }

    public int deleteExpired(EntityManager em, Instant now) {
        return em.createQuery("delete from InteractionEntity i where i.expiresAt < :now")
                .setParameter("now", now).executeUpdate();
    }
}
