package io.latchkey.store;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.hibernate.Session;

/** Personal and service access tokens by hash and by the account that issued them. */
public final class ReferenceTokenRepository {

    public void add(EntityManager em, ReferenceTokenEntity token) {
        em.persist(token);
    }

    public Optional<ReferenceTokenEntity> find(EntityManager em, String tokenHash) {
        return Optional.ofNullable(em.find(ReferenceTokenEntity.class, tokenHash));
    }

    /** The claims request parameter kept with a token (opaque access tokens of a grant); empty for none. */
    public Optional<String> claimsRequest(EntityManager em, String tokenHash) {
        return em.createQuery("select t.claimsRequest from ReferenceTokenEntity t where t.tokenHash = :h "
                        + "and t.claimsRequest is not null", String.class)
                .setParameter("h", tokenHash).getResultStream().findFirst();
    }

    /**
     * A presented token's row as its look-up needs it, and for a person's token whether that person's account is
     * enabled, and their username.
     */
    public record Presented(String kind, String clientId, String subject, String scope, Instant createdAt,
                            Instant expiresAt, Optional<Instant> lastUsedAt, boolean revoked, Optional<Long> accountId,
                            boolean ownerEnabled, Optional<String> ownerUsername) {
    }

    private static final String PRESENTED = "SELECT t.kind, t.client_id, t.subject, t.scope, t.created_at,"
            + " t.expires_at, t.last_used_at, t.revoked_at, t.account_id, a.enabled, a.username"
            + " FROM reference_token t LEFT JOIN account a ON a.id = t.account_id WHERE t.token_hash = ?";

