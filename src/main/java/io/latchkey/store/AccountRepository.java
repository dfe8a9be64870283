package io.latchkey.store;

import io.latchkey.account.Account;
import io.latchkey.account.Address;
import io.latchkey.account.StandardClaims;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.hibernate.Session;

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

    /**
     * The account as a grant reads it (to refuse a gone or disabled person and to describe them in an ID token), by
     * plain SQL on the unit of work's connection: no entity hydrated, snapshotted and compared at commit for a row
     * the unit only reads. Mapped as {@code AccountService.toAccount} maps the entity (no display name: the username).
     */
    public Optional<Account> findToRead(EntityManager em, long id) {
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT subject, username, display_name, "
                    + "email, email_verified, admin, enabled, profile_updated_at, given_name, family_name, "
                    + "middle_name, nickname, preferred_username, profile_url, picture_url, website_url, gender, "
                    + "birthdate, zoneinfo, locale, phone_number, phone_number_verified, address_formatted, "
                    + "address_street_address, address_locality, address_region, address_postal_code, "
                    + "address_country FROM account WHERE id = ?")) {
                select.setLong(1, id);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    String username = row.getString(2);
                    String displayName = row.getString(3);
                    StandardClaims claims = new StandardClaims(text(row, 9), text(row, 10), text(row, 11),
                            text(row, 12), text(row, 13), text(row, 14), text(row, 15), text(row, 16),
                            text(row, 17), text(row, 18), text(row, 19), text(row, 20), text(row, 21),
                            row.getBoolean(22), new Address(text(row, 23), text(row, 24), text(row, 25),
                                    text(row, 26), text(row, 27), text(row, 28)));
                    return Optional.of(new Account(id, row.getString(1), username,
                            displayName != null ? displayName : username, text(row, 4), row.getBoolean(5),
                            row.getBoolean(6), row.getBoolean(7), claims,
                            Optional.ofNullable(SqlInstants.get(row, 8))));
                }
            }
        });
    }

    private static Optional<String> text(ResultSet row, int column) throws SQLException {
        return Optional.ofNullable(row.getString(column));
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
     * Inserts an account with this subject and (stored-form) username, not an administrator, without email or
     * password, unless the username is taken; true when inserted. Safe when the same username is created at the same
     * instant elsewhere (see {@link InsertIfAbsent}): one inserts, the other finds it taken.
     */
    public boolean insertIfAbsent(EntityManager em, String subject, String username, String displayName, Instant now) {
        if (!username.equals(normalizeUsername(username))) {
            throw new IllegalArgumentException("username must be stored trimmed and lower-case");
        }
        return InsertIfAbsent.row(em, "INSERT INTO account (subject, username, display_name, email_verified, admin, "
                + "enabled, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", subject, username, displayName,
                false, false, true, now, now);
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

    /** Every account, by username (the export's order). */
    public List<AccountEntity> all(EntityManager em) {
        return em.createQuery("select a from AccountEntity a order by a.username", AccountEntity.class)
                .getResultList();
    }

    /** What an operator's listing of accounts keeps: each present filter must hold. */
    public record Filter(Optional<Boolean> admin, Optional<Boolean> enabled, Optional<String> containing) {
    }

    /**
     * Up to {@code fetch} accounts in username order, after {@code afterUsername} when given (keyset pagination),
     * that pass {@code filter}; {@code containing} matches a case-insensitive substring of the username, the
     * display name or the email.
     */
    public List<AccountEntity> list(EntityManager em, Filter filter, Optional<String> afterUsername, int fetch) {
        StringBuilder jpql = new StringBuilder("select a from AccountEntity a where 1 = 1");
        filter.admin().ifPresent(a -> jpql.append(" and a.admin = :admin"));
        filter.enabled().ifPresent(e -> jpql.append(" and a.enabled = :enabled"));
        filter.containing().ifPresent(c -> jpql.append(" and (a.username like :pattern escape '!'"
                + " or lower(a.displayName) like :pattern escape '!' or lower(a.email) like :pattern escape '!')"));
        afterUsername.ifPresent(a -> jpql.append(" and a.username > :after"));
        jpql.append(" order by a.username");
        var query = em.createQuery(jpql.toString(), AccountEntity.class).setMaxResults(fetch);
        filter.admin().ifPresent(a -> query.setParameter("admin", a));
        filter.enabled().ifPresent(e -> query.setParameter("enabled", e));
        filter.containing().ifPresent(c -> query.setParameter("pattern", "%" + c.toLowerCase(Locale.ROOT)
                .replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%"));
        afterUsername.ifPresent(a -> query.setParameter("after", a));
        return query.getResultList();
    }

    /** Whether an enabled administrator other than {@code id} exists. */
    public boolean anotherEnabledAdmin(EntityManager em, long id) {
        return !em.createQuery("select a.id from AccountEntity a where a.admin = true and a.enabled = true "
                        + "and a.id <> :id", Long.class)
                .setParameter("id", id)
                .setMaxResults(1)
                .getResultList()
                .isEmpty();
    }

    /**
     * Moves the account from version {@code read} to the next one, in the caller's transaction, and holds its row
     * until that transaction ends. False when it does not exist or is no longer at {@code read}: then nothing was
     * written. Node-safe: a concurrent change waits for the row and finds the version moved.
     */
    public boolean advanceVersion(EntityManager em, String username, long read) {
        return em.createQuery("update AccountEntity a set a.version = a.version + 1 "
                        + "where a.username = :username and a.version = :read")
                .setParameter("username", normalizeUsername(username)).setParameter("read", read)
                .executeUpdate() == 1;
    }

    /** Moves the account to its next version whatever it is now; false when it does not exist. */
    public boolean advanceVersion(EntityManager em, String username) {
        return em.createQuery("update AccountEntity a set a.version = a.version + 1 where a.username = :username")
                .setParameter("username", normalizeUsername(username)).executeUpdate() == 1;
    }

    /** The account's current version, read from the database (not from the persistence context). */
    public Optional<Long> version(EntityManager em, String username) {
        return em.createQuery("select a.version from AccountEntity a where a.username = :username", Long.class)
                .setParameter("username", normalizeUsername(username)).getResultStream().findFirst();
    }

    private static Optional<AccountEntity> first(List<AccountEntity> found) {
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /**
     * A mark that moves whenever any account is added, changed (its version goes up) or removed: how many there are
     * and the sum of their versions, in one aggregate query.
     */
    public String changeMark(EntityManager em) {
        Object[] mark = em.createQuery("select count(a), coalesce(sum(a.version), 0) from AccountEntity a",
                Object[].class).getSingleResult();
        return mark[0] + "/" + mark[1];
    }

    /**
     * Deletes the account row; the database deletes what references it (sessions, interactions, codes, refresh
     * tokens, consents, reference tokens, reset code: every such foreign key is {@code ON DELETE CASCADE}).
     */
    public void delete(EntityManager em, long id) {
        em.createQuery("delete from AccountEntity a where a.id = :id").setParameter("id", id).executeUpdate();
    }
}
