package io.latchkey.store;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;
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

    /**
     * A consent as an administrator's listing shows it: with the person's subject and username and the
     * application's name (empty when no application has that client_id any more).
     */
    public record Listed(ConsentEntity consent, String subject, String username, Optional<String> applicationName) {
    }

    /**
     * Consents newest first (by id, which only grows), optionally of one person (by subject) and/or one
     * application, starting after the consent {@code afterId}: at most {@code max} of them.
     */
    public List<Listed> page(EntityManager em, Optional<String> accountSubject, Optional<String> clientId,
                             Optional<Long> afterId, int max) {
        return listed(em, accountSubject, clientId, afterId, 0, max);
    }

    /** The same consents from position {@code offset} (newest first, from 0): at most {@code max} of them. */
    public List<Listed> slice(EntityManager em, Optional<String> accountSubject, Optional<String> clientId,
                              int offset, int max) {
        return listed(em, accountSubject, clientId, Optional.empty(), offset, max);
    }

    /** How many consents {@link #slice} pages through. */
    public long count(EntityManager em, Optional<String> accountSubject, Optional<String> clientId) {
        var query = em.createQuery("select count(c) from ConsentEntity c join AccountEntity a on a.id = c.accountId"
                + where(accountSubject, clientId, Optional.empty()), Long.class);
        bind(query, accountSubject, clientId, Optional.empty());
        return query.getSingleResult();
    }

    private List<Listed> listed(EntityManager em, Optional<String> accountSubject, Optional<String> clientId,
                                Optional<Long> afterId, int offset, int max) {
        var query = em.createQuery("select c, a.subject, a.username, app.name from ConsentEntity c "
                + "join AccountEntity a on a.id = c.accountId "
                + "left join ApplicationEntity app on app.clientId = c.clientId"
                + where(accountSubject, clientId, afterId) + " order by c.id desc", Object[].class)
                .setFirstResult(offset).setMaxResults(max);
        bind(query, accountSubject, clientId, afterId);
        return query.getResultList().stream().map(row -> new Listed((ConsentEntity) row[0], (String) row[1],
                (String) row[2], Optional.ofNullable((String) row[3]))).toList();
    }

    private static String where(Optional<String> accountSubject, Optional<String> clientId, Optional<Long> afterId) {
        StringBuilder hql = new StringBuilder(" where 1 = 1");
        accountSubject.ifPresent(ignored -> hql.append(" and a.subject = :account"));
        clientId.ifPresent(ignored -> hql.append(" and c.clientId = :client"));
        afterId.ifPresent(ignored -> hql.append(" and c.id < :after"));
        return hql.toString();
    }

    private static void bind(TypedQuery<?> query, Optional<String> accountSubject,
                             Optional<String> clientId, Optional<Long> afterId) {
        accountSubject.ifPresent(subject -> query.setParameter("account", subject));
        clientId.ifPresent(id -> query.setParameter("client", id));
        afterId.ifPresent(id -> query.setParameter("after", id));
    }
}
