package io.latchkey.client;

import io.latchkey.error.ErrorCode;
import io.latchkey.error.OAuthException;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Least privilege for scopes. RFC 6749 §3.3: {@code scope = scope-token *( SP scope-token )},
 * {@code scope-token = 1*( %x21 / %x23-5B / %x5D-7E )}. A request may only ask for scopes its application
 * is allowed; asking for none means the application's default set, never more.
 */
public final class ScopePolicy {
    private ScopePolicy() {
    }

    /** The scopes to grant, in a stable order; throws {@code invalid_scope}. */
    public static Set<String> grant(Client client, Optional<String> requested) {
        if (requested.isEmpty()) {
            if (client.defaultScopes().isEmpty()) {
                throw OAuthException.of(ErrorCode.INVALID_SCOPE,
                        "scope is required: the application has no default scope");
            }
            return Collections.unmodifiableSet(new TreeSet<>(client.defaultScopes()));
        }
        Set<String> scopes = parse(requested.get());
        for (String scope : scopes) {
            if (!client.allowedScopes().contains(scope)) {
                throw OAuthException.of(ErrorCode.INVALID_SCOPE,
                        "the requested scope is not allowed for this application",
                        "scope " + scope + " is outside the policy of " + client.clientId());
            }
        }
        return Collections.unmodifiableSet(new TreeSet<>(scopes));
    }

    /** Parses a scope parameter strictly; throws {@code invalid_scope} when it is malformed. */
    public static Set<String> parse(String scope) {
        if (scope.isEmpty()) {
            throw OAuthException.of(ErrorCode.INVALID_SCOPE, "scope is malformed");
        }
        Set<String> tokens = new LinkedHashSet<>();
        for (String token : scope.split(" ", -1)) {
            if (!isScopeToken(token)) {
                throw OAuthException.of(ErrorCode.INVALID_SCOPE, "scope is malformed");
            }
            tokens.add(token);
        }
        return tokens;
    }

    public static boolean isScopeToken(String token) {
        if (token.isEmpty()) {
            return false;
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c < 0x21 || c == 0x22 || c == 0x5C || c > 0x7E) {
                return false;
            }
        }
        return true;
    }

    public static String format(Set<String> scopes) {
        return String.join(" ", scopes);
    }
}
