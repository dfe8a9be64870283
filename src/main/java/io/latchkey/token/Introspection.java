package io.latchkey.token;

import io.latchkey.account.Account;
import io.latchkey.account.AccountService;
import io.latchkey.client.ApplicationSubject;
import io.latchkey.client.Client;
import io.latchkey.client.ClientType;
import io.latchkey.consent.ScopeCatalog;
import io.latchkey.security.Secret;
import io.latchkey.store.RefreshGrantRepository;
import io.latchkey.store.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * RFC 7662 token introspection for every kind of token Latchkey issues: JWT access tokens (signature,
 * expiry and the revocation list), personal and service access tokens (live stored row) and refresh tokens (live member of a live family). A token that is
 * unknown, expired, revoked, foreign, or not the caller's business is exactly {@code {"active":false}}.
 * {@code token_type_hint} only decides which kind is tried first (§2.1).
 */
public final class Introspection {
    public static final Map<String, Object> INACTIVE = Map.of("active", false);
    /** Past this many remembered callers, the memory of their APIs starts over. */
    private static final int MAX_CALLERS = 10_000;

    private final String issuer;
    private final AccessTokenVerifier accessTokens;
    private final Transactions transactions;
    private final RefreshGrantRepository refreshTokens;
    private final AccountService accounts;
    private final ScopeCatalog scopes;
    private final Clock clock;
    /** The APIs of each caller that introspected, by client_id ({@link #callerApis}). */
    private final Map<String, CallerApis> callerApis = new ConcurrentHashMap<>();

    public Introspection(String issuer, AccessTokenVerifier accessTokens, Transactions transactions,
                         RefreshGrantRepository refreshTokens, AccountService accounts, ScopeCatalog scopes,
                         Clock clock) {
        this.issuer = issuer;
        this.accessTokens = accessTokens;
        this.transactions = transactions;
        this.refreshTokens = refreshTokens;
        this.accounts = accounts;
        this.scopes = scopes;
        this.clock = clock;
    }

    public Map<String, Object> introspect(Client caller, Secret token, Optional<String> hint) {
        Optional<Map<String, Object>> answer = hint.filter("refresh_token"::equals).isPresent()
                ? refreshToken(caller, token).or(() -> accessToken(caller, token))
                : accessToken(caller, token).or(() -> refreshToken(caller, token));
        return answer.orElse(INACTIVE);
    }

    private Optional<Map<String, Object>> accessToken(Client caller, Secret token) {
        if (!AccessTokenVerifier.looksLikeAccessToken(token)) {
            return Optional.empty();
        }
        Optional<AccessTokenVerifier.VerifiedAccessToken> verified = accessTokens.verify(token);
        if (verified.isEmpty()) {
            return Optional.empty();
        }
        AccessTokenVerifier.VerifiedAccessToken t = verified.get();
        // Once: the policy and the answer both need it.
        Set<String> audience = audience(t);
        if (!IntrospectionPolicy.mayIntrospect(caller, callerApis(caller), t.clientId(), audience)) {
            return Optional.empty();
        }
        Map<String, Object> json = active(t.scopes(), t.clientId(), t.subject(), t.expiresAt(), t.issuedAt());
        json.put("aud", audience.size() == 1 ? audience.iterator().next() : audience);
        json.put("token_type", "Bearer");
        json.put("jti", t.jti());
        // A service's subject never names a person (and one issued before subjects were prefixed
        // was its bare client_id), so only a person's subject is looked up.
        if (!ApplicationSubject.isApplication(t.subject()) && !t.subject().equals(t.clientId())) {
            // A person's reference token brought the username along; a JWT names the person only.
            t.username().or(() -> accounts.findBySubject(t.subject()).map(Account::username))
                    .ifPresent(username -> json.put("username", username));
        }
        return Optional.of(json);
    }

    /** A JWT's own {@code aud}; for reference tokens the APIs of their scopes, as a JWT would have had. */
    private Set<String> audience(AccessTokenVerifier.VerifiedAccessToken token) {
        return token.reference().isEmpty() ? token.audience() : new TreeSet<>(scopes.audiences(token.scopes(), issuer));
    }

    private Optional<Map<String, Object>> refreshToken(Client caller, Secret token) {
        Instant now = clock.instant();
        RefreshTokenValue value = RefreshTokenValue.presented(token);
        Optional<StoredRefreshFamily> found = transactions.inTransaction(em -> refreshTokens.find(em,
                value.familyKey()));
        // Active only as the family's live token (a rotated one of the family is not).
        return found
                .filter(t -> t.revokedAt().isEmpty() && Secret.sameHash(value.tokenHash(), t.tokenHash()))
                .filter(t -> now.isBefore(t.idleExpiresAt()) && now.isBefore(t.grant().familyExpiresAt()))
                .filter(t -> IntrospectionPolicy.mayIntrospect(caller, Set.of(), t.grant().clientId(), Set.of()))
                .flatMap(t -> accounts.findById(t.grant().accountId()).filter(Account::enabled).map(account -> {
                    Instant expires = t.idleExpiresAt().isBefore(t.grant().familyExpiresAt())
                            ? t.idleExpiresAt() : t.grant().familyExpiresAt();
                    Map<String, Object> json = active(t.grant().scopes(), t.grant().clientId(), account.subject(),
                            expires, t.refreshedAt());
                    json.put("token_type", "refresh_token");
                    json.put("username", account.username());
                    return json;
                }));
    }

    private Map<String, Object> active(Set<String> scope, String clientId, String subject, Instant expires,
                                       Instant issued) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("active", true);
        json.put("scope", String.join(" ", scope));
        json.put("client_id", clientId);
        json.put("sub", subject);
        json.put("exp", expires.getEpochSecond());
        json.put("iat", issued.getEpochSecond());
        json.put("iss", issuer);
        return json;
    }

    /**
     * The APIs whose scopes a service holds: a resource server (an m2m application with its API's scopes)
     * may introspect tokens meant for that API. Applications that sign people in only see their own tokens.
     */
    private Set<String> callerApis(Client caller) {
        if (caller.type() != ClientType.M2M) {
            return Set.of();
        }
        Map<String, ScopeCatalog.Scope> catalog = scopes.all();
        CallerApis known = callerApis.get(caller.clientId());
        if (known != null && known.client() == caller && known.catalog() == catalog) {
            return known.apis();
        }
        Set<String> apis = Set.copyOf(caller.allowedScopes().stream()
                .map(catalog::get)
                .filter(Objects::nonNull)
                .map(ScopeCatalog.Scope::audience)
                .flatMap(Optional::stream)
                .collect(Collectors.toSet()));
        if (callerApis.size() >= MAX_CALLERS) {
            callerApis.clear();
        }
        callerApis.put(caller.clientId(), new CallerApis(caller, catalog, apis));
        return apis;
    }

    /**
     * A caller's APIs as computed from one version of its application and one of the scope catalog. Both are
     * immutable and replaced, never changed, when their configuration changes: the client directory and the scope
     * catalog drop and reload them on every change of the applications or the scopes (their change counters), so an
     * entry is used only while its application and catalog are the very objects in use now. A change makes new
     * objects, and the next introspection by that caller computes its APIs again.
     */
    private record CallerApis(Client client, Map<String, ScopeCatalog.Scope> catalog, Set<String> apis) {
    }
}
