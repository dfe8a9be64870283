package io.latchkey.store;

import io.latchkey.token.RefreshTokens;
import io.latchkey.token.StoredRefreshFamily;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.hibernate.Session;

/**
 * Refresh token families, one row each (schema 31), found by the hash of their locator. A rotation is one
 * conditional update of that row, which changes no indexed column: the refresh path's two statements (the family's
 * select and its update) and the start's insert are plain SQL on the unit of work's connection, as the hottest
 * writes of the server. Tokens rotated before schema 31 are still read from {@code refresh_token}, only to recognise
 * their reuse.
 */
public final class RefreshGrantRepository {
    private static final String COLUMNS = "family_id, family_key, token_hash, client_id, account_id, scope, auth_time, "
            + "sid, claims_request, created_at, refreshed_at, refreshes, idle_expires_at, family_expires_at, "
            + "access_tokens_expire_at, revoked_at";
    private static final String INSERT = "INSERT INTO refresh_grant (" + COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String FIND = "SELECT " + COLUMNS + " FROM refresh_grant WHERE family_key = ?";

    /** Inserts a new family now, in the unit of work of {@code em}. */
    public void add(EntityManager em, StoredRefreshFamily family) {
        RefreshTokens.RefreshGrant grant = family.grant();
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                insert.setString(1, grant.familyId());
                insert.setString(2, family.familyKey());
                insert.setString(3, family.tokenHash());
                insert.setString(4, grant.clientId());
                insert.setLong(5, grant.accountId());
                insert.setString(6, String.join(" ", grant.scopes()));
                SqlInstants.set(insert, 7, grant.authTime());
                insert.setString(8, grant.sid());
                insert.setString(9, grant.claimsRequest().orElse(null));
                SqlInstants.set(insert, 10, family.createdAt());
                SqlInstants.set(insert, 11, family.refreshedAt());
                insert.setInt(12, family.refreshes());
                SqlInstants.set(insert, 13, family.idleExpiresAt());
                SqlInstants.set(insert, 14, grant.familyExpiresAt());
                SqlInstants.set(insert, 15, family.accessTokensExpireAt().orElse(null));
                SqlInstants.set(insert, 16, family.revokedAt().orElse(null));
                insert.executeUpdate();
            }
        });
    }

    /**
     * The family whose locator hashes to {@code familyKey}, as the unit of work of {@code em} sees it; rows other
     * statements of the unit changed through the EntityManager are flushed first.
     */
    public Optional<StoredRefreshFamily> find(EntityManager em, String familyKey) {
        Session session = em.unwrap(Session.class);
        session.flush();
        return session.doReturningWork(connection -> {
            try (PreparedStatement select = connection.prepareStatement(FIND)) {
                select.setString(1, familyKey);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    RefreshTokens.RefreshGrant grant = new RefreshTokens.RefreshGrant(row.getString(1),
                            row.getString(4), row.getLong(5),
                            new TreeSet<>(Arrays.asList(row.getString(6).split(" "))), SqlInstants.get(row, 7),
                            row.getString(8), SqlInstants.get(row, 14), Optional.ofNullable(row.getString(9)));
                    return Optional.of(new StoredRefreshFamily(row.getString(2), row.getString(3), grant,
                            SqlInstants.get(row, 10), SqlInstants.get(row, 11), row.getInt(12),
                            SqlInstants.get(row, 13), Optional.ofNullable(SqlInstants.get(row, 15)),
                            Optional.ofNullable(SqlInstants.get(row, 16))));
                }
            }
        });
    }

    /**
     * Replaces the family's live token with {@code next} if it is still {@code presentedHash} and the family is not
     * revoked; true for exactly one caller. The access tokens' end only ever moves later.
     */
    public boolean rotate(EntityManager em, String familyKey, String presentedHash, RefreshTokens.NextToken next) {
        boolean rekey = !next.familyKey().equals(familyKey);
        StringBuilder sql = new StringBuilder("UPDATE refresh_grant SET token_hash = ?, refreshed_at = ?, "
                + "refreshes = refreshes + 1, idle_expires_at = ?");
        if (next.accessTokenExpiresAt().isPresent()) {
            sql.append(", access_tokens_expire_at = GREATEST(COALESCE(access_tokens_expire_at, ?), ?)");
        }
        if (rekey) {
            sql.append(", family_key = ?");
        }
        sql.append(" WHERE family_key = ? AND token_hash = ? AND revoked_at IS NULL");
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement update = connection.prepareStatement(sql.toString())) {
                int i = 1;
                update.setString(i++, next.tokenHash());
                SqlInstants.set(update, i++, next.refreshedAt());
                SqlInstants.set(update, i++, next.idleExpiresAt());
                if (next.accessTokenExpiresAt().isPresent()) {
                    SqlInstants.set(update, i++, next.accessTokenExpiresAt().get());
                    SqlInstants.set(update, i++, next.accessTokenExpiresAt().get());
                }
                if (rekey) {
                    update.setString(i++, next.familyKey());
                }
                update.setString(i++, familyKey);
                update.setString(i, presentedHash);
                return update.executeUpdate() == 1;
            }
        });
    }

    /** A token rotated before schema 31 ({@code refresh_token} keeps those only): its family and client. */
    public Optional<RefreshTokens.RetiredToken> retired(EntityManager em, String tokenHash) {
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT family_id, client_id FROM refresh_token WHERE token_hash = ?")) {
                select.setString(1, tokenHash);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(new RefreshTokens.RetiredToken(row.getString(1), row.getString(2)))
                            : Optional.empty();
                }
            }
        });
    }

    /**
     * Revokes the family unless it is revoked already: the number of live refresh tokens revoked (0 or 1), and until
     * when the JWT access tokens its refreshes issued can be valid (empty when none was recorded).
     */
    public Revoked revoke(EntityManager em, String familyId, Instant now) {
        List<Instant> accessTokensEnd = em.createQuery("select f.accessTokensExpireAt from RefreshGrantEntity f "
                        + "where f.familyId = :f", Instant.class)
                .setParameter("f", familyId).getResultList();
        int count = em.createQuery("update RefreshGrantEntity f set f.revokedAt = :now "
                        + "where f.familyId = :f and f.revokedAt is null")
                .setParameter("now", now).setParameter("f", familyId).executeUpdate();
        return new Revoked(count, accessTokensEnd.stream().filter(end -> end != null).findFirst());
    }

    /** What {@link #revoke} did. */
    public record Revoked(int refreshTokens, Optional<Instant> accessTokensExpireAt) {
    }

    /** The {@code claims} request parameter of the family's grant, if it had one. */
    public Optional<String> claimsRequest(EntityManager em, String familyId) {
        return em.createQuery("select f.claimsRequest from RefreshGrantEntity f where f.familyId = :f "
                        + "and f.claimsRequest is not null", String.class)
                .setParameter("f", familyId).getResultList().stream().findFirst();
    }

    /**
     * The families not yet revoked, of one person and/or one application (at least one is given), in id order.
     */
    public List<String> liveFamilyIds(EntityManager em, Optional<Long> accountId, Optional<String> clientId) {
        if (accountId.isEmpty() && clientId.isEmpty()) {
            throw new IllegalArgumentException("name a person, an application or both");
        }
        var query = em.createQuery("select f.familyId from RefreshGrantEntity f where f.revokedAt is null"
                + accountId.map(ignored -> " and f.accountId = :a").orElse("")
                + clientId.map(ignored -> " and f.clientId = :c").orElse("")
                + " order by f.familyId", String.class);
        accountId.ifPresent(id -> query.setParameter("a", id));
        clientId.ifPresent(id -> query.setParameter("c", id));
        return query.getResultList();
    }

    /**
     * A refresh token family as an administrator's listing shows it: whose, for which application (its name
     * empty when no application has that client_id any more), the scope granted, when the grant began and was
     * last refreshed, until when its live token may be used (idle and absolute), and when it was revoked.
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
        var query = em.createQuery("select count(f)" + FAMILIES_FROM
                + where(accountSubject, clientId, state, Optional.empty()), Long.class);
        bind(query, accountSubject, clientId, state, now, Optional.empty());
        return query.getSingleResult();
    }

    private static final String FAMILIES_FROM = " from RefreshGrantEntity f join AccountEntity a on a.id = f.accountId "
            + "left join ApplicationEntity app on app.clientId = f.clientId";

    private List<ListedFamily> families(EntityManager em, Optional<String> accountSubject, Optional<String> clientId,
                                        Optional<TokenState> state, Instant now, Optional<FamilyAfter> after,
                                        int offset, int max) {
        var query = em.createQuery("select f.familyId, a.subject, a.username, f.clientId, app.name, f.scope, "
                        + "f.createdAt, f.refreshedAt, f.idleExpiresAt, f.familyExpiresAt, f.revokedAt"
                        + FAMILIES_FROM + where(accountSubject, clientId, state, after)
                        + " order by f.createdAt desc, f.familyId", Object[].class)
                .setFirstResult(offset).setMaxResults(max);
        bind(query, accountSubject, clientId, state, now, after);
        return query.getResultList().stream().map(row -> new ListedFamily((String) row[0], (String) row[1],
                (String) row[2], (String) row[3], Optional.ofNullable((String) row[4]), (String) row[5],
                (Instant) row[6], (Instant) row[7], (Instant) row[8], (Instant) row[9],
                Optional.ofNullable((Instant) row[10]))).toList();
    }

    /** The where clause of a family listing. */
    private static String where(Optional<String> accountSubject, Optional<String> clientId,
                                Optional<TokenState> state, Optional<FamilyAfter> after) {
        StringBuilder hql = new StringBuilder(" where 1 = 1");
        accountSubject.ifPresent(ignored -> hql.append(" and a.subject = :a"));
        clientId.ifPresent(ignored -> hql.append(" and f.clientId = :c"));
        state.ifPresent(s -> hql.append(switch (s) {
            case ACTIVE -> " and f.revokedAt is null and f.idleExpiresAt > :now and f.familyExpiresAt > :now";
            case REVOKED -> " and f.revokedAt is not null";
            case EXPIRED -> " and f.revokedAt is null and (f.idleExpiresAt <= :now or f.familyExpiresAt <= :now)";
        }));
        after.ifPresent(ignored -> hql.append(" and (f.createdAt < :afterCreated "
                + "or (f.createdAt = :afterCreated and f.familyId > :afterFamily))"));
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
