package io.latchkey.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.latchkey.client.ApplicationDefinition;
import io.latchkey.client.ApplicationPolicy;
import io.latchkey.client.ApplicationView;
import io.latchkey.client.RequestObjectAlgorithm;
import io.latchkey.client.ResponseType;
import io.latchkey.client.TokenLifetimes;
import io.latchkey.config.ServerTokenLifetimes;
import io.latchkey.key.SigningAlgorithm;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * An application as the admin API answers it: the import file's fields (so a representation, without its
 * read-only {@code version}, {@code created_at} and {@code updated_at}, is a valid import entry) and never a
 * secret or its hash — except {@code secret}, present only in the one answer that generated it. {@code warnings}
 * (read-only, absent when there is none) names each protection an operator weakened for it
 * ({@link ApplicationPolicy#warnings}). The application's own token lifetimes are always present, {@code null}
 * where the server's setting applies; the read-only {@code effective_…} fields say what its tokens get (the refresh
 * ones only for an application that may hold refresh tokens).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApplicationRepresentation(
        @JsonProperty("client_id") String clientId,
        @JsonProperty("name") String name,
        @JsonProperty("type") String type,
        @JsonProperty("redirect_uris") List<String> redirectUris,
        @JsonProperty("post_logout_redirect_uris") List<String> postLogoutRedirectUris,
        @Schema(description = "CORS origins (scheme://host[:port]) of a public application's pages; empty: the "
                + "origins of its redirect URIs")
        @JsonProperty("web_origins") List<String> webOrigins,
        @JsonProperty("scopes") List<String> scopes,
        @JsonProperty("default_scopes") List<String> defaultScopes,
        @JsonProperty("enabled") boolean enabled,
        @JsonProperty("access_tokens") String accessTokens,
        @JsonProperty("first_party") boolean firstParty,
        @JsonProperty("refresh_tokens") boolean refreshTokens,
        @JsonProperty("introspect_any") boolean introspectAny,
        @JsonProperty("max_token_lifetime_days") int maxTokenLifetimeDays,
        @JsonProperty("password_grant") boolean passwordGrant,
        @JsonProperty("response_types") List<String> responseTypes,
        @JsonProperty("access_token_format") String accessTokenFormat,
        @JsonProperty("pkce") String pkce,
        @JsonProperty("implicit_by_fragment") boolean implicitByFragment,
        @Schema(type = "object", description = "the application's JWK Set (public keys), when registered by value")
        @JsonProperty("jwks") JsonNode jwks,
        @JsonProperty("jwks_uri") String jwksUri,
        @Schema(allowableValues = {"RS256", "PS256", "ES256", "none"})
        @JsonProperty("request_object_signing_alg") String requestObjectSigningAlg,
        @Schema(allowableValues = {"RS256", "PS256", "ES256"})
        @JsonProperty("id_token_signed_response_alg") String idTokenSignedResponseAlg,
        @Schema(description = ApplicationInput.ACCESS_TOKEN_LIFETIME, nullable = true)
        @JsonInclude(JsonInclude.Include.ALWAYS)
        @JsonProperty("access_token_lifetime") Long accessTokenLifetime,
        @Schema(description = ApplicationInput.REFRESH_TOKEN_IDLE_LIFETIME, nullable = true)
        @JsonInclude(JsonInclude.Include.ALWAYS)
        @JsonProperty("refresh_token_idle_lifetime") Long refreshTokenIdleLifetime,
        @Schema(description = ApplicationInput.REFRESH_TOKEN_MAX_LIFETIME, nullable = true)
        @JsonInclude(JsonInclude.Include.ALWAYS)
        @JsonProperty("refresh_token_max_lifetime") Long refreshTokenMaxLifetime,
        @Schema(description = "Seconds its access and ID tokens live: its own lifetime, else the server's",
                accessMode = Schema.AccessMode.READ_ONLY)
        @JsonProperty(value = "effective_access_token_lifetime", access = JsonProperty.Access.READ_ONLY)
        long effectiveAccessTokenLifetime,
        @Schema(description = "Seconds an unused refresh token lives: its own, else the server's; absent for an "
                + "application that cannot hold refresh tokens", accessMode = Schema.AccessMode.READ_ONLY)
        @JsonProperty(value = "effective_refresh_token_idle_lifetime", access = JsonProperty.Access.READ_ONLY)
        Long effectiveRefreshTokenIdleLifetime,
        @Schema(description = "Seconds a refresh token family lives: its own, else the server's; absent for an "
                + "application that cannot hold refresh tokens", accessMode = Schema.AccessMode.READ_ONLY)
        @JsonProperty(value = "effective_refresh_token_max_lifetime", access = JsonProperty.Access.READ_ONLY)
        Long effectiveRefreshTokenMaxLifetime,
        @JsonProperty(value = "warnings", access = JsonProperty.Access.READ_ONLY) List<String> warnings,
        @JsonProperty(value = "version", access = JsonProperty.Access.READ_ONLY) long version,
        @JsonProperty(value = "created_at", access = JsonProperty.Access.READ_ONLY) String createdAt,
        @JsonProperty(value = "updated_at", access = JsonProperty.Access.READ_ONLY) String updatedAt,
        @JsonProperty(value = "secret", access = JsonProperty.Access.READ_ONLY) String secret) {

    /** With the settings' default lifetimes as the effective ones (for a merge patch, which drops them). */
    public static ApplicationRepresentation of(ApplicationView view) {
        return of(view, ServerTokenLifetimes.DEFAULTS);
    }

    /** With the effective lifetimes the application gets on a server with the lifetimes {@code server}. */
    public static ApplicationRepresentation of(ApplicationView view, ServerTokenLifetimes server) {
        ApplicationDefinition d = view.definition();
        TokenLifetimes own = d.lifetimes();
        boolean refreshing = d.mayHoldRefreshTokens();
        return new ApplicationRepresentation(d.clientId(), d.name(), d.type().wireName(), d.redirectUris(),
                d.postLogoutRedirectUris(), d.webOrigins(), d.scopes().stream().sorted().toList(), d.defaultScopes().stream().sorted().toList(),
                d.enabled(),
                d.accessTokens().wireName(), d.firstParty(), d.refreshTokens(), d.introspectAny(),
                d.maxReferenceTokenDays(), d.passwordGrant(),
                d.responseTypes().stream().map(ResponseType::wireName).sorted().toList(),
                d.referenceAccessTokens() ? "reference" : "jwt", d.pkce().wireName(), d.implicitByFragment(),
                d.signing().jwks().map(ApplicationRepresentation::json).orElse(null), d.signing().jwksUri().orElse(null),
                d.signing().requestObjectAlgorithm().map(RequestObjectAlgorithm::wireName).orElse(null),
                d.signing().idTokenAlgorithm().map(SigningAlgorithm::name).orElse(null),
                own.accessToken().map(java.time.Duration::toSeconds).orElse(null),
                own.refreshIdle().map(java.time.Duration::toSeconds).orElse(null),
                own.refreshMax().map(java.time.Duration::toSeconds).orElse(null),
                own.effectiveAccessToken(server).toSeconds(),
                refreshing ? own.effectiveRefreshIdle(server).toSeconds() : null,
                refreshing ? own.effectiveRefreshMax(server).toSeconds() : null,
                nullIfEmpty(ApplicationPolicy.warnings(d)), view.version(), view.createdAt().toString(),
                view.updatedAt().toString(), null);
    }

    /** This representation with the secret the server just generated, for the one answer that shows it. */
    public ApplicationRepresentation withSecret(String generated) {
        return new ApplicationRepresentation(clientId, name, type, redirectUris, postLogoutRedirectUris, webOrigins, scopes,
                defaultScopes, enabled, accessTokens, firstParty, refreshTokens, introspectAny, maxTokenLifetimeDays,
                passwordGrant, responseTypes, accessTokenFormat, pkce, implicitByFragment, jwks, jwksUri,
                requestObjectSigningAlg, idTokenSignedResponseAlg, accessTokenLifetime, refreshTokenIdleLifetime,
                refreshTokenMaxLifetime, effectiveAccessTokenLifetime, effectiveRefreshTokenIdleLifetime,
                effectiveRefreshTokenMaxLifetime, warnings, version, createdAt,
                updatedAt, generated);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored jwks is not JSON", e);
        }
    }

    private static List<String> nullIfEmpty(List<String> values) {
        return values.isEmpty() ? null : values;
    }

    @Override
    public String toString() {
        return "ApplicationRepresentation[" + clientId + ", version " + version + (secret == null ? "" : ", secret ***")
                + "]";
    }
}
