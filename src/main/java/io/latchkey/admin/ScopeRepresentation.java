package io.latchkey.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.latchkey.consent.ScopeCommands;

/**
 * A scope as the admin API answers it: the import file's fields (without the read-only {@code version} and
 * {@code created_at} it is a valid import entry); no {@code audience} means the default one (Latchkey itself).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScopeRepresentation(
        @JsonProperty("name") String name,
        @JsonProperty("description") String description,
        @JsonProperty("audience") String audience,
        @JsonProperty(value = "version", access = JsonProperty.Access.READ_ONLY) long version,
        @JsonProperty(value = "created_at", access = JsonProperty.Access.READ_ONLY) String createdAt) {

    public static ScopeRepresentation of(ScopeCommands.StoredScope stored) {
        return new ScopeRepresentation(stored.scope().name(), stored.scope().description(),
                stored.scope().audience().orElse(null), stored.version(), stored.createdAt().toString());
    }
}
