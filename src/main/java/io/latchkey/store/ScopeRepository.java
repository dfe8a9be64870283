package io.latchkey.store;

import jakarta.persistence.EntityManager;
import java.util.Arrays;
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

    /**
     * Moves the scope from version {@code read} to the next one, in the caller's transaction, and holds its row
     * until that transaction ends. False when it does not exist or is no longer at {@code read}: then nothing was
     * written. Node-safe: a concurrent change waits for the row and finds the version moved.
     */
    public boolean advanceVersion(EntityManager em, String name, long read) {
        return em.createQuery("update ScopeEntity s set s.version = s.version + 1 "
                        + "where s.name = :name and s.version = :read")
                .setParameter("name", name).setParameter("read", read).executeUpdate() == 1;
    }

    /** Moves the scope to its next version whatever it is now; false when it does not exist. */
    public boolean advanceVersion(EntityManager em, String name) {
        return em.createQuery("update ScopeEntity s set s.version = s.version + 1 where s.name = :name")
                .setParameter("name", name).executeUpdate() == 1;
    }

    /** The scope's current version, read from the database (not from the persistence context). */
    public Optional<Long> version(EntityManager em, String name) {
        return em.createQuery("select s.version from ScopeEntity s where s.name = :name", Long.class)
                .setParameter("name", name).getResultStream().findFirst();
    }

    /** The client_ids of the applications that list the scope (allowed or default), sorted. */
    public List<String> applicationsListing(EntityManager em, String name) {
        return em.createQuery("select distinct a.clientId from ApplicationEntity a "
                        + "where :name member of a.allowedScopes or :name member of a.defaultScopes "
                        + "order by a.clientId", String.class)
                .setParameter("name", name).getResultList();
    }

    /**
     * Takes the scope out of every consent that grants it (scopes are stored space-separated); a consent left with
     * none goes. Returns how many consents changed.
     */
    public int withdrawFromConsents(EntityManager em, String name) {
        List<ConsentEntity> granting = em.createQuery("select c from ConsentEntity c where locate(:name, c.scope) > 0",
                ConsentEntity.class).setParameter("name", name).getResultList();
        int changed = 0;
        for (ConsentEntity consent : granting) {
            List<String> granted = Arrays.asList(consent.getScope().split(" "));
            if (!granted.contains(name)) {
                continue;
            }
            List<String> kept = granted.stream().filter(s -> !s.equals(name)).toList();
            if (kept.isEmpty()) {
                em.remove(consent);
            } else {
                consent.setScope(String.join(" ", kept));
            }
            changed++;
        }
        return changed;
    }

    /** Removes the scope; the caller has made sure that no application lists it (the columns refer to it). */
    public void remove(EntityManager em, ScopeEntity scope) {
        em.remove(scope);
    }
}
