package io.latchkey.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A person who signs in; the password is stored only as an Argon2id hash. */
@Entity
@Table(name = "account")
public class AccountEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    private Long id;

    /**
     * Moved only by {@link AccountRepository#advanceVersion} (a conditional UPDATE), never written from the entity,
     * so that a flush cannot put back a version another transaction moved.
     */
    @Column(name = "version", nullable = false, insertable = false, updatable = false)
    private long version;

    @Column(name = "subject", nullable = false, length = 64)
    private String subject;

    @Column(name = "username", nullable = false, length = 128)
    private String username;

    @Column(name = "display_name", length = 200)
    private String displayName;

    @Column(name = "email", length = 320)
    private String email;

    @Column(name = "email_verified", nullable = false)
    private boolean emailVerified;

    @Column(name = "admin", nullable = false)
    private boolean admin;

    @Column(name = "enabled", nullable = false)
    private boolean enabled;

    /** Access tokens issued before this instant are inactive (set by a disable, or a person's password change). */
    @Column(name = "tokens_not_before")
    private Instant tokensNotBefore;

    @Column(name = "password_hash", length = 512)
    private String passwordHash;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected AccountEntity() {
    }

    public AccountEntity(String subject, String username, String displayName, String email, boolean emailVerified, boolean admin, boolean enabled, String passwordHash, Instant createdAt, Instant updatedAt) {
        this.subject = subject;
        this.username = username;
        this.displayName = displayName;
        this.email = email;
        this.emailVerified = emailVerified;
        this.admin = admin;
        this.enabled = enabled;
        this.passwordHash = passwordHash;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
    }

    public Long getId() {
        return id;
    }

    public long getVersion() {
        return version;
    }

    public String getSubject() {
        return subject;
    }

    public void setSubject(String subject) {
        this.subject = subject;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public boolean isEmailVerified() {
        return emailVerified;
    }

    public void setEmailVerified(boolean emailVerified) {
        this.emailVerified = emailVerified;
    }

    public boolean isAdmin() {
        return admin;
    }

    public void setAdmin(boolean admin) {
        this.admin = admin;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Instant getTokensNotBefore() {
        return tokensNotBefore;
    }

    public void setTokensNotBefore(Instant tokensNotBefore) {
        this.tokensNotBefore = tokensNotBefore;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public void setPasswordHash(String passwordHash) {
        this.passwordHash = passwordHash;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(Instant createdAt) {
        this.createdAt = createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public void setUpdatedAt(Instant updatedAt) {
        this.updatedAt = updatedAt;
    }

    @Override
    public String toString() {
        return "AccountEntity";
    }
}
