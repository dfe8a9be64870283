package io.latchkey.store;

import jakarta.persistence.EntityManager;
import java.util.List;

/** Signing keys that JWKS publishes (current, next, previous). */
public final class SigningKeyRepository {

    public List<SigningKeyEntity> published(EntityManager em) {
        return em.createQuery("select k from SigningKeyEntity k where k.status <> 'retired' order by k.createdAt",
                SigningKeyEntity.class).getResultList();
    }

    public void add(EntityManager em, SigningKeyEntity key) {
        em.persist(key);
    }
}
