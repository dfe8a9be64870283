package io.latchkey.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A JWT access token issued for a person's grant: its id, its refresh family, its expiry. */
@Entity
@Table(name = "issued_access_token")
public class IssuedAccessTokenEntity {
    @Id
    @Column(name = "jti", length = 64)
    private String jti;

    @Column(name = "family_id", nullable = false, length = 64)
    private String familyId;

    @Column(name = "client_id", nullable = false, length = 128)
    private String clientId;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    protected IssuedAccessTokenEntity() {
    }

    /** The {@code claims} request parameter (OIDC Core §5.5) of a token issued from the front channel, if any. */
    @Column(name = "claims_request", length = 4096)
    private String claimsRequest;

    public IssuedAccessTokenEntity(String jti, String familyId, String clientId, Instant expiresAt) {
        this.jti = jti;
        this.familyId = familyId;
        this.clientId = clientId;
        this.expiresAt = expiresAt;
    }

    public String getClaimsRequest() {
        return claimsRequest;
    }

    public void setClaimsRequest(String claimsRequest) {
        this.claimsRequest = claimsRequest;
    }

    public String getJti() {
        return jti;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }
}
