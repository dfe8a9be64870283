package io.latchkey.consent;

import io.latchkey.client.ScopePolicy;
import io.latchkey.error.Violation;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rules a scope definition must follow, in one place: whatever defines scopes (the import file, the admin
 * API, the console) parses its input into a {@link ScopeCatalog.Scope} and asks {@link #check} for every rule
 * it breaks. Pure Java: no database, no JSON. The limits are also the columns' sizes.
 */
public final class ScopeDefinitionPolicy {
    public static final int MAX_NAME_LENGTH = 128;
    public static final int MAX_DESCRIPTION_LENGTH = 512;
    public static final int MAX_AUDIENCE_LENGTH = 512;

    private ScopeDefinitionPolicy() {
    }

    /** Every rule {@code scope} breaks, in the order of its fields; empty when it may be saved. */
    public static List<Violation> check(ScopeCatalog.Scope scope) {
        List<Violation> violations = new ArrayList<>();
        nameProblem(scope.name()).ifPresent(p -> violations.add(new Violation("name", p)));
        if (scope.description().isBlank() || scope.description().length() > MAX_DESCRIPTION_LENGTH) {
            violations.add(new Violation("description", "must be 1 to " + MAX_DESCRIPTION_LENGTH + " characters"));
        }
        scope.audience().flatMap(ScopeDefinitionPolicy::audienceProblem)
                .ifPresent(p -> violations.add(new Violation("audience", p)));
        return List.copyOf(violations);
    }

    /** RFC 6749 §3.3: {@code scope-token = 1*( %x21 / %x23-5B / %x5D-7E )}; at most 128 (the column). */
    public static Optional<String> nameProblem(String name) {
        return ScopePolicy.isScopeToken(name) && name.length() <= MAX_NAME_LENGTH ? Optional.empty()
                : Optional.of("is not a valid scope name (RFC 6749 §3.3)");
    }

    /** The audience names an API ({@code aud}, RFC 7519 §4.1.3), here always an absolute URI. */
    private static Optional<String> audienceProblem(String audience) {
        if (audience.length() > MAX_AUDIENCE_LENGTH) {
            return Optional.of("must be at most " + MAX_AUDIENCE_LENGTH + " characters");
        }
        try {
            return new URI(audience).isAbsolute() ? Optional.empty() : Optional.of("must be an absolute URI");
        } catch (URISyntaxException e) {
            return Optional.of("is not a valid URI");
        }
    }
}
