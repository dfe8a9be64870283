package io.latchkey.store;

import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;

/** Signing keys: the ones JWKS publishes (next, current, retiring), and any one by kid. */
public final class SigningKeyRepository {

    public List<SigningKeyEntity> published(EntityManager em) {
        return em.createQuery("select k from SigningKeyEntity k where k.status <> 'retired'"
                        + " order by k.createdAt, k.kid", SigningKeyEntity.class).getResultList();
    }

    public Optional<SigningKeyEntity> find(EntityManager em, String kid) {
        return Optional.ofNullable(em.find(SigningKeyEntity.class, kid));
    }

    public void add(EntityManager em, SigningKeyEntity key) {
        em.persist(key);
    }
}
