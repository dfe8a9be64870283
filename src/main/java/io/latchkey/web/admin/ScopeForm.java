package io.latchkey.web.admin;

import io.latchkey.client.FormParameters;
import io.latchkey.consent.ScopeCatalog;
import io.latchkey.consent.ScopeCommands;
import io.latchkey.error.Violation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The console's form for a new scope, and for a scope's description and API, as typed. It declares what the admin
 * API's {@code ScopeInput} declares: a name and a description, and the audience (the API) the scope belongs to, none
 * when left empty. Name and audience are trimmed; the description is trimmed too (it is what the consent page
 * shows). Whether the values are allowed is {@link io.latchkey.consent.ScopeDefinitionPolicy}'s to say, through
 * the command's violations.
 */
record ScopeForm(String name, String description, String audience) {
    /** The fields the forms have; a violation of any other marks the form as a whole. */
    static final Set<String> FIELDS = Set.of("name", "description", "audience");

    static final ScopeForm BLANK = new ScopeForm("", "", "");

    static ScopeForm of(FormParameters form) {
        return new ScopeForm(form.get("name").orElse(""), form.get("description").orElse(""),
                form.get("audience").orElse(""));
    }

    /** A scope's edit form for {@code name}: the name comes from the page's address, never from the form. */
    static ScopeForm of(String name, FormParameters form) {
        return new ScopeForm(name, form.get("description").orElse(""), form.get("audience").orElse(""));
    }

    /** The form of a scope as stored. */
    static ScopeForm of(ScopeCommands.StoredScope stored) {
        ScopeCatalog.Scope scope = stored.scope();
        return new ScopeForm(scope.name(), scope.description(), scope.audience().orElse(""));
    }

    /** The scope this form declares. */
    ScopeCatalog.Scope scope() {
        String trimmedAudience = audience.trim();
        return new ScopeCatalog.Scope(name.trim(), description.trim(),
                trimmedAudience.isEmpty() ? Optional.empty() : Optional.of(trimmedAudience));
    }

    /**
     * The form field each violation marks, with every message for it; a violation of a field the form does not have
     * marks the form as a whole ({@code ""}), naming the field.
     */
    static Map<String, String> fieldErrors(List<Violation> violations) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (Violation violation : violations) {
            boolean known = FIELDS.contains(violation.field());
            errors.merge(known ? violation.field() : "",
                    known ? violation.message() : violation.field() + " " + violation.message(),
                    (a, b) -> a + "; " + b);
        }
        return errors;
    }
}
