package io.latchkey.store;

import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Accounts by id, subject or username. Usernames are stored and matched trimmed and lower-case. */
public final class AccountRepository {

    /** The stored form of a username: trimmed, lower-case (locale-independent). */
    public static String normalizeUsername(String username) {
        return username.trim().toLowerCase(Locale.ROOT);
    }

    public Optional<AccountEntity> findByUsername(EntityManager em, String username) {
        return first(em.createQuery("select a from AccountEntity a where a.username = :username", AccountEntity.class)
                .setParameter("username", normalizeUsername(username))
                .getResultList());
    }

    public Optional<AccountEntity> findById(EntityManager em, long id) {
        return Optional.ofNullable(em.find(AccountEntity.class, id));
    }

    public Optional<AccountEntity> findBySubject(EntityManager em, String subject) {
        return first(em.createQuery("select a from AccountEntity a where a.subject = :subject", AccountEntity.class)
                .setParameter("subject", subject)
                .getResultList());
    }

    public boolean anyAdmin(EntityManager em) {
        return !em.createQuery("select a.id from AccountEntity a where a.admin = true", Long.class)
                .setMaxResults(1)
                .getResultList()
                .isEmpty();
    }

    /** Inserts a new account; its username must already be in {@link #normalizeUsername stored form}. */
    public void add(EntityManager em, AccountEntity account) {
        if (!account.getUsername().equals(normalizeUsername(account.getUsername()))) {
            throw new IllegalArgumentException("username must be stored trimmed and lower-case");
        }
        em.persist(account);
    }

    /**
     * Replaces the password hash only if it is still {@code expectedHash} (a conditional update, so an upgrade
     * after sign-in never overwrites a password changed meanwhile); true when it was replaced.
     */
    public boolean replacePasswordHash(EntityManager em, long id, String expectedHash, String newHash, Instant now) {
        return em.createQuery("update AccountEntity a set a.passwordHash = :newHash, a.updatedAt = :now "
                        + "where a.id = :id and a.passwordHash = :expectedHash")
                .setParameter("newHash", newHash)
                .setParameter("now", now)
                .setParameter("id", id)
                .setParameter("expectedHash", expectedHash)
                .executeUpdate() == 1;
    }

    private static Optional<AccountEntity> first(List<AccountEntity> found) {
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }
}
