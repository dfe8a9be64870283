package io.latchkey.store;

import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.Optional;

/**
 * Everything issued to one application or one person, taken back at once: refresh tokens and stored reference
 * tokens are marked revoked (so they stay dead if the application or person is enabled again), authorization
 * codes and browser sessions are deleted. Bulk updates in the caller's transaction. JWT access tokens are not
 * stored; they are ended by the owner's {@code tokens_not_before}.
 */
public final class IssuedCredentialRepository {

    /** How many of each were taken back. */
    public record Revoked(int refreshTokens, int referenceTokens, int authorizationCodes, int browserSessions) {
        @Override
        public String toString() {
            return refreshTokens + " refresh tokens, " + referenceTokens + " reference tokens, " + authorizationCodes
                    + " authorization codes, " + browserSessions + " browser sessions";
        }
    }

    /**
     * Every live refresh token and reference token (personal, service and opaque access tokens) of the
     * application, and its authorization codes.
     */
    public Revoked revokeAllOfApplication(EntityManager em, String clientId, Instant now) {
        int refresh = em.createQuery("update RefreshGrantEntity t set t.revokedAt = :now "
                        + "where t.clientId = :c and t.revokedAt is null")
                .setParameter("now", now).setParameter("c", clientId).executeUpdate();
        int reference = em.createQuery("update ReferenceTokenEntity t set t.revokedAt = :now "
                        + "where t.clientId = :c and t.revokedAt is null")
                .setParameter("now", now).setParameter("c", clientId).executeUpdate();
        int codes = em.createQuery("delete from AuthorizationCodeEntity c where c.clientId = :c")
                .setParameter("c", clientId).executeUpdate();
        return new Revoked(refresh, reference, codes, 0);
    }

    /**
     * What a person's sign-ins produced: every live refresh token (all families, all applications), the opaque
     * access tokens issued for them, their authorization codes and their browser sessions. Personal access
     * tokens are left alone (see {@link #revokePersonalTokensOfAccount}).
     */
    public Revoked revokeSignInsOfAccount(EntityManager em, long accountId, Instant now) {
        int refresh = em.createQuery("update RefreshGrantEntity t set t.revokedAt = :now "
                        + "where t.accountId = :a and t.revokedAt is null")
                .setParameter("now", now).setParameter("a", accountId).executeUpdate();
        int reference = revokeSignInAccessTokens(em, Optional.of(accountId), Optional.empty(), now);
        int codes = em.createQuery("delete from AuthorizationCodeEntity c where c.accountId = :a")
                .setParameter("a", accountId).executeUpdate();
        int sessions = em.createQuery("delete from BrowserSessionEntity s where s.accountId = :a")
                .setParameter("a", accountId).executeUpdate();
        return new Revoked(refresh, reference, codes, sessions);
    }

    /** The person's live personal access tokens (those that act as them). */
    public int revokePersonalTokensOfAccount(EntityManager em, long accountId, Instant now) {
        return em.createQuery("update ReferenceTokenEntity t set t.revokedAt = :now "
                        + "where t.accountId = :a and t.kind = 'pat' and t.revokedAt is null")
                .setParameter("now", now).setParameter("a", accountId).executeUpdate();
    }

    /**
     * The live opaque access tokens (kind {@code at}) that sign-in grants issued to people, of one person and/or
     * one application: what a grant leaves besides its refresh token family (whose JWTs that family's revocation
     * ends). An application's own tokens (client credentials, no person) are left alone.
     */
    public int revokeSignInAccessTokens(EntityManager em, Optional<Long> accountId, Optional<String> clientId,
                                        Instant now) {
        if (accountId.isEmpty() && clientId.isEmpty()) {
            throw new IllegalArgumentException("name a person, an application or both");
        }
        var query = em.createQuery("update ReferenceTokenEntity t set t.revokedAt = :now where t.kind = 'at' "
                        + "and t.accountId is not null and t.revokedAt is null"
                        + accountId.map(ignored -> " and t.accountId = :a").orElse("")
                        + clientId.map(ignored -> " and t.clientId = :c").orElse(""))
                .setParameter("now", now);
        accountId.ifPresent(id -> query.setParameter("a", id));
        clientId.ifPresent(id -> query.setParameter("c", id));
        return query.executeUpdate();
    }

    /** How many of each were deleted with an application. */
    public record Deleted(int refreshTokens, int referenceTokens, int authorizationCodes, int interactions,
                          int issuedAccessTokens, int consents) {
        @Override
        public String toString() {
            return refreshTokens + " refresh tokens, " + referenceTokens + " reference tokens, " + authorizationCodes
                    + " authorization codes, " + interactions + " sign-in interactions, " + issuedAccessTokens
                    + " access token records, " + consents + " consents";
        }
    }

    /**
     * Everything the application holds, deleted rather than revoked because the application itself goes: its
     * refresh tokens, reference tokens (personal, service and opaque access tokens), authorization codes, pending
     * sign-in interactions, access token records and every person's consent to it.
     */
    public Deleted deleteAllOfApplication(EntityManager em, String clientId) {
        return new Deleted(
                deleteOf(em, "RefreshGrantEntity", clientId) + em.createNativeQuery(
                        "DELETE FROM refresh_token WHERE client_id = ?1").setParameter(1, clientId).executeUpdate(),
                deleteOf(em, "ReferenceTokenEntity", clientId),
                deleteOf(em, "AuthorizationCodeEntity", clientId),
                deleteOf(em, "InteractionEntity", clientId),
                deleteOf(em, "IssuedAccessTokenEntity", clientId),
                deleteOf(em, "ConsentEntity", clientId));
    }

    private static int deleteOf(EntityManager em, String entity, String clientId) {
        return em.createQuery("delete from " + entity + " e where e.clientId = :c")
                .setParameter("c", clientId).executeUpdate();
    }
}
