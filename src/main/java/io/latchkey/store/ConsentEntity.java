package io.latchkey.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The scopes a person granted to an application. */
@Entity
@Table(name = "consent")
public class ConsentEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    private Long id;

    @Column(name = "account_id", nullable = false)
    private Long accountId;

    @Column(name = "client_id", nullable = false, length = 128)
    private String clientId;

    @Column(name = "scope", nullable = false, length = 2048)
    private String scope;

    @Column(name = "granted_at", nullable = false)
    private Instant grantedAt;

    protected ConsentEntity() {
    }

    public ConsentEntity(Long accountId, String clientId, String scope, Instant grantedAt) {
        this.accountId = accountId;
        this.clientId = clientId;
        this.scope = scope;
        this.grantedAt = grantedAt;
    }

    public Long getId() {
        return id;
    }

    public Long getAccountId() {
        return accountId;
    }

    public void setAccountId(Long accountId) {
        this.accountId = accountId;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public String getScope() {
        return scope;
    }

    public void setScope(String scope) {
        this.scope = scope;
    }

    public Instant getGrantedAt() {
        return grantedAt;
    }

    public void setGrantedAt(Instant grantedAt) {
        this.grantedAt = grantedAt;
    }

    @Override
    public String toString() {
        return "ConsentEntity";
    }
}
