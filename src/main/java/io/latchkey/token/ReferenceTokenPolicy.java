package io.latchkey.token;

import io.latchkey.account.Account;
import io.latchkey.client.AccessTokenPolicy;
import io.latchkey.client.Client;
import io.latchkey.error.ErrorCode;
import io.latchkey.error.OAuthException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Who may issue which reference token for an application, with which scopes and for how long (DESIGN §4).
 *
 * <pre>
 * access_tokens        person: PAT      person: SAT   admin: PAT   admin: SAT
 * None                 refused          refused       refused      refused
 * AuthenticatedUsers   for themselves   refused       yes          yes
 * AdministratorsOnly   refused          refused       yes          yes
 * </pre>
 *
 * Scopes: a token carries a non-empty subset of the application's allowed scopes, never
 * {@code offline_access} (a reference token is already long-lived and has no refresh). A PAT may carry
 * {@code openid}, {@code profile} and {@code email} when the application allows them, so it works at
 * userinfo; "what the person holds" is read as what the application may be granted, because the person
 * signs in to this page and chooses the scopes here, which is their consent. A SAT acts as the
 * application itself (subject = client_id, like client_credentials), so the person scopes make no sense
 * there and are refused. Lifetime: at least one day, at most the application's maximum; never unbounded.
 */
public final class ReferenceTokenPolicy {
    static final Set<String> NEVER = Set.of("offline_access");
    static final Set<String> PERSON_ONLY = Set.of("openid", "profile", "email", "address", "phone");
    public static final Duration MIN_LIFETIME = Duration.ofDays(1);

    private ReferenceTokenPolicy() {
    }

    /** Whether this account may issue a token of this kind under this application policy. */
    public static boolean mayIssue(AccessTokenPolicy policy, boolean admin, ReferenceToken.Kind kind) {
        return switch (policy) {
            case NONE -> false;
            case AUTHENTICATED_USERS -> kind == ReferenceToken.Kind.PAT || admin;
            case ADMINISTRATORS_ONLY -> admin;
        };
    }

    /** The scopes this kind of token may carry for this application. */
    public static Set<String> issuableScopes(Client client, ReferenceToken.Kind kind) {
        return client.allowedScopes().stream()
                .filter(s -> !NEVER.contains(s))
                .filter(s -> kind == ReferenceToken.Kind.PAT || !PERSON_ONLY.contains(s))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The fields of a request a person fills in, for {@link #problems}. */
    public enum Field { NAME, APPLICATION, SCOPE, LIFETIME }

    /** Checks a whole request; throws the error the person sees otherwise. */
    public static void check(Account account, Client client, ReferenceToken.Kind kind, Set<String> scopes,
                             Duration lifetime) {
        requireAllowed(account, client, kind);
        if (scopes.isEmpty() || !issuableScopes(client, kind).containsAll(scopes)) {
            throw OAuthException.of(ErrorCode.INVALID_SCOPE, "choose one or more scopes the application offers");
        }
        if (!withinCap(client, lifetime)) {
            throw OAuthException.invalidRequest("the lifetime must be between 1 and "
                    + client.maxReferenceTokenLifetime().toDays() + " days");
        }
    }

    /**
     * Refuses, as access_denied, a kind of token this account may never issue for this application (or any token
     * for a disabled one): no change to the form's fields would help.
     */
    public static void requireAllowed(Account account, Client client, ReferenceToken.Kind kind) {
        if (!client.enabled() || !mayIssue(client.accessTokens(), account.admin(), kind)) {
            throw OAuthException.of(ErrorCode.ACCESS_DENIED,
                    "you may not issue this kind of token for this application",
                    kind + " refused for " + client.clientId() + " under " + client.accessTokens().wireName()
                            + (account.admin() ? " (admin)" : ""));
        }
    }

    /**
     * What is wrong with the scopes and the lifetime of an allowed request, by field, in words that name the rule
     * broken; empty when nothing is. A null lifetime is one the form could not read as a whole number of days.
     */
    public static Map<Field, String> problems(Client client, ReferenceToken.Kind kind, Set<String> scopes,
                                              Duration lifetime) {
        Map<Field, String> problems = new EnumMap<>(Field.class);
        Set<String> offered = issuableScopes(client, kind);
        if (scopes.isEmpty()) {
            problems.put(Field.SCOPE, "Choose at least one scope.");
        } else if (!offered.containsAll(scopes)) {
            Set<String> unknown = new TreeSet<>(scopes);
            unknown.removeAll(offered);
            problems.put(Field.SCOPE, (kind == ReferenceToken.Kind.SAT ? "A service token" : "This application")
                    + " cannot carry " + String.join(", ", unknown) + "; choose from: "
                    + (offered.isEmpty() ? "(none)" : String.join(", ", offered)) + ".");
        }
        if (lifetime == null || !withinCap(client, lifetime)) {
            long cap = client.maxReferenceTokenLifetime().toDays();
            problems.put(Field.LIFETIME, "Enter a whole number of days from 1 to " + cap
                    + ": this application's tokens last at most " + cap
                    + (cap == 1 ? " day." : " days."));
        }
        return problems;
    }

    private static boolean withinCap(Client client, Duration lifetime) {
        return lifetime.compareTo(MIN_LIFETIME) >= 0 && lifetime.compareTo(client.maxReferenceTokenLifetime()) <= 0;
    }
}
