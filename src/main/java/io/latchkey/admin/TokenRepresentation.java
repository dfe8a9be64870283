package io.latchkey.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.latchkey.token.IssuedReferenceTokens;
import java.time.Instant;
import java.util.List;

/**
 * A personal, service or opaque access token as the admin API lists it: its public {@code id} (the 8 characters
 * the owner's page shows; never the value or its hash), kind, name, application, the person it acts as and the
 * person who issued it, scopes, times and {@code state} ({@code active}, {@code revoked}, {@code expired}).
 * {@code revoked_now} appears only in the answer to a revocation: whether that request revoked it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenRepresentation(
        @JsonProperty("id") String id,
        @JsonProperty("kind") String kind,
        @JsonProperty("name") String name,
        @JsonProperty("client_id") String clientId,
        @JsonProperty("application_name") String applicationName,
        @JsonProperty("acts_as") Person actsAs,
        @JsonProperty("issued_by") Person issuedBy,
        @JsonProperty("scopes") List<String> scopes,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("expires_at") String expiresAt,
        @JsonProperty("last_used_at") String lastUsedAt,
        @JsonProperty("revoked_at") String revokedAt,
        @JsonProperty("state") String state,
        @JsonProperty("revoked_now") Boolean revokedNow) {

    /** A person a token names. */
    public record Person(@JsonProperty("subject") String subject, @JsonProperty("username") String username) {
        static Person of(IssuedReferenceTokens.Person person) {
            return new Person(person.subject(), person.username());
        }
    }

    public static TokenRepresentation of(IssuedReferenceTokens.TokenRecord token) {
        return new TokenRepresentation(token.id(), FilterValues.wireName(token.kind()), token.name(),
                token.clientId(), token.applicationName().orElse(null), token.actsAs().map(Person::of).orElse(null),
                token.issuedBy().map(Person::of).orElse(null), List.copyOf(token.scopes()),
                token.createdAt().toString(), token.expiresAt().toString(),
                token.lastUsedAt().map(Instant::toString).orElse(null),
                token.revokedAt().map(Instant::toString).orElse(null), FilterValues.wireName(token.state()), null);
    }

    /** The answer to a revocation: the token as it stands now, and whether this request revoked it. */
    public static TokenRepresentation of(IssuedReferenceTokens.Revoked revoked) {
        TokenRepresentation token = of(revoked.token());
        return new TokenRepresentation(token.id, token.kind, token.name, token.clientId, token.applicationName,
                token.actsAs, token.issuedBy, token.scopes, token.createdAt, token.expiresAt, token.lastUsedAt,
                token.revokedAt, token.state, revoked.justNow());
    }
}
