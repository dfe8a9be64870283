package io.latchkey.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A personal or service access token, stored as its hash, with when it was last used. */
@Entity
@Table(name = "reference_token")
public class ReferenceTokenEntity {
    @Id
    @Column(name = "token_hash", length = 64)
    private String tokenHash;

    @Column(name = "kind", nullable = false, length = 8)
    private String kind;

    @Column(name = "name", nullable = false, length = 100)
    private String name;

    @Column(name = "client_id", nullable = false, length = 128)
    private String clientId;

    @Column(name = "account_id")
    private Long accountId;

    @Column(name = "subject", nullable = false, length = 160)
    private String subject;

    @Column(name = "created_by")
    private Long createdBy;

    @Column(name = "scope", nullable = false, length = 2048)
    private String scope;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    /** The claims request parameter of an opaque access token's sign-in, when it asked for UserInfo claims. */
    @Column(name = "claims_request", length = 4096)
    private String claimsRequest;

    protected ReferenceTokenEntity() {
    }

    public ReferenceTokenEntity(String tokenHash, String kind, String name, String clientId, Long accountId,
                                String subject, Long createdBy, String scope, Instant createdAt, Instant expiresAt) {
        this.tokenHash = tokenHash;
        this.kind = kind;
        this.name = name;
        this.clientId = clientId;
        this.accountId = accountId;
        this.subject = subject;
        this.createdBy = createdBy;
        this.scope = scope;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    public String getTokenHash() {
        return tokenHash;
    }

    public String getKind() {
        return kind;
    }

    public String getName() {
        return name;
    }

    public String getClientId() {
        return clientId;
    }

    public Long getAccountId() {
        return accountId;
    }

    public String getSubject() {
        return subject;
    }

    public Long getCreatedBy() {
        return createdBy;
    }

    public String getScope() {
        return scope;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }

    public Instant getLastUsedAt() {
        return lastUsedAt;
    }

    public Instant getRevokedAt() {
        return revokedAt;
    }

    public String getClaimsRequest() {
        return claimsRequest;
    }

    public void setClaimsRequest(String claimsRequest) {
        this.claimsRequest = claimsRequest;
    }

    @Override
    public String toString() {
        return "ReferenceTokenEntity";
    }
}
