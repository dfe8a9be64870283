package io.latchkey.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An authorization request waiting for sign-in or consent, bound to one browser. */
@Entity
@Table(name = "authorization_interaction")
public class InteractionEntity {
    @Id
    @Column(name = "id_hash", length = 64)
    private String idHash;

    @Column(name = "browser_hash", nullable = false, length = 64)
    private String browserHash;

    @Column(name = "client_id", nullable = false, length = 128)
    private String clientId;

    @Column(name = "request_json", nullable = false, length = 8192)
    private String requestJson;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    protected InteractionEntity() {
    }

    public InteractionEntity(String idHash, String browserHash, String clientId, String requestJson, Instant createdAt, Instant expiresAt) {
        this.idHash = idHash;
        this.browserHash = browserHash;
        this.clientId = clientId;
        this.requestJson = requestJson;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    public String getIdHash() {
        return idHash;
    }

    public String getBrowserHash() {
        return browserHash;
    }

    public void setBrowserHash(String browserHash) {
        this.browserHash = browserHash;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public String getRequestJson() {
        return requestJson;
    }

    public void setRequestJson(String requestJson) {
        this.requestJson = requestJson;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(Instant createdAt) {
        this.createdAt = createdAt;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }

    public void setExpiresAt(Instant expiresAt) {
        this.expiresAt = expiresAt;
    }

    @Override
    public String toString() {
        return "InteractionEntity";
    }
}
