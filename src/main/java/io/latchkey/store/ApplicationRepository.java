package io.latchkey.store;

import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;

/** Applications by client_id; the returned entity has its collections loaded. */
public final class ApplicationRepository {

    public Optional<ApplicationEntity> findByClientId(EntityManager em, String clientId) {
        List<ApplicationEntity> found = em.createQuery(
                        "select a from ApplicationEntity a where a.clientId = :clientId", ApplicationEntity.class)
                .setParameter("clientId", clientId)
                .getResultList();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ApplicationEntity application = found.get(0);
        loadCollections(application);
        return Optional.of(application);
    }

    private static void loadCollections(ApplicationEntity application) {
        application.getRedirectUris().size();
        application.getPostLogoutRedirectUris().size();
        application.getWebOrigins().size();
        application.getAllowedScopes().size();
        application.getDefaultScopes().size();
        application.getSecrets().size();
    }

    /** What an operator's listing of applications keeps: each present filter must hold. */
    public record Filter(Optional<String> type, Optional<Boolean> enabled, Optional<String> containing) {
    }

    /**
     * Up to {@code fetch} applications in client_id order, after {@code afterClientId} when given (keyset
     * pagination), that pass {@code filter}; {@code containing} matches a case-insensitive substring of the
     * client_id or the name. Each has its collections loaded.
     */
    public List<ApplicationEntity> list(EntityManager em, Filter filter, Optional<String> afterClientId, int fetch) {
        StringBuilder jpql = new StringBuilder("select a from ApplicationEntity a where 1 = 1");
        filter.type().ifPresent(t -> jpql.append(" and a.type = :type"));
        filter.enabled().ifPresent(e -> jpql.append(" and a.enabled = :enabled"));
        filter.containing().ifPresent(c -> jpql.append(
                " and (lower(a.clientId) like :pattern escape '!' or lower(a.name) like :pattern escape '!')"));
        afterClientId.ifPresent(a -> jpql.append(" and a.clientId > :after"));
        jpql.append(" order by a.clientId");
        var query = em.createQuery(jpql.toString(), ApplicationEntity.class).setMaxResults(fetch);
        filter.type().ifPresent(t -> query.setParameter("type", t));
        filter.enabled().ifPresent(e -> query.setParameter("enabled", e));
        filter.containing().ifPresent(c -> query.setParameter("pattern", "%" + c.toLowerCase(java.util.Locale.ROOT)
                .replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%"));
        afterClientId.ifPresent(a -> query.setParameter("after", a));
        List<ApplicationEntity> found = query.getResultList();
        for (ApplicationEntity application : found) {
            loadCollections(application);
        }
        return found;
    }

    /** Every application, by client_id (the export's order); its collections load lazily in the caller's transaction. */
    public List<ApplicationEntity> allByClientId(EntityManager em) {
        return em.createQuery("select a from ApplicationEntity a order by a.clientId", ApplicationEntity.class)
                .getResultList();
    }

    /** The response-type lists of enabled applications (comma-separated each), for discovery. */
    public List<String> responseTypesInUse(EntityManager em) {
        return em.createQuery("select distinct a.responseTypes from ApplicationEntity a where a.enabled = true",
                String.class).getResultList();
    }

    /** Whether an enabled application may send unsigned request objects, for discovery. */
    public boolean unsignedRequestObjectsInUse(EntityManager em) {
        return em.createQuery("select count(a) from ApplicationEntity a where a.enabled = true "
                + "and a.requestObjectSigningAlg = 'none'", Long.class).getSingleResult() > 0;
    }

    public void add(EntityManager em, ApplicationEntity application) {
        em.persist(application);
    }

    /**
     * Moves the application from version {@code read} to the next one, in the caller's transaction, and holds its
     * row until that transaction ends. False when it does not exist or is no longer at {@code read}: then nothing
     * was written. Node-safe: a concurrent change waits for the row and finds the version moved.
     */
    public boolean advanceVersion(EntityManager em, String clientId, long read) {
        return em.createQuery("update ApplicationEntity a set a.version = a.version + 1 "
                        + "where a.clientId = :clientId and a.version = :read")
                .setParameter("clientId", clientId).setParameter("read", read).executeUpdate() == 1;
    }

    /** Moves the application to its next version whatever it is now; false when it does not exist. */
    public boolean advanceVersion(EntityManager em, String clientId) {
        return em.createQuery("update ApplicationEntity a set a.version = a.version + 1 where a.clientId = :clientId")
                .setParameter("clientId", clientId).executeUpdate() == 1;
    }

    /** The application's current version, read from the database (not from the persistence context). */
    public Optional<Long> version(EntityManager em, String clientId) {
        return em.createQuery("select a.version from ApplicationEntity a where a.clientId = :clientId", Long.class)
                .setParameter("clientId", clientId).getResultStream().findFirst();
    }

    /** Removes the application; its secrets, redirect URIs and scopes go with it (ON DELETE CASCADE). */
    public void remove(EntityManager em, ApplicationEntity application) {
        em.remove(application);
    }

    /**
     * Notes that the secret stored as {@code secretHash} was presented successfully at {@code at}; an earlier time
     * never overwrites a later one (nodes record out of order). False when no secret has that hash.
     */
    public boolean markSecretUsed(EntityManager em, String secretHash, java.time.Instant at) {
        return em.createQuery("UPDATE ApplicationSecretEntity s SET s.lastUsedAt = :at WHERE s.secretHash = :hash"
                        + " AND (s.lastUsedAt IS NULL OR s.lastUsedAt < :at)")
                .setParameter("at", at).setParameter("hash", secretHash).executeUpdate() > 0;
    }
}
