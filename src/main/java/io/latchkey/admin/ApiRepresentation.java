package io.latchkey.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.latchkey.consent.ScopeCommands;
import java.util.List;

/**
 * An API (RFC 8707 resource, the {@code aud} of its tokens) with the scopes that name it; without {@code audience}
 * it is the scopes of no API, whose tokens get the default audience.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiRepresentation(
        @JsonProperty("audience") String audience,
        @JsonProperty("scopes") List<ApiScope> scopes) {

    /** A scope of an API: its name and description (the scope itself is at {@code /api/admin/scopes/{name}}). */
    public record ApiScope(@JsonProperty("name") String name, @JsonProperty("description") String description) {
    }

    public static ApiRepresentation of(ScopeCommands.Api api) {
        return new ApiRepresentation(api.audience().orElse(null),
                api.scopes().stream().map(s -> new ApiScope(s.name(), s.description())).toList());
    }
}
