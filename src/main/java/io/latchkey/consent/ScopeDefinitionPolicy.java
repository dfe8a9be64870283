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

    /** The admin API's scopes ({@code latchkey:admin}, {@code latchkey:admin.read}, ...): Latchkey's own. */
    public static final String ADMIN_SCOPE_PREFIX = "latchkey:admin";

    private ScopeDefinitionPolicy() {
    }

    /**
     * What an operator may not do to a reserved scope, as violations: Latchkey's admin scopes are not theirs to
     * create, change or delete; the standard OpenID Connect scopes (OIDC Core §5.4, §11) always exist and belong to
     * no API, but their description may be reworded (it is what the consent page shows). {@code change} is the
     * scope as it would be after a create or an update, {@code deleting} whether it would be gone.
     */
    public static List<Violation> checkReserved(ScopeCatalog.Scope change, boolean deleting) {
        String name = change.name();
        if (name.startsWith(ADMIN_SCOPE_PREFIX)) {
            return List.of(new Violation("name", "is reserved for Latchkey's admin API"));
        }
        if (ScopeCatalog.STANDARD.stream().noneMatch(s -> s.name().equals(name))) {
            return List.of();
        }
        if (deleting) {
            return List.of(new Violation("name", "is a standard OpenID Connect scope and cannot be deleted"));
        }
        return change.audience().isPresent()
                ? List.of(new Violation("audience", "cannot be set on a standard OpenID Connect scope"))
                : List.of();
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
