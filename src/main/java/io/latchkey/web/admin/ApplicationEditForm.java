package io.latchkey.web.admin;

import io.latchkey.client.AccessTokenPolicy;
import io.latchkey.client.ApplicationDefinition;
import io.latchkey.client.ApplicationView;
import io.latchkey.client.ClientType;
import io.latchkey.client.FormParameters;
import io.latchkey.client.PkcePolicy;
import io.latchkey.client.ResponseType;
import io.latchkey.client.TokenLifetimes;
import io.latchkey.config.ServerTokenLifetimes;
import io.latchkey.error.Violation;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The console's form to change an application, as typed: one URI or origin a line, scopes separated by spaces,
 * the lifetime as digits, one checkbox per response type. It offers what the admin API edits, but only what the
 * application's type may have ({@link #offers}): redirect and post-logout URIs for the interactive types, web
 * origins and the refresh-token opt-in for spa and native, introspection for the confidential ones, response types
 * and the protocol exceptions (password grant, optional PKCE, implicit by fragment) for web. A field the type may
 * not have keeps the stored value whatever was sent, and its keys and algorithms ({@code signing}) are not the
 * console's to change. Whether the values are allowed is {@link io.latchkey.client.ApplicationPolicy}'s to say,
 * through the command's violations; this form only says when a value cannot even be read (a lifetime that is not a
 * number, a policy outside the three). The token lifetimes are seconds, blank for the server's setting; the refresh
 * token ones only for the interactive types (the policy then refuses them to a spa or native application that did
 * not opt in to refresh tokens).
 */
