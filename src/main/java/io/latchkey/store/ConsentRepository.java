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

    /** This person's consents, most recent first. */
    public List<ConsentEntity> list(EntityManager em, long accountId) {
        return em.createQuery("select c from ConsentEntity c where c.accountId = :a "
                        + "order by c.grantedAt desc, c.clientId", ConsentEntity.class)
                .setParameter("a", accountId).getResultList();
    }

    /** Removes this person's consent to this application; the number of rows removed. */
    public int delete(EntityManager em, long accountId, String clientId) {
        return em.createQuery("delete from ConsentEntity c where c.accountId = :a and c.clientId = :c")
                .setParameter("a", accountId).setParameter("c", clientId).executeUpdate();
    }

    public void add(EntityManager em, ConsentEntity consent) {
        em.persist(consent);
    }
}
