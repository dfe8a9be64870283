package io.latchkey.store;

import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;

/** Remembered consents, one row per person and application. */
public final class ConsentRepository {

    public Optional<ConsentEntity> find(EntityManager em, long accountId, String clientId) {
        List<ConsentEntity> found = em.createQuery(
                        "select c from ConsentEntity c where c.accountId = :a and c.clientId = :c", ConsentEntity.class)
                .setParameter("a", accountId).setParameter("c", clientId).getResultList();
        return found.stream().findFirst();
    }

    public void add(EntityManager em, ConsentEntity consent) {
        em.persist(consent);
    }
}