    /**
     * The token with this hash, in one read by its primary key (and its owner's, joined), on a plain connection
     * ({@link Transactions#read}): introspection of a personal access token reads nothing else.
     */
    public Optional<Presented> findPresented(Connection connection, String tokenHash) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(PRESENTED)) {
            statement.setString(1, tokenHash);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                long accountId = row.getLong(9);
                Optional<Long> owner = row.wasNull() ? Optional.empty() : Optional.of(accountId);
                return Optional.of(new Presented(row.getString(1), row.getString(2), row.getString(3),
                        row.getString(4), SqlInstants.get(row, 5), SqlInstants.get(row, 6),
                        Optional.ofNullable(SqlInstants.get(row, 7)), SqlInstants.get(row, 8) != null, owner, row.getBoolean(10), Optional.ofNullable(row.getString(11))));
            }
        }
    }

    /** {@link #findPresented(Connection, String)} in the unit of work of {@code em}, seeing its own changes. */
    public Optional<Presented> findPresented(EntityManager em, String tokenHash) {
        Session session = em.unwrap(Session.class);
        session.flush();
        return session.doReturningWork(connection -> findPresented(connection, tokenHash));
    }

    /** Tokens an account issued that are neither revoked nor expired, newest first. */
    public List<ReferenceTokenEntity> liveIssuedBy(EntityManager em, long accountId, Instant now) {
        return em.createQuery("select t from ReferenceTokenEntity t where t.createdBy = :a and t.revokedAt is null "
                        + "and t.expiresAt > :now order by t.createdAt desc", ReferenceTokenEntity.class)
                .setParameter("a", accountId).setParameter("now", now).getResultList();
    }

    /**
     * Records a use unless one was recorded since {@code notBefore}: at most one write per token per interval,
     * and with a conditional update so concurrent nodes do not both write. True when this call wrote.
     */
    public boolean touch(EntityManager em, String tokenHash, Instant now, Instant notBefore) {
        return em.createQuery("update ReferenceTokenEntity t set t.lastUsedAt = :now where t.tokenHash = :h "
                        + "and (t.lastUsedAt is null or t.lastUsedAt < :nb)")
                .setParameter("now", now).setParameter("h", tokenHash).setParameter("nb", notBefore)
                .executeUpdate() == 1;
    }

    /** Revokes a live token; true for exactly one caller. */
    public boolean revoke(EntityManager em, String tokenHash, Instant now) {
        return em.createQuery("update ReferenceTokenEntity t set t.revokedAt = :now where t.tokenHash = :h "
                        + "and t.revokedAt is null")
                .setParameter("now", now).setParameter("h", tokenHash).executeUpdate() == 1;
    }

    /** A token as an administrator's listing shows it, with the people it names and its application's name. */
    public record Listed(ReferenceTokenEntity token, Optional<String> ownerSubject, Optional<String> ownerUsername,
                         Optional<String> creatorSubject, Optional<String> creatorUsername,
                         Optional<String> applicationName) {
    }

    /** Where a page of tokens starts: after the token created at {@code createdAt} whose public id is {@code id}. */
    public record After(Instant createdAt, String id) {
    }

    /**
     * Tokens of the given kinds, newest first (ties by public id), optionally of one account by subject (acting
     * as it, or issued by it), of one application and in one state at {@code now}, starting after {@code after}: at
     * most {@code max} of them. Tokens are keyed for paging by their public id (the first 8 characters of the
     * hash), never by the hash.
     */
    public List<Listed> page(EntityManager em, Collection<String> kinds, Optional<String> accountSubject,
                             Optional<String> clientId, Optional<TokenState> state, Instant now,
                             Optional<After> after, int max) {
        return listed(em, kinds, accountSubject, clientId, state, now, after, 0, max);
    }

    /** The same tokens from position {@code offset} (newest first, from 0): at most {@code max} of them. */
    public List<Listed> slice(EntityManager em, Collection<String> kinds, Optional<String> accountSubject,
                              Optional<String> clientId, Optional<TokenState> state, Instant now, int offset,
                              int max) {
        return listed(em, kinds, accountSubject, clientId, state, now, Optional.empty(), offset, max);
    }

    /** How many tokens {@link #slice} pages through. */
    public long count(EntityManager em, Collection<String> kinds, Optional<String> accountSubject,
                      Optional<String> clientId, Optional<TokenState> state, Instant now) {
        var query = em.createQuery("select count(t) from ReferenceTokenEntity t "
                + "left join AccountEntity owner on owner.id = t.accountId "
                + "left join AccountEntity creator on creator.id = t.createdBy"
                + where(accountSubject, clientId, state, Optional.empty()), Long.class);
        bind(query, kinds, accountSubject, clientId, state, now, Optional.empty());
        return query.getSingleResult();
    }

    private List<Listed> listed(EntityManager em, Collection<String> kinds, Optional<String> accountSubject,
                                Optional<String> clientId, Optional<TokenState> state, Instant now,
                                Optional<After> after, int offset, int max) {
        var query = em.createQuery(LISTED + where(accountSubject, clientId, state, after)
                        + " order by t.createdAt desc, substring(t.tokenHash, 1, 8), t.tokenHash", Object[].class)
                .setFirstResult(offset).setMaxResults(max);
        bind(query, kinds, accountSubject, clientId, state, now, after);
        return query.getResultList().stream().map(ReferenceTokenRepository::listed).toList();
    }

    private static String where(Optional<String> accountSubject, Optional<String> clientId,
                                Optional<TokenState> state, Optional<After> after) {
        StringBuilder hql = new StringBuilder(" where t.kind in (:kinds)");
        accountSubject.ifPresent(ignored -> hql.append(
                " and (owner.subject = :account or creator.subject = :account)"));
        clientId.ifPresent(ignored -> hql.append(" and t.clientId = :client"));
        state.ifPresent(s -> hql.append(switch (s) {
            case ACTIVE -> " and t.revokedAt is null and t.expiresAt > :now";
            case REVOKED -> " and t.revokedAt is not null";
            case EXPIRED -> " and t.revokedAt is null and t.expiresAt <= :now";
        }));
        after.ifPresent(ignored -> hql.append(" and (t.createdAt < :afterCreated "
                + "or (t.createdAt = :afterCreated and substring(t.tokenHash, 1, 8) > :afterId))"));
        return hql.toString();
    }

    private static void bind(TypedQuery<?> query, Collection<String> kinds, Optional<String> accountSubject,
                             Optional<String> clientId, Optional<TokenState> state, Instant now,
                             Optional<After> after) {
        query.setParameter("kinds", kinds);
        accountSubject.ifPresent(subject -> query.setParameter("account", subject));
        clientId.ifPresent(id -> query.setParameter("client", id));
        state.filter(s -> s != TokenState.REVOKED).ifPresent(ignored -> query.setParameter("now", now));
        after.ifPresent(a -> query.setParameter("afterCreated", a.createdAt()).setParameter("afterId", a.id()));
    }

    /**
     * The tokens whose public id (the first 8 characters of the hash) is {@code id}: at most {@code max}. One,
     * except in the rare case that two hashes share their first 48 bits.
     */
    public List<Listed> byPublicId(EntityManager em, String id, int max) {
        return em.createQuery(LISTED + " where substring(t.tokenHash, 1, 8) = :id order by t.tokenHash",
                        Object[].class)
                .setParameter("id", id).setMaxResults(max).getResultList().stream()
                .map(ReferenceTokenRepository::listed).toList();
    }

    private static final String LISTED = "select t, owner.subject, owner.username, creator.subject, creator.username, "
            + "app.name from ReferenceTokenEntity t left join AccountEntity owner on owner.id = t.accountId "
            + "left join AccountEntity creator on creator.id = t.createdBy "
            + "left join ApplicationEntity app on app.clientId = t.clientId";

    private static Listed listed(Object[] row) {
        return new Listed((ReferenceTokenEntity) row[0], Optional.ofNullable((String) row[1]),
                Optional.ofNullable((String) row[2]), Optional.ofNullable((String) row[3]),
                Optional.ofNullable((String) row[4]), Optional.ofNullable((String) row[5]));
    }
}
