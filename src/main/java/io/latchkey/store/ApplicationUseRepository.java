package io.latchkey.store;

import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What is known of each application's use, for the posture review: the usage notes the token path writes
 * ({@code application_use}, {@code application_scope_use}) and the counts and dates it reads from the token tables,
 * the accounts and the audit trail. Every read is one grouped query over all applications.
 */
public final class ApplicationUseRepository {

    /**
     * Notes that a grant issued {@code clientId} an access token at {@code at}; a later note is never overwritten by
     * an earlier one (nodes note out of order).
     */
    public void noteTokenIssued(EntityManager em, String clientId, Instant at) {
        int updated = em.createQuery("UPDATE ApplicationUseEntity u SET u.lastTokenAt = :at WHERE u.clientId = :c"
                        + " AND (u.lastTokenAt IS NULL OR u.lastTokenAt < :at)")
                .setParameter("at", at).setParameter("c", clientId).executeUpdate();
        if (updated == 0) {
            InsertIfAbsent.row(em, "INSERT INTO application_use (client_id, last_token_at) VALUES (?, ?)", clientId, at);
        }
    }

    /** Notes that an access token issued to {@code clientId} at {@code at} carried {@code scope}. */
    public void noteScopeGranted(EntityManager em, String clientId, String scope, Instant at) {
        int updated = em.createQuery("UPDATE ApplicationScopeUseEntity u SET u.lastGrantedAt = :at"
                        + " WHERE u.key.clientId = :c AND u.key.scopeName = :s AND u.lastGrantedAt < :at")
                .setParameter("at", at).setParameter("c", clientId).setParameter("s", scope).executeUpdate();
        if (updated == 0) {
            InsertIfAbsent.row(em, "INSERT INTO application_scope_use (client_id, scope_name, last_granted_at)"
                    + " VALUES (?, ?, ?)", clientId, scope, at);
        }
    }

    public List<ApplicationUseEntity> uses(EntityManager em) {
        return em.createQuery("SELECT u FROM ApplicationUseEntity u", ApplicationUseEntity.class).getResultList();
    }

    public List<ApplicationScopeUseEntity> scopeUses(EntityManager em) {
        return em.createQuery("SELECT u FROM ApplicationScopeUseEntity u", ApplicationScopeUseEntity.class)
                .getResultList();
    }

    /** Per client_id, when the newest stored personal or service access token was issued. */
    public Map<String, Instant> lastReferenceTokens(EntityManager em) {
        return instants(em.createQuery("SELECT t.clientId, MAX(t.createdAt) FROM ReferenceTokenEntity t"
                + " WHERE t.kind IN ('pat', 'sat') GROUP BY t.clientId", Object[].class).getResultList());
    }

    /** Per client_id, when the newest stored personal access token issued by someone not an administrator was. */
    public Map<String, Instant> lastPersonalTokensByNonAdministrators(EntityManager em) {
        return instants(em.createQuery("SELECT t.clientId, MAX(t.createdAt) FROM ReferenceTokenEntity t, AccountEntity a"
                + " WHERE t.kind = 'pat' AND t.createdBy = a.id AND a.admin = false GROUP BY t.clientId",
                Object[].class).getResultList());
    }

    /** Per client_id, how many refresh tokens can still be redeemed at {@code now}. */
    public Map<String, Long> liveRefreshTokens(EntityManager em, Instant now) {
        return counts(em.createQuery("SELECT r.clientId, COUNT(r) FROM RefreshGrantEntity r WHERE r.revokedAt IS NULL"
                + " AND r.idleExpiresAt > :now AND r.familyExpiresAt > :now GROUP BY r.clientId",
                Object[].class).setParameter("now", now).getResultList());
    }

    /** Per client_id, how many reference tokens (personal, service and opaque access tokens) are live at {@code now}. */
    public Map<String, Long> liveReferenceTokens(EntityManager em, Instant now) {
        return counts(em.createQuery("SELECT t.clientId, COUNT(t) FROM ReferenceTokenEntity t WHERE t.revokedAt IS NULL"
                + " AND t.expiresAt > :now GROUP BY t.clientId", Object[].class).setParameter("now", now).getResultList());
    }

    public List<AccountEntity> enabledAdministrators(EntityManager em) {
        return em.createQuery("SELECT a FROM AccountEntity a WHERE a.admin = true AND a.enabled = true"
                + " ORDER BY a.username", AccountEntity.class).getResultList();
    }

    /** Per audit target ({@code account:<subject>}), the last successful sign-in still on the audit trail. */
    public Map<String, Instant> lastSignIns(EntityManager em, Collection<String> targets) {
        if (targets.isEmpty()) {
            return Map.of();
        }
        return instants(em.createQuery("SELECT e.target, MAX(e.occurredAt) FROM AuditEventEntity e"
                        + " WHERE e.action = 'sign_in' AND e.outcome = 'success' AND e.target IN (:targets)"
                        + " GROUP BY e.target", Object[].class)
                .setParameter("targets", targets).getResultList());
    }

    private static Map<String, Instant> instants(List<Object[]> rows) {
        Map<String, Instant> byKey = new HashMap<>();
        rows.forEach(row -> byKey.put((String) row[0], (Instant) row[1]));
        return byKey;
    }

    private static Map<String, Long> counts(List<Object[]> rows) {
        Map<String, Long> byKey = new HashMap<>();
        rows.forEach(row -> byKey.put((String) row[0], ((Number) row[1]).longValue()));
        return byKey;
    }
}
