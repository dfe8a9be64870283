package io.latchkey.web.admin;

import io.latchkey.admin.ApplicationInput;
import io.latchkey.client.AccessTokenPolicy;
import io.latchkey.client.ApplicationDefinition;
import io.latchkey.client.ClientType;
import io.latchkey.client.PkcePolicy;
import io.latchkey.client.ResponseType;
import io.latchkey.error.Violation;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The console's form for a new application, as typed: one URI a line, scopes separated by spaces. It offers only
 * what the type may have (redirect and post-logout URIs for the interactive types, refresh tokens for spa and
 * native); everything else takes the admin API's and the import file's defaults. Whether the values are allowed is
 * {@link io.latchkey.client.ApplicationPolicy}'s to say, through the command's violations.
 */
record ApplicationForm(ClientType type, String clientId, String name, String redirectUris,
                       String postLogoutRedirectUris, String scopes, String defaultScopes, boolean refreshTokens) {

    static ApplicationForm blank(ClientType type) {
        return new ApplicationForm(type, "", "", "", "", "openid", "", false);
    }

    /** The definition this form declares; fields the type may not have are left out whatever was sent. */
    ApplicationDefinition definition() {
        boolean interactive = type.interactive();
        Set<String> allowed = words(scopes);
        Set<String> defaults = defaultScopes.isBlank() ? allowed : words(defaultScopes);
        return new ApplicationDefinition(clientId.strip(), name.isBlank() ? clientId.strip() : name.strip(), type,
                interactive ? lines(redirectUris) : List.of(), interactive ? lines(postLogoutRedirectUris) : List.of(),
                allowed, defaults, Optional.empty(), true, AccessTokenPolicy.NONE, false,
                refreshTokens && offersRefreshTokens(), false, ApplicationInput.DEFAULT_MAX_TOKEN_LIFETIME_DAYS, false,
                Set.of(ResponseType.CODE), false, PkcePolicy.DEFAULT, ApplicationDefinition.DEFAULT_IMPLICIT_BY_FRAGMENT);
    }

    /** Only spa and native applications are offered the refresh-token opt-in (ApplicationPolicy refuses it elsewhere). */
    public boolean offersRefreshTokens() {
        return type == ClientType.SPA || type == ClientType.NATIVE;
    }

    /**
     * The form field each violation marks ({@code redirect_uris[2]} marks {@code redirect_uris}), with every message
     * for it; a violation of a field the form does not have marks the form as a whole ({@code ""}).
     */
    static Map<String, String> fieldErrors(List<Violation> violations) {
        Set<String> fields = Set.of("client_id", "name", "redirect_uris", "post_logout_redirect_uris", "scopes",
                "default_scopes", "refresh_tokens");
        Map<String, String> errors = new HashMap<>();
        for (Violation violation : violations) {
            String field = violation.field().replaceAll("\\[.*$", "");
            String key = fields.contains(field) ? field : "";
            String message = fields.contains(field) ? violation.message() : violation.field() + " " + violation.message();
            errors.merge(key, message, (a, b) -> a + "; " + b);
        }
        return errors;
    }

    private static List<String> lines(String text) {
        return text.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }

    private static Set<String> words(String text) {
        Set<String> words = new LinkedHashSet<>();
        Arrays.stream(text.strip().split("\\s+")).filter(w -> !w.isEmpty()).forEach(words::add);
        return words;
    }
}
