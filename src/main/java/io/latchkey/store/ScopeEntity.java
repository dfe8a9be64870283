package io.latchkey.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "scope")
public class ScopeEntity {
    @Id
    @Column(name = "name", length = 128)
    private String name;

    /**
     * Moved only by {@link ScopeRepository#advanceVersion} (a conditional UPDATE), never written from the entity,
     * so that a flush cannot put back a version another transaction moved.
     */
    @Column(name = "version", nullable = false, insertable = false, updatable = false)
    private long version;

    @Column(name = "description", nullable = false, length = 512)
    private String description;

    /** The API (resource indicator) this scope belongs to; null for the default audience. */
    @Column(name = "audience", length = 512)
    private String audience;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected ScopeEntity() {
    }

    public ScopeEntity(String name, String description, String audience, Instant createdAt) {
        this.name = name;
        this.description = description;
        this.audience = audience;
        this.createdAt = createdAt;
    }

    public String getName() {
        return name;
    }

    public long getVersion() {
        return version;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public String getAudience() {
        return audience;
    }

    public void setAudience(String audience) {
        this.audience = audience;
    }
}
