package io.latchkey.token;

import io.latchkey.account.Account;
import io.latchkey.client.AccessTokenPolicy;
import io.latchkey.client.Client;
import io.latchkey.error.ErrorCode;
import io.latchkey.error.OAuthException;
import java.time.Duration;
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

    /** Checks a whole request; throws the error the person sees otherwise. */
    public static void check(Account account, Client client, ReferenceToken.Kind kind, Set<String> scopes,
                             Duration lifetime) {
        if (!client.enabled() || !mayIssue(client.accessTokens(), account.admin(), kind)) {
            throw OAuthException.of(ErrorCode.ACCESS_DENIED,
                    "you may not issue this kind of token for this application",
                    kind + " refused for " + client.clientId() + " under " + client.accessTokens().wireName()
                            + (account.admin() ? " (admin)" : ""));
        }
        if (scopes.isEmpty() || !issuableScopes(client, kind).containsAll(scopes)) {
            throw OAuthException.of(ErrorCode.INVALID_SCOPE, "choose one or more scopes the application offers");
        }
        if (lifetime.compareTo(MIN_LIFETIME) < 0 || lifetime.compareTo(client.maxReferenceTokenLifetime()) > 0) {
            throw OAuthException.invalidRequest("the lifetime must be between 1 and "
                    + client.maxReferenceTokenLifetime().toDays() + " days");
        }
    }
}
