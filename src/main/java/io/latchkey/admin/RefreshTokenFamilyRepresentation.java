package io.latchkey.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.latchkey.token.RefreshTokenFamilies;
import java.time.Instant;
import java.util.List;

/**
 * A refresh token family (one sign-in grant) as the admin API lists it: its id (the grant's, not a credential),
 * the person, the application, the scopes, when it began and was last refreshed, until when its newest refresh
 * token may be used, when it was revoked, and {@code state} ({@code active}, {@code revoked}, {@code expired}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RefreshTokenFamilyRepresentation(
        @JsonProperty("family_id") String familyId,
        @JsonProperty("subject") String subject,
        @JsonProperty("username") String username,
        @JsonProperty("client_id") String clientId,
        @JsonProperty("application_name") String applicationName,
        @JsonProperty("scopes") List<String> scopes,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("last_refreshed_at") String lastRefreshedAt,
        @JsonProperty("expires_at") String expiresAt,
        @JsonProperty("revoked_at") String revokedAt,
        @JsonProperty("state") String state) {

    public static RefreshTokenFamilyRepresentation of(RefreshTokenFamilies.FamilyRecord family) {
        return new RefreshTokenFamilyRepresentation(family.familyId(), family.accountSubject(), family.username(),
                family.clientId(), family.applicationName().orElse(null), List.copyOf(family.scopes()),
                family.createdAt().toString(), family.lastRefreshedAt().toString(), family.expiresAt().toString(),
                family.revokedAt().map(Instant::toString).orElse(null), FilterValues.wireName(family.state()));
    }
}
