package io.latchkey.store;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Instant;
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

    /** The consent locked for this transaction ({@code SELECT ... FOR UPDATE}), so concurrent grants all add up. */
    public Optional<ConsentEntity> findForUpdate(EntityManager em, long accountId, String clientId) {
        List<ConsentEntity> found = em.createQuery(
                        "select c from ConsentEntity c where c.accountId = :a and c.clientId = :c", ConsentEntity.class)
                .setParameter("a", accountId).setParameter("c", clientId)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        return found.stream().findFirst();
    }

    /**
     * Inserts this person's consent to this application unless there is one already; true when inserted. Two tabs
     * allowing one application at the same instant both get here, and neither meets a unique violation.
     */
    public boolean addIfAbsent(EntityManager em, long accountId, String clientId, String scope, Instant grantedAt) {
        return InsertIfAbsent.row(em, "INSERT INTO consent (account_id, client_id, scope, granted_at) VALUES (?, ?, ?, ?)",
                accountId, clientId, scope, grantedAt);
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
