package io.latchkey.web;

import io.latchkey.consent.ScopeCatalog;
import java.util.Comparator;
import java.util.List;

/**
 * The order the consent page lists scopes in, whatever order the request named them in: first who you are —
 * {@code openid} ("Sign you in"), then the OpenID Connect claim scopes in the order of Core §5.4 ({@code profile},
 * {@code email}, {@code address}, {@code phone}); then what the application may do at its APIs, by scope name (so
 * {@code orders:read} sits beside {@code orders:write}); last {@code offline_access}, which says for how long.
 */
final class ConsentOrder {
    private static final List<String> IDENTITY_FIRST = List.of("openid", "profile", "email", "address", "phone");
    private static final String LAST = "offline_access";
    private static final Comparator<ScopeCatalog.Scope> ORDER = Comparator
            .comparingInt((ScopeCatalog.Scope scope) -> rank(scope.name()))
            .thenComparing(ScopeCatalog.Scope::name);

    private ConsentOrder() {
    }

    static List<ScopeCatalog.Scope> of(List<ScopeCatalog.Scope> scopes) {
        return scopes.stream().sorted(ORDER).toList();
    }

    private static int rank(String name) {
        int identity = IDENTITY_FIRST.indexOf(name);
        if (identity >= 0) {
            return identity;
        }
        return LAST.equals(name) ? IDENTITY_FIRST.size() + 1 : IDENTITY_FIRST.size();
    }
}
