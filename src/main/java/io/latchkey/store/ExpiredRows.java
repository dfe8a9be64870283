package io.latchkey.store;

import jakarta.persistence.EntityManager;
import java.time.Instant;

/**
 * Deletes rows nothing needs any more, at most {@code batch} of them per call: one statement
 * {@code DELETE ... WHERE key IN (SELECT key ... WHERE <expired> FETCH FIRST n ROWS ONLY)} each, found by an index
 * (schema 19), so a large backlog is taken away in short statements that never hold many row locks. Each method
 * answers how many rows it deleted; fewer than {@code batch} means no more are left. {@code before} is the cutoff
 * the caller chose (the time until which the rows must stay); what is kept how long is the caller's policy.
 */
public final class ExpiredRows {

    /** Authorization codes expired before {@code before} whose access token (if one was issued) expired too. */
    public int authorizationCodes(EntityManager em, Instant before, int batch) {
        return delete(em, "authorization_code", "code_hash", "expires_at < :before "
                + "AND (access_token_expires_at IS NULL OR access_token_expires_at < :before)", before, batch);
    }

    /** Browser sessions over (absolute or idle) before {@code before}. */
    public int browserSessions(EntityManager em, Instant before, int batch) {
        return delete(em, "browser_session", "id_hash", "expires_at < :before OR idle_expires_at < :before",
                before, batch);
    }

    /** Authorization interactions (sign-in or consent pages left open) expired before {@code before}. */
    public int interactions(EntityManager em, Instant before, int batch) {
        return delete(em, "authorization_interaction", "id_hash", "expires_at < :before", before, batch);
    }

    /** Ids on the JWT deny list whose token expired before {@code before}. */
    public int revokedTokenIds(EntityManager em, Instant before, int batch) {
        return delete(em, "revoked_token", "jti", "expires_at < :before", before, batch);
    }

    /**
     * Refresh token families whose absolute lifetime ended before {@code before} (their token is unusable, revoked or
     * not), once the access tokens their refreshes issued expired too.
     */
    public int refreshTokenFamilies(EntityManager em, Instant before, int batch) {
        return delete(em, "refresh_grant", "family_id", "family_expires_at < :before "
                + "AND (access_tokens_expire_at IS NULL OR access_tokens_expire_at < :before)", before, batch);
    }

    /**
     * Refresh tokens rotated before schema 31 (kept to recognise their reuse) of families whose absolute lifetime
     * ended before {@code before}, once the access token recorded with the row expired too.
     */
    public int refreshTokens(EntityManager em, Instant before, int batch) {
        return delete(em, "refresh_token", "token_hash", "family_expires_at < :before "
                + "AND (access_token_expires_at IS NULL OR access_token_expires_at < :before)", before, batch);
    }

    /** Records of JWT access tokens (issued from codes) expired before {@code before}. */
    public int issuedAccessTokens(EntityManager em, Instant before, int batch) {
        return delete(em, "issued_access_token", "jti", "expires_at < :before", before, batch);
    }

    /** Opaque access tokens (reference tokens of kind {@code at}) expired or revoked before {@code before}. */
    public int referenceAccessTokens(EntityManager em, Instant before, int batch) {
        return delete(em, "reference_token", "token_hash",
                "kind = 'at' AND (expires_at < :before OR revoked_at < :before)", before, batch);
    }

    /** Personal and service access tokens (every other kind) expired or revoked before {@code before}. */
    public int personalAndServiceTokens(EntityManager em, Instant before, int batch) {
        return delete(em, "reference_token", "token_hash",
                "kind <> 'at' AND (expires_at < :before OR revoked_at < :before)", before, batch);
    }

    /** Application secrets whose overlap after a rotation ended (or that were retired) before {@code before}. */
    public int applicationSecrets(EntityManager em, Instant before, int batch) {
        return delete(em, "application_secret", "id", "expires_at < :before", before, batch);
    }

    /** Failed sign-in and client authentication counters last touched before {@code before}. */
    public int throttleCounters(EntityManager em, Instant before, int batch) {
        return delete(em, "login_throttle", "throttle_key", "updated_at < :before", before, batch);
    }

    private static int delete(EntityManager em, String table, String key, String expired, Instant before, int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("a batch holds at least one row");
        }
        // The batch size is an int of ours, never input: written into the statement, where both databases take it.
        return em.createNativeQuery("DELETE FROM " + table + " WHERE " + key + " IN (SELECT " + key + " FROM "
                        + table + " WHERE " + expired + " FETCH FIRST " + batch + " ROWS ONLY)")
                .setParameter("before", before)
                .executeUpdate();
    }
}
