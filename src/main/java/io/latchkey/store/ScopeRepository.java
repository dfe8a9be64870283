package io.latchkey.store;

import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;

/** The scope catalogue. */
public final class ScopeRepository {

    public List<ScopeEntity> all(EntityManager em) {
        return em.createQuery("select s from ScopeEntity s order by s.name", ScopeEntity.class).getResultList();
    }

    public Optional<ScopeEntity> find(EntityManager em, String name) {
        return Optional.ofNullable(em.find(ScopeEntity.class, name));
    }

    public void add(EntityManager em, ScopeEntity scope) {
        em.persist(scope);
    }
}
