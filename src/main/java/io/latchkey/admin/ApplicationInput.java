package io.latchkey.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.latchkey.client.AccessTokenPolicy;
import io.latchkey.client.ApplicationDefinition;
import io.latchkey.client.ClientSigning;
import io.latchkey.client.ClientType;
import io.latchkey.client.PkcePolicy;
import io.latchkey.client.RequestObjectAlgorithm;
import io.latchkey.client.ResponseType;
import io.latchkey.client.TokenLifetimes;
import io.latchkey.error.Violation;
import io.latchkey.key.SigningAlgorithm;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * An application as a request body declares it (create, or the result of a merge patch): the import file's field
 * names (DESIGN §8) and its defaults for absent fields. Types are checked by {@link StrictJson}; closed sets
 * (type, access_tokens, response_types, access_token_format, pkce) and required fields here; the rules of an
 * application in {@link io.latchkey.client.ApplicationPolicy}, by the command. There is no {@code secret}: the
 * server generates secrets and shows each once.
 */
public record ApplicationInput(
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
        @JsonProperty("enabled") Boolean enabled,
        @JsonProperty("access_tokens") String accessTokens,
        @JsonProperty("first_party") Boolean firstParty,
        @JsonProperty("refresh_tokens") Boolean refreshTokens,
        @JsonProperty("introspect_any") Boolean introspectAny,
        @JsonProperty("max_token_lifetime_days") Integer maxTokenLifetimeDays,
        @JsonProperty("password_grant") Boolean passwordGrant,
        @JsonProperty("response_types") List<String> responseTypes,
        @JsonProperty("access_token_format") String accessTokenFormat,
        @JsonProperty("pkce") String pkce,
        @JsonProperty("implicit_by_fragment") Boolean implicitByFragment,
        @Schema(type = "object", description = "the application's JWK Set (RFC 7517 §5), public RSA or EC P-256 keys "
                + "only, to verify its request objects; never together with jwks_uri")
        @JsonProperty("jwks") JsonNode jwks,
        @Schema(description = "where the application publishes its JWK Set (https)")
        @JsonProperty("jwks_uri") String jwksUri,
        @Schema(allowableValues = {"RS256", "PS256", "ES256", "none"}, description = "the only algorithm its request "
                + "objects may use; absent: RS256, PS256 or ES256; none (unsigned) only when named here")
        @JsonProperty("request_object_signing_alg") String requestObjectSigningAlg,
        @Schema(allowableValues = {"RS256", "PS256", "ES256"}, description = "the algorithm of its ID tokens, one of "
                + "the enabled ones; absent: the server's default")
        @JsonProperty("id_token_signed_response_alg") String idTokenSignedResponseAlg,
        @Schema(description = ACCESS_TOKEN_LIFETIME, minimum = "60", maximum = "86400", nullable = true)
        @JsonProperty("access_token_lifetime") Long accessTokenLifetime,
        @Schema(description = REFRESH_TOKEN_IDLE_LIFETIME, minimum = "300", maximum = "31536000", nullable = true)
        @JsonProperty("refresh_token_idle_lifetime") Long refreshTokenIdleLifetime,
        @Schema(description = REFRESH_TOKEN_MAX_LIFETIME, minimum = "300", maximum = "31536000", nullable = true)
        @JsonProperty("refresh_token_max_lifetime") Long refreshTokenMaxLifetime) {

    static final String ACCESS_TOKEN_LIFETIME = "Seconds its access tokens (and ID tokens) live, 60 to 86400; "
            + "null or absent: the server's LATCHKEY_ACCESS_TOKEN_TTL";
    static final String REFRESH_TOKEN_IDLE_LIFETIME = "Seconds an unused refresh token of it lives, 300 to 31536000 "
            + "and no longer than its maximum; null or absent: the server's LATCHKEY_REFRESH_TOKEN_IDLE_TTL. Only for "
            + "applications that may hold refresh tokens (web; spa and native with refresh_tokens)";
    static final String REFRESH_TOKEN_MAX_LIFETIME = "Seconds a refresh token family of it lives from sign-in, "
            + "however often rotated, 300 to 31536000; null or absent: the server's LATCHKEY_REFRESH_TOKEN_MAX_TTL. "
            + "Only for applications that may hold refresh tokens";

    /** Fields a client reads but never writes; one in a request body is refused. */
    public static final Set<String> READ_ONLY = Set.of("version", "created_at", "updated_at", "warnings",
            "effective_access_token_lifetime", "effective_refresh_token_idle_lifetime",
            "effective_refresh_token_max_lifetime");
    /** The import file's default for {@code max_token_lifetime_days}. */
    public static final int DEFAULT_MAX_TOKEN_LIFETIME_DAYS = 90;

    /**
     * The violations of the fields of {@code body} that no request may send: read-only ones and {@code secret}.
     */
    static List<Violation> forbiddenFields(com.fasterxml.jackson.databind.JsonNode body) {
        List<Violation> violations = new ArrayList<>();
        for (String field : new java.util.TreeSet<>(READ_ONLY)) {
            if (body.has(field)) {
                violations.add(new Violation(field, "is read-only"));
            }
        }
        if (body.has("secret")) {
            violations.add(new Violation("secret", "is generated by the server and shown once; "
                    + "rotate it with POST .../secrets"));
        }
        return violations;
    }

    /** The definition this input declares, with the import file's defaults; the closed sets checked. */
    public ApplicationDefinition definition() {
        List<Violation> violations = new ArrayList<>();
        if (clientId == null || clientId.isEmpty()) {
            violations.add(new Violation("client_id", "is required"));
        }
        Optional<ClientType> clientType = Optional.empty();
        if (type == null) {
            violations.add(new Violation("type", "is required"));
        } else {
            clientType = ClientType.fromWireName(type).filter(t -> t.wireName().equals(type));
            if (clientType.isEmpty()) {
                violations.add(new Violation("type", oneOf(Stream.of(ClientType.values()).map(ClientType::wireName))));
            }
        }
        AccessTokenPolicy tokens = AccessTokenPolicy.NONE;
        if (accessTokens != null) {
            Optional<AccessTokenPolicy> policy = AccessTokenPolicy.fromWireName(accessTokens);
            if (policy.isEmpty()) {
                violations.add(new Violation("access_tokens",
                        oneOf(Stream.of(AccessTokenPolicy.values()).map(AccessTokenPolicy::wireName))));
            } else {
                tokens = policy.get();
            }
        }
        Set<ResponseType> types = new LinkedHashSet<>(List.of(ResponseType.CODE));
        List<String> requested = responseTypes == null ? List.of() : responseTypes;
        for (int i = 0; i < requested.size(); i++) {
            Optional<ResponseType> parsed = ResponseType.parse(requested.get(i));
            if (parsed.isEmpty()) {
                violations.add(new Violation("response_types[" + i + "]",
                        oneOf(Stream.of(ResponseType.values()).map(ResponseType::wireName))));
            } else {
                types.add(parsed.get());
            }
        }
        String format = accessTokenFormat == null ? "jwt" : accessTokenFormat;
        if (!format.equals("jwt") && !format.equals("reference")) {
            violations.add(new Violation("access_token_format", "must be jwt or reference"));
        }
        PkcePolicy pkcePolicy = PkcePolicy.DEFAULT;
        if (pkce != null) {
            Optional<PkcePolicy> parsed = PkcePolicy.fromWireName(pkce);
            if (parsed.isEmpty()) {
                violations.add(new Violation("pkce", oneOf(Stream.of(PkcePolicy.values()).map(PkcePolicy::wireName))));
            } else {
                pkcePolicy = parsed.get();
            }
        }
        ClientSigning signing = signing(violations);
        if (!violations.isEmpty()) {
            throw AdminProblem.invalid(violations);
        }
        Set<String> allowed = new LinkedHashSet<>(orEmpty(scopes));
        return new ApplicationDefinition(clientId, name == null ? clientId : name, clientType.orElseThrow(),
                orEmpty(redirectUris), orEmpty(postLogoutRedirectUris),
                orEmpty(webOrigins), allowed,
                defaultScopes == null ? allowed : new LinkedHashSet<>(defaultScopes), Optional.empty(),
                enabled == null || enabled, tokens, Boolean.TRUE.equals(firstParty), Boolean.TRUE.equals(refreshTokens),
                Boolean.TRUE.equals(introspectAny),
                maxTokenLifetimeDays == null ? DEFAULT_MAX_TOKEN_LIFETIME_DAYS : maxTokenLifetimeDays,
                Boolean.TRUE.equals(passwordGrant), types, format.equals("reference"), pkcePolicy,
                implicitByFragment == null ? ApplicationDefinition.DEFAULT_IMPLICIT_BY_FRAGMENT : implicitByFragment,
                signing, TokenLifetimes.ofSeconds(accessTokenLifetime, refreshTokenIdleLifetime,
                        refreshTokenMaxLifetime));
    }

    /** jwks must be a JSON object; the two algorithms closed sets; the rest is ApplicationPolicy's. */
    private ClientSigning signing(List<Violation> violations) {
        if (jwks != null && !jwks.isObject()) {
            violations.add(new Violation("jwks", "must be a JWK Set (a JSON object with \"keys\")"));
        }
        Optional<RequestObjectAlgorithm> requestObjectAlg = Optional.ofNullable(requestObjectSigningAlg)
                .flatMap(RequestObjectAlgorithm::fromWireName);
        if (requestObjectSigningAlg != null && requestObjectAlg.isEmpty()) {
            violations.add(new Violation("request_object_signing_alg",
                    oneOf(Stream.of(RequestObjectAlgorithm.values()).map(RequestObjectAlgorithm::wireName))));
        }
        Optional<SigningAlgorithm> idTokenAlg = Optional.ofNullable(idTokenSignedResponseAlg)
                .flatMap(SigningAlgorithm::byName);
        if (idTokenSignedResponseAlg != null && idTokenAlg.isEmpty()) {
            violations.add(new Violation("id_token_signed_response_alg",
                    oneOf(Stream.of(SigningAlgorithm.values()).map(SigningAlgorithm::name))));
        }
        return new ClientSigning(Optional.ofNullable(jwks).filter(JsonNode::isObject).map(JsonNode::toString),
                Optional.ofNullable(jwksUri), requestObjectAlg, idTokenAlg);
    }

    private static List<String> orEmpty(List<String> values) {
        return values == null ? List.of() : List.copyOf(values);
    }

    private static String oneOf(Stream<String> wireNames) {
        return "must be one of " + wireNames.collect(Collectors.joining(", "));
    }
}
