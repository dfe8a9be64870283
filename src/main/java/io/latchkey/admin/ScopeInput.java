package io.latchkey.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.latchkey.consent.ScopeCatalog;
import io.latchkey.error.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A scope as a request body declares it (create, or the result of a merge patch), with the import file's field
 * names: {@code name} and {@code description} required, {@code audience} (the API it belongs to) optional. The
 * rules of a scope are {@link io.latchkey.consent.ScopeDefinitionPolicy}'s, applied by the command.
 */
public record ScopeInput(
        @JsonProperty("name") String name,
        @JsonProperty("description") String description,
        @JsonProperty("audience") String audience) {

    /** The scope this input declares, or every missing required field. */
    public ScopeCatalog.Scope scope() {
        List<Violation> missing = new ArrayList<>();
        if (name == null) {
            missing.add(new Violation("name", "is required"));
        }
        if (description == null) {
            missing.add(new Violation("description", "is required"));
        }
        if (!missing.isEmpty()) {
            throw AdminProblem.invalid(missing);
        }
        return new ScopeCatalog.Scope(name, description, Optional.ofNullable(audience));
    }
}
