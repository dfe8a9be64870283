package io.latchkey.store;

import jakarta.persistence.CascadeType;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

@Entity
@Table(name = "application")
public class ApplicationEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    private Long id;

    @Column(name = "client_id", nullable = false, unique = true, length = 128)
    private String clientId;

    /**
     * Moved only by {@link ApplicationRepository#advanceVersion} (a conditional UPDATE), never written from the
     * entity, so that a flush cannot put back a version another transaction moved.
     */
    @Column(name = "version", nullable = false, insertable = false, updatable = false)
    private long version;

    @Column(name = "name", nullable = false, length = 200)
    private String name;

    /** ClientType wire name: web, spa, native, m2m. */
    @Column(name = "type", nullable = false, length = 16)
    private String type;

    @Column(name = "enabled", nullable = false)
    private boolean enabled;

    /** Access tokens issued before this instant are inactive (set by a disable, or a person's password change). */
    @Column(name = "tokens_not_before")
    private Instant tokensNotBefore;

    /** AccessTokenPolicy wire name. */
    @Column(name = "access_token_policy", nullable = false, length = 32)
    private String accessTokenPolicy;

    /** First-party applications skip the consent page. */
    @Column(name = "first_party", nullable = false)
    private boolean firstParty;

    /** A public application that opted in to (always rotated) refresh tokens. */
    @Column(name = "refresh_tokens", nullable = false)
    private boolean refreshTokens;

    /** An operator's grant to introspect every token, not only its own and those for its APIs. */
    @Column(name = "introspect_any", nullable = false)
    private boolean introspectAny;

    /** Longest lifetime of a personal or service access token for this application. */
    @Column(name = "max_reference_token_days", nullable = false)
    private int maxReferenceTokenDays = 90;

    /** Whether the (otherwise disabled) password grant is allowed for this application. */
    @Column(name = "password_grant", nullable = false)
    private boolean passwordGrant;

    /** "required" or "optional" (client.PkcePolicy). */
    @Column(name = "pkce", nullable = false, length = 16)
    private String pkce = "required";

    @Column(name = "implicit_by_fragment", nullable = false)
    private boolean implicitByFragment;

    /** The application's JWK Set as JSON text (public keys only), or null; never together with jwksUri. */
    @Column(name = "jwks", length = 65536)
    private String jwks;

    @Column(name = "jwks_uri", length = 2048)
    private String jwksUri;

    /** The application's access token lifetime in seconds (V26), or null: LATCHKEY_ACCESS_TOKEN_TTL. */
    @Column(name = "access_token_lifetime")
    private Integer accessTokenLifetime;

    /** Seconds an unused refresh token of the application lives (V26), or null: LATCHKEY_REFRESH_TOKEN_IDLE_TTL. */
    @Column(name = "refresh_token_idle_lifetime")
    private Integer refreshTokenIdleLifetime;

    /** Seconds a refresh token family of the application lives (V26), or null: LATCHKEY_REFRESH_TOKEN_MAX_TTL. */
    @Column(name = "refresh_token_max_lifetime")
    private Integer refreshTokenMaxLifetime;

    /** "RS256", "PS256", "ES256", "none", or null: any of the three signed ones (client.RequestObjectAlgorithm). */
    @Column(name = "request_object_signing_alg", length = 16)
    private String requestObjectSigningAlg;

    /** "RS256", "PS256", "ES256" or null: the server's default (key.SigningAlgorithm). */
    @Column(name = "id_token_signed_response_alg", length = 16)
    private String idTokenSignedResponseAlg;

    /** Allowed response types, comma-separated (each one space-separated, e.g. "code,code id_token"). */
    @Column(name = "response_types", nullable = false, length = 256)
    private String responseTypes = "code";

    /** jwt (default) or reference. */
    @Column(name = "access_token_format", nullable = false, length = 16)
    private String accessTokenFormat = "jwt";

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @ElementCollection
    @CollectionTable(name = "application_redirect_uri", joinColumns = @JoinColumn(name = "application_id"))
    @OrderColumn(name = "sort_order")
    @Column(name = "uri", nullable = false, length = 2048)
    private List<String> redirectUris = new ArrayList<>();

    @ElementCollection
    @CollectionTable(name = "application_post_logout_uri", joinColumns = @JoinColumn(name = "application_id"))
    @OrderColumn(name = "sort_order")
    @Column(name = "uri", nullable = false, length = 2048)
    private List<String> postLogoutRedirectUris = new ArrayList<>();

    /** The explicit CORS origins of a public application (V23); empty: its redirect URIs' origins. */
    @ElementCollection
    @CollectionTable(name = "application_web_origin", joinColumns = @JoinColumn(name = "application_id"))
    @OrderColumn(name = "sort_order")
    @Column(name = "origin", nullable = false, length = 2048)
    private List<String> webOrigins = new ArrayList<>();

    @ElementCollection
    @CollectionTable(name = "application_scope", joinColumns = @JoinColumn(name = "application_id"))
    @Column(name = "scope_name", nullable = false, length = 128)
    private Set<String> allowedScopes = new LinkedHashSet<>();

    @ElementCollection
    @CollectionTable(name = "application_default_scope", joinColumns = @JoinColumn(name = "application_id"))
    @Column(name = "scope_name", nullable = false, length = 128)
    private Set<String> defaultScopes = new LinkedHashSet<>();

    @OneToMany(mappedBy = "application", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("createdAt")
    private List<ApplicationSecretEntity> secrets = new ArrayList<>();

    protected ApplicationEntity() {
    }

    public ApplicationEntity(String clientId, Instant createdAt) {
        this.clientId = clientId;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
    }

    public Long getId() {
        return id;
    }

    public String getClientId() {
        return clientId;
    }

    public long getVersion() {
        return version;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
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

    public String getAccessTokenPolicy() {
        return accessTokenPolicy;
    }

    public void setAccessTokenPolicy(String accessTokenPolicy) {
        this.accessTokenPolicy = accessTokenPolicy;
    }

    public boolean isFirstParty() {
        return firstParty;
    }

    public void setFirstParty(boolean firstParty) {
        this.firstParty = firstParty;
    }

    public boolean isRefreshTokens() {
        return refreshTokens;
    }

    public void setRefreshTokens(boolean refreshTokens) {
        this.refreshTokens = refreshTokens;
    }

    public boolean isIntrospectAny() {
        return introspectAny;
    }

    public void setIntrospectAny(boolean introspectAny) {
        this.introspectAny = introspectAny;
    }

    public int getMaxReferenceTokenDays() {
        return maxReferenceTokenDays;
    }

    public void setMaxReferenceTokenDays(int maxReferenceTokenDays) {
        this.maxReferenceTokenDays = maxReferenceTokenDays;
    }

    public boolean isPasswordGrant() {
        return passwordGrant;
    }

    public String getPkce() {
        return pkce;
    }

    public void setPkce(String pkce) {
        this.pkce = pkce;
    }

    public boolean isImplicitByFragment() {
        return implicitByFragment;
    }

    public void setImplicitByFragment(boolean implicitByFragment) {
        this.implicitByFragment = implicitByFragment;
    }

    public String getJwks() {
        return jwks;
    }

    public void setJwks(String jwks) {
        this.jwks = jwks;
    }

    public String getJwksUri() {
        return jwksUri;
    }

    public void setJwksUri(String jwksUri) {
        this.jwksUri = jwksUri;
    }

    public Integer getAccessTokenLifetime() {
        return accessTokenLifetime;
    }

    public void setAccessTokenLifetime(Integer accessTokenLifetime) {
        this.accessTokenLifetime = accessTokenLifetime;
    }

    public Integer getRefreshTokenIdleLifetime() {
        return refreshTokenIdleLifetime;
    }

    public void setRefreshTokenIdleLifetime(Integer refreshTokenIdleLifetime) {
        this.refreshTokenIdleLifetime = refreshTokenIdleLifetime;
    }

    public Integer getRefreshTokenMaxLifetime() {
        return refreshTokenMaxLifetime;
    }

    public void setRefreshTokenMaxLifetime(Integer refreshTokenMaxLifetime) {
        this.refreshTokenMaxLifetime = refreshTokenMaxLifetime;
    }

    public String getRequestObjectSigningAlg() {
        return requestObjectSigningAlg;
    }

    public void setRequestObjectSigningAlg(String requestObjectSigningAlg) {
        this.requestObjectSigningAlg = requestObjectSigningAlg;
    }

    public String getIdTokenSignedResponseAlg() {
        return idTokenSignedResponseAlg;
    }

    public void setIdTokenSignedResponseAlg(String idTokenSignedResponseAlg) {
        this.idTokenSignedResponseAlg = idTokenSignedResponseAlg;
    }

    public void setPasswordGrant(boolean passwordGrant) {
        this.passwordGrant = passwordGrant;
    }

    public String getResponseTypes() {
        return responseTypes;
    }

    public void setResponseTypes(String responseTypes) {
        this.responseTypes = responseTypes;
    }

    public String getAccessTokenFormat() {
        return accessTokenFormat;
    }

    public void setAccessTokenFormat(String accessTokenFormat) {
        this.accessTokenFormat = accessTokenFormat;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public void setUpdatedAt(Instant updatedAt) {
        this.updatedAt = updatedAt;
    }

    public List<String> getRedirectUris() {
        return redirectUris;
    }

    public List<String> getPostLogoutRedirectUris() {
        return postLogoutRedirectUris;
    }

    public List<String> getWebOrigins() {
        return webOrigins;
    }

    public Set<String> getAllowedScopes() {
        return allowedScopes;
    }

    public Set<String> getDefaultScopes() {
        return defaultScopes;
    }

    public List<ApplicationSecretEntity> getSecrets() {
        return secrets;
    }
}