record ApplicationEditForm(ClientType type, String clientId, long version, String name, String redirectUris,
                           String postLogoutRedirectUris, String webOrigins, String scopes, String defaultScopes,
                           String accessTokens, String maxTokenLifetimeDays, Set<ResponseType> responseTypes,
                           boolean refreshTokens, boolean introspectAny, boolean passwordGrant, boolean pkceOptional,
                           boolean implicitByFragment, boolean referenceAccessTokens, boolean firstParty,
                           boolean enabled, String accessTokenLifetime, String refreshTokenIdleLifetime,
                           String refreshTokenMaxLifetime) {

    /** Every field of the form, in its order on the page; a violation of another marks the form as a whole. */
    static final List<String> FIELDS = List.of("name", "redirect_uris", "post_logout_redirect_uris", "web_origins",
            "scopes", "default_scopes", "access_tokens", "max_token_lifetime_days", "response_types",
            "refresh_tokens", "introspect_any", "password_grant", "pkce", "implicit_by_fragment",
            "access_token_format", "first_party", "enabled", "access_token_lifetime", "refresh_token_idle_lifetime",
            "refresh_token_max_lifetime");

    ApplicationEditForm {
        responseTypes = responseTypes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(responseTypes));
    }

    /** The form as the stored application fills it. */
    static ApplicationEditForm of(ApplicationView application) {
        ApplicationDefinition d = application.definition();
        return new ApplicationEditForm(d.type(), d.clientId(), application.version(), d.name(),
                String.join("\n", d.redirectUris()), String.join("\n", d.postLogoutRedirectUris()),
                String.join("\n", d.webOrigins()), String.join(" ", d.scopes()), String.join(" ", d.defaultScopes()),
                d.accessTokens().wireName(), Integer.toString(d.maxReferenceTokenDays()), d.responseTypes(),
                d.refreshTokens(), d.introspectAny(), d.passwordGrant(), d.pkce() == PkcePolicy.OPTIONAL,
                d.implicitByFragment(), d.referenceAccessTokens(), d.firstParty(), d.enabled(),
                seconds(d.lifetimes().accessToken()), seconds(d.lifetimes().refreshIdle()),
                seconds(d.lifetimes().refreshMax()));
    }

    private static String seconds(Optional<Duration> lifetime) {
        return lifetime.map(d -> Long.toString(d.toSeconds())).orElse("");
    }

    /** The form as posted for the application {@code clientId} of {@code type}; an absent checkbox is unticked. */
    static ApplicationEditForm parse(ClientType type, String clientId, FormParameters form) {
        Set<ResponseType> types = EnumSet.noneOf(ResponseType.class);
        for (ResponseType responseType : ResponseType.values()) {
            if (form.get(responseTypeField(responseType)).isPresent()) {
                types.add(responseType);
            }
        }
        String version = form.get("version").orElse("");
        return new ApplicationEditForm(type, clientId, FormNumber.of(version),
                form.get("name").orElse(""), form.get("redirect_uris").orElse(""),
                form.get("post_logout_redirect_uris").orElse(""), form.get("web_origins").orElse(""),
                form.get("scopes").orElse(""), form.get("default_scopes").orElse(""),
                form.get("access_tokens").orElse(""), form.get("max_token_lifetime_days").orElse("").strip(), types,
                ticked(form, "refresh_tokens"), ticked(form, "introspect_any"), ticked(form, "password_grant"),
                ticked(form, "pkce_optional"), ticked(form, "implicit_by_fragment"),
                ticked(form, "reference_access_tokens"), ticked(form, "first_party"), ticked(form, "enabled"),
                form.get("access_token_lifetime").orElse("").strip(),
                form.get("refresh_token_idle_lifetime").orElse("").strip(),
                form.get("refresh_token_max_lifetime").orElse("").strip());
    }

    /** The same form at {@code current} (shown again after someone else's change). */
    ApplicationEditForm atVersion(long current) {
        return new ApplicationEditForm(type, clientId, current, name, redirectUris, postLogoutRedirectUris, webOrigins,
                scopes, defaultScopes, accessTokens, maxTokenLifetimeDays, responseTypes, refreshTokens, introspectAny,
                passwordGrant, pkceOptional, implicitByFragment, referenceAccessTokens, firstParty, enabled,
                accessTokenLifetime, refreshTokenIdleLifetime, refreshTokenMaxLifetime);
    }

    /** The checkbox of one response type: {@code response_type_code_id_token} for {@code code id_token}. */
    public static String responseTypeField(ResponseType responseType) {
        return "response_type_" + responseType.name().toLowerCase(Locale.ROOT);
    }

    /** What a posted form declares: the definition for the command, or the fields that cannot be read. */
    sealed interface Reading permits Read, Unreadable {
    }

    record Read(ApplicationDefinition definition) implements Reading {
    }

    record Unreadable(Map<String, String> errors) implements Reading {
    }

    /**
     * The definition this form declares, starting from {@code current} (what the page showed): the fields the type
     * may not have, the client_id, the type and the keys stay as they are; no secret (an update keeps the secrets).
     */
    Reading definition(ApplicationDefinition current) {
        Map<String, String> errors = new LinkedHashMap<>();
        Optional<AccessTokenPolicy> policy = AccessTokenPolicy.fromWireName(accessTokens);
        if (policy.isEmpty()) {
            errors.put("access_tokens", "must be one of " + Arrays.stream(AccessTokenPolicy.values())
                    .map(AccessTokenPolicy::wireName).collect(Collectors.joining(", ")));
        }
        int days = 0;
        if (!maxTokenLifetimeDays.matches("[0-9]{1,9}")) {
            errors.put("max_token_lifetime_days", "must be a whole number of days");
        } else {
            days = Integer.parseInt(maxTokenLifetimeDays);
        }
        Optional<Long> access = lifetime("access_token_lifetime", accessTokenLifetime, errors);
        Optional<Long> idle = offers("refresh_token_idle_lifetime")
                ? lifetime("refresh_token_idle_lifetime", refreshTokenIdleLifetime, errors)
                : current.lifetimes().refreshIdle().map(Duration::toSeconds);
        Optional<Long> max = offers("refresh_token_max_lifetime")
                ? lifetime("refresh_token_max_lifetime", refreshTokenMaxLifetime, errors)
                : current.lifetimes().refreshMax().map(Duration::toSeconds);
        if (offers("response_types") && !responseTypes.contains(ResponseType.CODE)) {
            errors.put("response_types", "must include code (every application may use the code flow)");
        }
        if (!errors.isEmpty()) {
            return new Unreadable(errors);
        }
        Set<String> allowed = words(scopes);
        return new Read(new ApplicationDefinition(current.clientId(), name.strip(), current.type(),
                offers("redirect_uris") ? lines(redirectUris) : current.redirectUris(),
                offers("post_logout_redirect_uris") ? lines(postLogoutRedirectUris) : current.postLogoutRedirectUris(),
                offers("web_origins") ? lines(webOrigins) : current.webOrigins(),
                allowed, defaultScopes.isBlank() ? allowed : words(defaultScopes), Optional.empty(), enabled,
                policy.orElseThrow(), firstParty,
                offers("refresh_tokens") ? refreshTokens : current.refreshTokens(),
                offers("introspect_any") ? introspectAny : current.introspectAny(), days,
                offers("password_grant") ? passwordGrant : current.passwordGrant(),
                offers("response_types") ? responseTypes : current.responseTypes(), referenceAccessTokens,
                offers("pkce") ? (pkceOptional ? PkcePolicy.OPTIONAL : PkcePolicy.REQUIRED) : current.pkce(),
                offers("implicit_by_fragment") ? implicitByFragment : current.implicitByFragment(),
                current.signing(), TokenLifetimes.ofSeconds(access.orElse(null), idle.orElse(null),
                        max.orElse(null))));
    }

    /** A typed lifetime: blank for the server's setting, else a whole number of seconds. */
    private static Optional<Long> lifetime(String field, String typed, Map<String, String> errors) {
        if (typed.isEmpty()) {
            return Optional.empty();
        }
        if (!typed.matches("[0-9]{1,9}")) {
            errors.put(field, "must be a whole number of seconds, or blank for the server's setting");
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(typed));
    }

    /**
     * The hint under each lifetime field: the server's setting in readable form ("blank: the server's setting,
     * 1 hour").
     */
    static Map<String, String> lifetimeHints(ServerTokenLifetimes server) {
        return Map.of("access_token_lifetime", hint(server.accessToken()),
                "refresh_token_idle_lifetime", hint(server.refreshIdle()),
                "refresh_token_max_lifetime", hint(server.refreshMax()));
    }

    private static String hint(Duration setting) {
        return "In seconds; blank: the server's setting, " + readable(setting) + ".";
    }

    /** {@code 3600} s as "1 hour", {@code 1209600} s as "14 days", {@code 90} s as "90 seconds". */
    static String readable(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds % 86_400 == 0) {
            return plural(seconds / 86_400, "day");
        }
        if (seconds % 3600 == 0) {
            return plural(seconds / 3600, "hour");
        }
        if (seconds % 60 == 0) {
            return plural(seconds / 60, "minute");
        }
        return plural(seconds, "second");
    }

    private static String plural(long count, String unit) {
        return count + " " + unit + (count == 1 ? "" : "s");
    }

    /**
     * Whether the form offers {@code field} to an application of this type (mirroring ApplicationPolicy: no redirect
     * URIs for m2m, web origins and the refresh-token opt-in only for the public interactive types, introspection
     * only for confidential ones, response types and the protocol exceptions only for web).
     */
    public boolean offers(String field) {
        return switch (field) {
            case "redirect_uris", "post_logout_redirect_uris" -> type.interactive();
            case "web_origins", "refresh_tokens" -> type.interactive() && !type.confidential();
            case "introspect_any" -> type.confidential();
            case "refresh_token_idle_lifetime", "refresh_token_max_lifetime" -> type.interactive();
            case "response_types", "password_grant", "pkce", "implicit_by_fragment" -> type == ClientType.WEB;
            default -> FIELDS.contains(field);
        };
    }

    /** The name of {@code responseType}'s checkbox (for the template). */
    public String fieldOf(ResponseType responseType) {
        return responseTypeField(responseType);
    }

    /** Whether the box of {@code responseType} is ticked (for the template). */
    public boolean allows(ResponseType responseType) {
        return responseTypes.contains(responseType);
    }

    /**
     * The form field each violation marks ({@code redirect_uris[2]} marks {@code redirect_uris}), with every message
     * for it; a violation of a field the form does not offer marks the form as a whole ({@code ""}).
     */
    Map<String, String> fieldErrors(List<Violation> violations) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (Violation violation : violations) {
            String field = violation.field().replaceAll("\\[.*$", "");
            boolean shown = FIELDS.contains(field) && offers(field);
            errors.merge(shown ? field : "", shown ? violation.message() : violation.field() + " "
                    + violation.message(), (a, b) -> a + "; " + b);
        }
        return errors;
    }

    private static boolean ticked(FormParameters form, String name) {
        return form.get(name).isPresent();
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
