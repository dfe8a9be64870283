package io.latchkey.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A signed-in browser; the cookie value is stored only as its hash. */
@Entity
@Table(name = "browser_session")
public class BrowserSessionEntity {
    @Id
    @Column(name = "id_hash", length = 64)
    private String idHash;

    @Column(name = "sid", nullable = false, length = 64)
    private String sid;

    @Column(name = "account_id", nullable = false)
    private Long accountId;

    @Column(name = "auth_time", nullable = false)
    private Instant authTime;

    @Column(name = "amr", nullable = false, length = 64)
    private String amr;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "last_seen_at", nullable = false)
    private Instant lastSeenAt;

    @Column(name = "idle_expires_at", nullable = false)
    private Instant idleExpiresAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    protected BrowserSessionEntity() {
    }

    public BrowserSessionEntity(String idHash, String sid, Long accountId, Instant authTime, String amr, Instant createdAt, Instant lastSeenAt, Instant idleExpiresAt, Instant expiresAt) {
        this.idHash = idHash;
        this.sid = sid;
        this.accountId = accountId;
        this.authTime = authTime;
        this.amr = amr;
        this.createdAt = createdAt;
        this.lastSeenAt = lastSeenAt;
        this.idleExpiresAt = idleExpiresAt;
        this.expiresAt = expiresAt;
    }

    public String getIdHash() {
        return idHash;
    }

    public String getSid() {
        return sid;
    }

    public void setSid(String sid) {
        this.sid = sid;
    }

    public Long getAccountId() {
        return accountId;
    }

    public void setAccountId(Long accountId) {
        this.accountId = accountId;
    }

    public Instant getAuthTime() {
        return authTime;
    }

    public void setAuthTime(Instant authTime) {
        this.authTime = authTime;
    }

    public String getAmr() {
        return amr;
    }

    public void setAmr(String amr) {
        this.amr = amr;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(Instant createdAt) {
        this.createdAt = createdAt;
    }

    public Instant getLastSeenAt() {
        return lastSeenAt;
    }

    public void setLastSeenAt(Instant lastSeenAt) {
        this.lastSeenAt = lastSeenAt;
    }

    public Instant getIdleExpiresAt() {
        return idleExpiresAt;
    }

    public void setIdleExpiresAt(Instant idleExpiresAt) {
        this.idleExpiresAt = idleExpiresAt;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }

    public void setExpiresAt(Instant expiresAt) {
        this.expiresAt = expiresAt;
    }

    @Override
    public String toString() {
        return "BrowserSessionEntity";
    }
}
