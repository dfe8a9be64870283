package io.latchkey.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A refresh token, stored as its hash, in a family that rotation extends. */
@Entity
@Table(name = "refresh_token")
public class RefreshTokenEntity {
    @Id
    @Column(name = "token_hash", length = 64)
    private String tokenHash;

    @Column(name = "family_id", nullable = false, length = 64)
    private String familyId;

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

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "idle_expires_at", nullable = false)
    private Instant idleExpiresAt;

    @Column(name = "family_expires_at", nullable = false)
    private Instant familyExpiresAt;

    @Column(name = "rotated_at")
    private Instant rotatedAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    /** The JWT access token issued with this refresh token, if one was (its id, and until when it is valid). */
    /** The {@code claims} request parameter of the grant (OIDC Core §5.5) as the client sent it, if any. */
    @Column(name = "claims_request", length = 4096)
    private String claimsRequest;

    @Column(name = "access_token_jti", length = 64)
    private String accessTokenJti;

    @Column(name = "access_token_expires_at")
    private Instant accessTokenExpiresAt;

    protected RefreshTokenEntity() {
    }

    public RefreshTokenEntity(String tokenHash, String familyId, String clientId, Long accountId, String scope, Instant authTime, String sid, Instant createdAt, Instant idleExpiresAt, Instant familyExpiresAt, Instant rotatedAt, Instant revokedAt) {
        this.tokenHash = tokenHash;
        this.familyId = familyId;
        this.clientId = clientId;
        this.accountId = accountId;
        this.scope = scope;
        this.authTime = authTime;
        this.sid = sid;
        this.createdAt = createdAt;
        this.idleExpiresAt = idleExpiresAt;
        this.familyExpiresAt = familyExpiresAt;
        this.rotatedAt = rotatedAt;
        this.revokedAt = revokedAt;
    }

    public String getTokenHash() {
        return tokenHash;
    }

    public String getFamilyId() {
        return familyId;
    }

    public void setFamilyId(String familyId) {
        this.familyId = familyId;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public Long getAccountId() {
        return accountId;
    }

    public void setAccountId(Long accountId) {
        this.accountId = accountId;
    }

    public String getScope() {
        return scope;
    }

    public void setScope(String scope) {
        this.scope = scope;
    }

    public Instant getAuthTime() {
        return authTime;
    }

    public void setAuthTime(Instant authTime) {
        this.authTime = authTime;
    }

    public String getSid() {
        return sid;
    }

    public void setSid(String sid) {
        this.sid = sid;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(Instant createdAt) {
        this.createdAt = createdAt;
    }

    public Instant getIdleExpiresAt() {
        return idleExpiresAt;
    }

    public void setIdleExpiresAt(Instant idleExpiresAt) {
        this.idleExpiresAt = idleExpiresAt;
    }

    public Instant getFamilyExpiresAt() {
        return familyExpiresAt;
    }

    public void setFamilyExpiresAt(Instant familyExpiresAt) {
        this.familyExpiresAt = familyExpiresAt;
    }

    public Instant getRotatedAt() {
        return rotatedAt;
    }

    public void setRotatedAt(Instant rotatedAt) {
        this.rotatedAt = rotatedAt;
    }

    public Instant getRevokedAt() {
        return revokedAt;
    }

    public void setRevokedAt(Instant revokedAt) {
        this.revokedAt = revokedAt;
    }

    public String getClaimsRequest() {
        return claimsRequest;
    }

    public void setClaimsRequest(String claimsRequest) {
        this.claimsRequest = claimsRequest;
    }

    @Override
    public String toString() {
        return "RefreshTokenEntity";
    }

    public String getAccessTokenJti() {
        return accessTokenJti;
    }

    public Instant getAccessTokenExpiresAt() {
        return accessTokenExpiresAt;
    }

    public void setAccessToken(String jti, Instant expiresAt) {
        this.accessTokenJti = jti;
        this.accessTokenExpiresAt = expiresAt;
    }
}
