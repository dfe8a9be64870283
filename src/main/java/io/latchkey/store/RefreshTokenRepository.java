package io.latchkey.store;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hibernate.Session;

/**
 * Refresh tokens by hash and family. A rotation's three statements (the presented token's row, its conditional mark,
 * the next token's row) are plain SQL on the unit of work's connection: as entities, the row was hydrated and
 * snapshotted for dirty checking, and the insert waited for a flush, for a transaction that reads one row and writes
 * two, and the rotation is the hottest write of the server.
 */
public final class RefreshTokenRepository {
    private static final String COLUMNS = "token_hash, family_id, client_id, account_id, scope, auth_time, sid, "
            + "created_at, idle_expires_at, family_expires_at, rotated_at, revoked_at, claims_request, "
            + "access_token_jti, access_token_expires_at";

    /** Inserts the token's row now, in the unit of work of {@code em} (not managed: nothing of it is flushed later). */
    public void add(EntityManager em, RefreshTokenEntity token) {
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO refresh_token (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, token.getTokenHash());
                insert.setString(2, token.getFamilyId());
                insert.setString(3, token.getClientId());
                insert.setLong(4, token.getAccountId());
                insert.setString(5, token.getScope());
                SqlInstants.set(insert, 6, token.getAuthTime());
                insert.setString(7, token.getSid());
                SqlInstants.set(insert, 8, token.getCreatedAt());
                SqlInstants.set(insert, 9, token.getIdleExpiresAt());
                SqlInstants.set(insert, 10, token.getFamilyExpiresAt());
                SqlInstants.set(insert, 11, token.getRotatedAt());
                SqlInstants.set(insert, 12, token.getRevokedAt());
                insert.setString(13, token.getClaimsRequest());
                insert.setString(14, token.getAccessTokenJti());
                SqlInstants.set(insert, 15, token.getAccessTokenExpiresAt());
                insert.executeUpdate();
            }
        });
    }

    /**
     * The token's row as the unit of work of {@code em} sees it, as an entity that is not managed (changing it
     * changes nothing); rows other statements of the unit changed through the EntityManager are flushed first.
     */
    public Optional<RefreshTokenEntity> find(EntityManager em, String tokenHash) {
        Session session = em.unwrap(Session.class);
        session.flush();
        return session.doReturningWork(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                    + " FROM refresh_token WHERE token_hash = ?")) {
                select.setString(1, tokenHash);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    RefreshTokenEntity token = new RefreshTokenEntity(row.getString(1), row.getString(2),
                            row.getString(3), row.getLong(4), row.getString(5), SqlInstants.get(row, 6),
                            row.getString(7), SqlInstants.get(row, 8), SqlInstants.get(row, 9),
                            SqlInstants.get(row, 10), SqlInstants.get(row, 11), SqlInstants.get(row, 12));
                    token.setClaimsRequest(row.getString(13));
                    token.setAccessToken(row.getString(14), SqlInstants.get(row, 15));
                    return Optional.of(token);
                }
            }
        });
    }

    /**
     * Marks the token rotated if it is still the live one of its family; true for exactly one caller. Plain SQL:
     * Hibernate translates an HQL update anew on every execution, which was most of a refresh's database time.
     */
    public boolean markRotated(EntityManager em, String tokenHash, Instant now) {
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE refresh_token SET rotated_at = ? "
                    + "WHERE token_hash = ? AND rotated_at IS NULL AND revoked_at IS NULL")) {
                SqlInstants.set(update, 1, now);
                update.setString(2, tokenHash);
                return update.executeUpdate() == 1;
            }
        });
    }

    /** The ids and expiry times of the still-valid access tokens recorded on the family's refresh tokens. */
    public List<Object[]> liveAccessTokensInFamily(EntityManager em, String familyId, Instant now) {
        return em.createQuery("select t.accessTokenJti, t.accessTokenExpiresAt from RefreshTokenEntity t "
                        + "where t.familyId = :f and t.accessTokenJti is not null and t.accessTokenExpiresAt > :now",
                        Object[].class)
                .setParameter("f", familyId).setParameter("now", now).getResultList();
    }

    public int revokeFamily(EntityManager em, String familyId, Instant now) {
        return em.createQuery("update RefreshTokenEntity t set t.revokedAt = :now "
                        + "where t.familyId = :f and t.revokedAt is null")
                .setParameter("now", now).setParameter("f", familyId).executeUpdate();
    }

    /**
     * The families with a refresh token not yet revoked, of one person and/or one application (at least one is
     * given), in id order.
     */
    public List<String> liveFamilyIds(EntityManager em, Optional<Long> accountId, Optional<String> clientId) {
        if (accountId.isEmpty() && clientId.isEmpty()) {
            throw new IllegalArgumentException("name a person, an application or both");
        }
        var query = em.createQuery("select distinct t.familyId from RefreshTokenEntity t where t.revokedAt is null"
                + accountId.map(ignored -> " and t.accountId = :a").orElse("")
                + clientId.map(ignored -> " and t.clientId = :c").orElse("")
                + " order by t.familyId", String.class);
        accountId.ifPresent(id -> query.setParameter("a", id));
        clientId.ifPresent(id -> query.setParameter("c", id));
        return query.getResultList();
    }

    /**
     * A refresh token family as an administrator's listing shows it: whose, for which application (its name
     * empty when no application has that client_id any more), the scope granted, when the grant began and was
     * last refreshed, until when its newest token may be used (idle and absolute), and when it was revoked.
     */
    public record ListedFamily(String familyId, String subject, String username, String clientId,
                               Optional<String> applicationName, String scope, Instant createdAt,
                               Instant lastRefreshedAt, Instant idleExpiresAt, Instant familyExpiresAt,
                               Optional<Instant> revokedAt) {
    }

    /** Where a page of families starts: after the family begun at {@code createdAt} with id {@code familyId}. */
    public record FamilyAfter(Instant createdAt, String familyId) {
    }

    /**
     * Families newest first (by when they began, ties by id), optionally of one person (by subject), of one
     * application and in one state at {@code now}, starting after {@code after}: at most {@code max} of them.
     */
    public List<ListedFamily> familyPage(EntityManager em, Optional<String> accountSubject,
                                         Optional<String> clientId, Optional<TokenState> state, Instant now,
                                         Optional<FamilyAfter> after, int max) {
        return families(em, accountSubject, clientId, state, now, after, 0, max);
    }

    /** The same families from position {@code offset} (newest first, from 0): at most {@code max} of them. */
    public List<ListedFamily> familySlice(EntityManager em, Optional<String> accountSubject,
                                          Optional<String> clientId, Optional<TokenState> state, Instant now,
                                          int offset, int max) {
        return families(em, accountSubject, clientId, state, now, Optional.empty(), offset, max);
    }

    /** How many families {@link #familySlice} pages through. */
    public long familyCount(EntityManager em, Optional<String> accountSubject, Optional<String> clientId,
                            Optional<TokenState> state, Instant now) {
        var query = em.createQuery("select count(*) from (select t.familyId as familyId" + FAMILIES_FROM
                + grouped(accountSubject, clientId, state, Optional.empty()) + ") f", Long.class);
        bind(query, accountSubject, clientId, state, now, Optional.empty());
        return query.getSingleResult();
    }

    private static final String FAMILIES_FROM = " from RefreshTokenEntity t join AccountEntity a on a.id = t.accountId "
            + "left join ApplicationEntity app on app.clientId = t.clientId";

    private List<ListedFamily> families(EntityManager em, Optional<String> accountSubject, Optional<String> clientId,
                                        Optional<TokenState> state, Instant now, Optional<FamilyAfter> after,
                                        int offset, int max) {
        var query = em.createQuery("select t.familyId, a.subject, a.username, t.clientId, app.name, "
                        + "max(t.scope), min(t.createdAt), max(t.createdAt), max(t.idleExpiresAt), "
                        + "max(t.familyExpiresAt), max(t.revokedAt)" + FAMILIES_FROM
                        + grouped(accountSubject, clientId, state, after)
                        + " order by min(t.createdAt) desc, t.familyId", Object[].class)
                .setFirstResult(offset).setMaxResults(max);
        bind(query, accountSubject, clientId, state, now, after);
        return query.getResultList().stream().map(row -> new ListedFamily((String) row[0], (String) row[1],
                (String) row[2], (String) row[3], Optional.ofNullable((String) row[4]), (String) row[5],
                (Instant) row[6], (Instant) row[7], (Instant) row[8], (Instant) row[9],
                Optional.ofNullable((Instant) row[10]))).toList();
    }

    /** The where, group by and having clauses of a family listing. */
    private static String grouped(Optional<String> accountSubject, Optional<String> clientId,
                                  Optional<TokenState> state, Optional<FamilyAfter> after) {
        StringBuilder hql = new StringBuilder(" where 1 = 1");
        accountSubject.ifPresent(ignored -> hql.append(" and a.subject = :a"));
        clientId.ifPresent(ignored -> hql.append(" and t.clientId = :c"));
        hql.append(" group by t.familyId, a.subject, a.username, t.clientId, app.name having 1 = 1");
        state.ifPresent(s -> hql.append(switch (s) {
            case ACTIVE -> " and max(t.revokedAt) is null and max(t.idleExpiresAt) > :now "
                    + "and max(t.familyExpiresAt) > :now";
            case REVOKED -> " and max(t.revokedAt) is not null";
            case EXPIRED -> " and max(t.revokedAt) is null and (max(t.idleExpiresAt) <= :now "
                    + "or max(t.familyExpiresAt) <= :now)";
        }));
        after.ifPresent(ignored -> hql.append(" and (min(t.createdAt) < :afterCreated "
                + "or (min(t.createdAt) = :afterCreated and t.familyId > :afterFamily))"));
        return hql.toString();
    }

    private static void bind(TypedQuery<?> query, Optional<String> accountSubject, Optional<String> clientId,
                             Optional<TokenState> state, Instant now, Optional<FamilyAfter> after) {
        accountSubject.ifPresent(subject -> query.setParameter("a", subject));
        clientId.ifPresent(id -> query.setParameter("c", id));
        state.filter(s -> s != TokenState.REVOKED).ifPresent(ignored -> query.setParameter("now", now));
        after.ifPresent(a -> query.setParameter("afterCreated", a.createdAt())
                .setParameter("afterFamily", a.familyId()));
    }
}
