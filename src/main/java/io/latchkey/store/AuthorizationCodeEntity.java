package io.latchkey.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A one-time authorization code, stored as its hash. */
@Entity
@Table(name = "authorization_code")
public class AuthorizationCodeEntity {
    @Id
    @Column(name = "code_hash", length = 64)
    private String codeHash;

    @Column(name = "client_id", nullable = false, length = 128)
    private String clientId;

    @Column(name = "account_id", nullable = false)
    private Long accountId;

    @Column(name = "redirect_uri", nullable = false, length = 2048)
    private String redirectUri;

    /** Whether the authorization request named the redirect URI (then the token request must repeat it). */
    @Column(name = "redirect_uri_sent", nullable = false)
    private boolean redirectUriSent = true;

    /** Null only for a code issued without PKCE, to an application whose operator made PKCE optional. */
    @Column(name = "code_challenge", length = 128)
    private String codeChallenge;

    @Column(name = "nonce", length = 512)
    private String nonce;

    @Column(name = "scope", nullable = false, length = 2048)
    private String scope;

    @Column(name = "auth_time", nullable = false)
    private Instant authTime;

    @Column(name = "sid", nullable = false, length = 64)
    private String sid;

    @Column(name = "grant_id", nullable = false, length = 64)
    private String grantId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "consumed_at")
    private Instant consumedAt;

    /** The {@code claims} request parameter of the grant (OIDC Core §5.5) as the client sent it, if any. */
    @Column(name = "claims_request", length = 4096)
    private String claimsRequest;

    @Column(name = "access_token_jti", length = 64)
    private String accessTokenJti;

    @Column(name = "access_token_expires_at")
    private Instant accessTokenExpiresAt;

    protected AuthorizationCodeEntity() {
    }

    public AuthorizationCodeEntity(String codeHash, String clientId, Long accountId, String redirectUri, String codeChallenge, String nonce, String scope, Instant authTime, String sid, String grantId, Instant createdAt, Instant expiresAt, Instant consumedAt, String accessTokenJti, Instant accessTokenExpiresAt) {
        this.codeHash = codeHash;
        this.clientId = clientId;
        this.accountId = accountId;
        this.redirectUri = redirectUri;
        this.codeChallenge = codeChallenge;
        this.nonce = nonce;
        this.scope = scope;
        this.authTime = authTime;
        this.sid = sid;
        this.grantId = grantId;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
        this.consumedAt = consumedAt;
        this.accessTokenJti = accessTokenJti;
        this.accessTokenExpiresAt = accessTokenExpiresAt;
    }

    public String getCodeHash() {
        return codeHash;
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

    public String getRedirectUri() {
        return redirectUri;
    }

    public void setRedirectUri(String redirectUri) {
        this.redirectUri = redirectUri;
    }

    public String getCodeChallenge() {
        return codeChallenge;
    }

    public void setCodeChallenge(String codeChallenge) {
        this.codeChallenge = codeChallenge;
    }

    public String getNonce() {
        return nonce;
    }

    public void setNonce(String nonce) {
        this.nonce = nonce;
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

    public String getGrantId() {
        return grantId;
    }

    public void setGrantId(String grantId) {
        this.grantId = grantId;
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

    public Instant getConsumedAt() {
        return consumedAt;
    }

    public void setConsumedAt(Instant consumedAt) {
        this.consumedAt = consumedAt;
    }

    public String getAccessTokenJti() {
        return accessTokenJti;
    }

    public void setAccessTokenJti(String accessTokenJti) {
        this.accessTokenJti = accessTokenJti;
    }

    public Instant getAccessTokenExpiresAt() {
        return accessTokenExpiresAt;
    }

    public void setAccessTokenExpiresAt(Instant accessTokenExpiresAt) {
        this.accessTokenExpiresAt = accessTokenExpiresAt;
    }

    public boolean isRedirectUriSent() {
        return redirectUriSent;
    }

    public void setRedirectUriSent(boolean redirectUriSent) {
        this.redirectUriSent = redirectUriSent;
    }

    public String getClaimsRequest() {
        return claimsRequest;
    }

    public void setClaimsRequest(String claimsRequest) {
        this.claimsRequest = claimsRequest;
    }

    @Override
    public String toString() {
        return "AuthorizationCodeEntity";
    }
}
