package io.latchkey.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A refresh token family: one sign-in grant's refresh token, updated in place by each rotation (schema 31). Mapped
 * for the administrators' listings and the bulk revocations; the refresh path reads and writes it with plain SQL
 * ({@link RefreshGrantRepository}).
 */
@Entity
@Table(name = "refresh_grant")
public class RefreshGrantEntity {
    @Id
    @Column(name = "family_id", length = 64)
    private String familyId;

    @Column(name = "family_key", nullable = false, length = 64)
    private String familyKey;

    @Column(name = "token_hash", nullable = false, length = 64)
    private String tokenHash;

    @Column(name = "client_id", nullable = false, length = 128)
    private String clientId;

    @Column(name = "account_id", nullable = false)
    private Long accountId;

    @Column(name = "scope", nullable = false, length = 2048)
    private String scope;

    @Column(name = "auth_time", nullable = false)
    private Instant authTime;

    @Column(name = "sid", nullable = false, length = 64)
    private String sid;

    @Column(name = "claims_request", length = 4096)
    private String claimsRequest;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "refreshed_at", nullable = false)
    private Instant refreshedAt;

    @Column(name = "refreshes", nullable = false)
    private Integer refreshes;

    @Column(name = "idle_expires_at", nullable = false)
    private Instant idleExpiresAt;

    @Column(name = "family_expires_at", nullable = false)
    private Instant familyExpiresAt;

    @Column(name = "access_tokens_expire_at")
    private Instant accessTokensExpireAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected RefreshGrantEntity() {
    }

    public String getFamilyId() {
        return familyId;
    }

    public String getClientId() {
        return clientId;
    }

    public Long getAccountId() {
        return accountId;
    }

    public Instant getRevokedAt() {
        return revokedAt;
    }
}
