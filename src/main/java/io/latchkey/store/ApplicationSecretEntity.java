package io.latchkey.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;

/** A client secret, stored only as its SHA-256 hash (base64url). */
@Entity
@Table(name = "application_secret")
public class ApplicationSecretEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "application_id", nullable = false)
    private ApplicationEntity application;

    @Column(name = "secret_hash", nullable = false, length = 64)
    private String secretHash;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** Null while the secret is current; set when a rotation gives it a last day. */
    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    protected ApplicationSecretEntity() {
    }

    public ApplicationSecretEntity(ApplicationEntity application, String secretHash, Instant createdAt) {
        this.application = application;
        this.secretHash = secretHash;
        this.createdAt = createdAt;
    }

    public Long getId() {
        return id;
    }

    public String getSecretHash() {
        return secretHash;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }

    public void setExpiresAt(Instant expiresAt) {
        this.expiresAt = expiresAt;
    }

    @Override
    public String toString() {
        return "ApplicationSecretEntity[id=" + id + ", createdAt=" + createdAt + ", expiresAt=" + expiresAt + "]";
    }

    /** When the secret was last presented successfully (to the minute), or null when never. */
    public Instant getLastUsedAt() {
        return lastUsedAt;
    }
}
