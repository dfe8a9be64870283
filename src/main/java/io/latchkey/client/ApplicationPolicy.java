package io.latchkey.client;

import io.latchkey.authorize.RedirectUriPolicy;
import io.latchkey.config.ServerTokenLifetimes;
import io.latchkey.config.TokenLifetimeBounds;
import io.latchkey.consent.ScopeCatalog;
import io.latchkey.error.Violation;
import io.latchkey.key.SigningAlgorithm;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.stream.Collectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The registration rules of an application, in one place: whatever defines applications (the import file,
 * the admin API, the console) parses its input into an {@link ApplicationDefinition} and asks
 * {@link #check} for every rule it breaks. Pure Java: no database, no JSON.
 *
 * <p>Vocabulary: an <em>application</em> is what operators register and manage, an
 * {@link ApplicationDefinition} held to this policy; a {@link Client} is its protocol view, what the
 * authorization and token endpoints see.
 */
public final class ApplicationPolicy {
    /** RFC 6749 §2.2 leaves the client_id's syntax to the server: URL-safe characters, at most 128 (the column). */
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._~:@-]{1,128}");
    public static final int MAX_NAME_LENGTH = 200;
    public static final int MAX_URI_LENGTH = 2048;
    public static final int MIN_SECRET_LENGTH = 32;
    public static final int MIN_TOKEN_LIFETIME_DAYS = 1;
    public static final int MAX_TOKEN_LIFETIME_DAYS = 366;
    /** The standard scopes (OIDC Core §5.4, §11): each needs a person, so an m2m application cannot have them. */
    public static final Set<String> PERSON_SCOPES = Set.of("openid", "profile", "email", "address", "phone",
            "offline_access");

    private ApplicationPolicy() {
    }

    /**
     * Every rule {@code application} breaks, in the order of its fields; empty when it may be registered.
     *
     * @param knownScopes the names of the scopes this server defines
     * @param devMode     {@code LATCHKEY_DEV_MODE}: lets every application type register plain-http loopback
     *                    redirect URIs (otherwise only native applications may)
     */
    public static List<Violation> check(ApplicationDefinition application, Set<String> knownScopes, boolean devMode) {
        return check(application, knownScopes, devMode, EnumSet.allOf(SigningAlgorithm.class));
    }

    /**
     * Every rule {@code application} breaks, with {@code id_token_signed_response_alg} held to the server's
     * {@code enabledAlgorithms} ({@code LATCHKEY_SIGNING_ALGORITHMS}).
     */
    public static List<Violation> check(ApplicationDefinition application, Set<String> knownScopes, boolean devMode,
                                        Set<SigningAlgorithm> enabledAlgorithms) {
        return check(application, knownScopes, devMode, enabledAlgorithms, ServerTokenLifetimes.DEFAULTS);
    }

    /**
     * Every rule {@code application} breaks, its own token lifetimes compared with the server's {@code lifetimes}
     * where it keeps one of them (a refresh token's idle lifetime never exceeds its family's).
     */
    public static List<Violation> check(ApplicationDefinition application, Set<String> knownScopes, boolean devMode,
                                        Set<SigningAlgorithm> enabledAlgorithms, ServerTokenLifetimes lifetimes) {
        List<Violation> violations = new ArrayList<>();
        ClientType type = application.type();
        clientIdProblem(application.clientId()).ifPresent(p -> violations.add(new Violation("client_id", p)));
        if (application.name().isBlank() || application.name().length() > MAX_NAME_LENGTH) {
            violations.add(new Violation("name", "must be 1 to " + MAX_NAME_LENGTH + " characters"));
        }
        redirectUris(application, devMode, violations);
        webOrigins(application, devMode, violations);
        scopes(application, knownScopes, violations);
        secret(application, violations);
        if (application.refreshTokens() && (type.confidential() || !type.interactive())) {
            violations.add(new Violation("refresh_tokens", "is an opt-in for spa and native applications only "
                    + "(web applications get refresh tokens with offline_access, m2m applications never)"));
        }
        if (application.introspectAny() && !type.confidential()) {
            violations.add(new Violation("introspect_any", "only confidential applications may introspect"));
        }
        int days = application.maxReferenceTokenDays();
        if (days < MIN_TOKEN_LIFETIME_DAYS || days > MAX_TOKEN_LIFETIME_DAYS) {
            violations.add(new Violation("max_token_lifetime_days",
                    "must be between " + MIN_TOKEN_LIFETIME_DAYS + " and " + MAX_TOKEN_LIFETIME_DAYS));
        }
        if (application.passwordGrant() && type != ClientType.WEB) {
            violations.add(new Violation("password_grant", "is only for confidential web applications"));
        }
        for (ResponseType responseType : application.responseTypes()) {
            if (responseType != ResponseType.CODE && type != ClientType.WEB) {
                violations.add(new Violation("response_types", "'" + responseType.wireName()
                        + "': hybrid and implicit responses are only for web applications"));
            }
        }
        protocolExceptions(application, violations);
        signing(application.signing(), devMode, enabledAlgorithms, violations);
        lifetimes(application, lifetimes, violations);
        return List.copyOf(violations);
    }

    /**
     * Each lifetime within the bounds the matching server setting accepts ({@link TokenLifetimeBounds}); refresh
     * token lifetimes only for an application that may hold refresh tokens; a refresh token's idle lifetime no
     * longer than its family's (the server's setting standing in for the one the application leaves unset).
     */
    private static void lifetimes(ApplicationDefinition application, ServerTokenLifetimes server,
                                  List<Violation> violations) {
        TokenLifetimes own = application.lifetimes();
        own.accessToken().flatMap(d -> outOf(TokenLifetimeBounds.ACCESS_TOKEN, d))
                .ifPresent(p -> violations.add(new Violation("access_token_lifetime", p)));
        if (!application.mayHoldRefreshTokens()) {
            String problem = "is only for applications that may hold refresh tokens (web applications, spa and native "
                    + "ones with refresh_tokens; never m2m)";
            own.refreshIdle().ifPresent(d -> violations.add(new Violation("refresh_token_idle_lifetime", problem)));
            own.refreshMax().ifPresent(d -> violations.add(new Violation("refresh_token_max_lifetime", problem)));
            return;
        }
        Optional<String> idleProblem = own.refreshIdle().flatMap(d -> outOf(TokenLifetimeBounds.REFRESH_TOKEN, d));
        Optional<String> maxProblem = own.refreshMax().flatMap(d -> outOf(TokenLifetimeBounds.REFRESH_TOKEN, d));
        idleProblem.ifPresent(p -> violations.add(new Violation("refresh_token_idle_lifetime", p)));
        maxProblem.ifPresent(p -> violations.add(new Violation("refresh_token_max_lifetime", p)));
        if (idleProblem.isPresent() || maxProblem.isPresent()) {
            return;
        }
        Duration idle = own.effectiveRefreshIdle(server);
        Duration max = own.effectiveRefreshMax(server);
        if (idle.compareTo(max) <= 0) {
            return;
        }
        if (own.refreshIdle().isPresent()) {
            violations.add(new Violation("refresh_token_idle_lifetime", "must not be longer than "
                    + (own.refreshMax().isPresent() ? "refresh_token_max_lifetime"
                    : "the server's refresh token maximum lifetime (LATCHKEY_REFRESH_TOKEN_MAX_TTL)")
                    + ", " + max.toSeconds() + " seconds"));
        } else {
            violations.add(new Violation("refresh_token_max_lifetime", "must not be shorter than the server's refresh "
                    + "token idle lifetime (LATCHKEY_REFRESH_TOKEN_IDLE_TTL), " + idle.toSeconds() + " seconds"));
        }
    }

    private static Optional<String> outOf(TokenLifetimeBounds bounds, Duration lifetime) {
        if (lifetime.compareTo(bounds.shortest()) >= 0 && lifetime.compareTo(bounds.longest()) <= 0) {
            return Optional.empty();
        }
        return Optional.of("must be between " + bounds.shortest().toSeconds() + " and " + bounds.longest().toSeconds()
                + " seconds (or null: the server's setting)");
    }

    /**
     * Keys by value or by reference, not both (OIDC Dynamic Client Registration §2: "The jwks_uri and jwks
     * parameters MUST NOT both be present"); public keys only; a jwks_uri over https (plain http only to a loopback
     * host in development mode); a signed request_object_signing_alg needs keys to verify with; the ID token
     * algorithm must be one the server signs with.
     */
    private static void signing(ClientSigning signing, boolean devMode, Set<SigningAlgorithm> enabledAlgorithms,
                                List<Violation> violations) {
        if (signing.jwks().isPresent() && signing.jwksUri().isPresent()) {
            violations.add(new Violation("jwks_uri", "cannot be given together with jwks"));
        }
        signing.jwks().flatMap(ClientJwks::problem).ifPresent(p -> violations.add(new Violation("jwks", p)));
        signing.jwksUri().flatMap(uri -> jwksUriProblem(uri, devMode))
                .ifPresent(p -> violations.add(new Violation("jwks_uri", p)));
        if (signing.requestObjectAlgorithm().flatMap(RequestObjectAlgorithm::signing).isPresent()
                && !signing.hasKeys()) {
            violations.add(new Violation("request_object_signing_alg", "needs the application's keys (jwks or jwks_uri)"));
        }
        signing.idTokenAlgorithm().filter(alg -> !enabledAlgorithms.contains(alg)).ifPresent(alg ->
                violations.add(new Violation("id_token_signed_response_alg", "must be one of the enabled signing "
                        + "algorithms (LATCHKEY_SIGNING_ALGORITHMS): " + enabledAlgorithms.stream()
                        .map(SigningAlgorithm::name).sorted().collect(Collectors.joining(", ")))));
    }

    /** Why {@code uri} cannot be a jwks_uri, or empty when it can. */
    public static Optional<String> jwksUriProblem(String uri, boolean devMode) {
        if (uri.length() > MAX_URI_LENGTH) {
            return Optional.of("is longer than " + MAX_URI_LENGTH + " characters");
        }
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException e) {
            return Optional.of("is not a URI");
        }
        if (!parsed.isAbsolute() || parsed.getHost() == null || parsed.getRawFragment() != null
                || parsed.getRawUserInfo() != null) {
            return Optional.of("must be an absolute https URL without user information or fragment");
        }
        if (parsed.getScheme().equalsIgnoreCase("https")) {
            return Optional.empty();
        }
        if (parsed.getScheme().equalsIgnoreCase("http") && devMode
                && (parsed.getHost().equals("127.0.0.1") || parsed.getHost().equals("[::1]"))) {
            return Optional.empty();
        }
        return Optional.of("must use https (plain http only to a loopback host in development mode)");
    }

    /**
     * The weakened protections {@code application} was allowed, one sentence each, for the start-up log and every
     * place applications are reviewed; empty for an application held to the defaults.
     */
    public static List<String> warnings(ApplicationDefinition application) {
        List<String> warnings = new ArrayList<>();
        if (application.pkce() == PkcePolicy.OPTIONAL) {
            warnings.add("pkce is optional: OpenID Connect code requests without code_challenge are accepted "
                    + "(the relying party must check the nonce in the ID token instead, RFC 9700 §2.1.1)");
        }
        if (application.implicitByFragment()) {
            warnings.add("implicit_by_fragment: ID tokens and access tokens may be sent in the redirect URI's "
                    + "fragment (browser history, Referer), not only by form_post");
        }
        if (application.signing().unsignedRequestObjects()) {
            warnings.add("request_object_signing_alg is none: unsigned request objects are accepted (their "
                    + "parameters are no more trustworthy than the query's, RFC 9101 §10.1)");
        }
        return List.copyOf(warnings);
    }

    /**
     * PKCE may only be optional for a confidential web application (RFC 9700 §2.1.1: public clients MUST use it);
     * fragment delivery of implicit responses only for a web application allowed an implicit response type.
     */
    private static void protocolExceptions(ApplicationDefinition application, List<Violation> violations) {
        if (application.pkce() == PkcePolicy.OPTIONAL && application.type() != ClientType.WEB) {
            violations.add(new Violation("pkce", "may only be optional for a confidential web application (a "
                    + application.type().wireName() + " application must always use PKCE)"));
        }
        if (application.implicitByFragment() && (application.type() != ClientType.WEB
                || application.responseTypes().stream().noneMatch(t -> !t.issuesCode()))) {
            violations.add(new Violation("implicit_by_fragment", "is only for a web application allowed an "
                    + "implicit response type (id_token or id_token token)"));
        }
    }

    /** Why {@code clientId} cannot name an application, or empty when it can. */
    public static Optional<String> clientIdProblem(String clientId) {
        return CLIENT_ID.matcher(clientId).matches() ? Optional.empty()
                : Optional.of("must be 1 to 128 of A-Z a-z 0-9 . _ ~ : @ -");
    }

    private static void redirectUris(ApplicationDefinition application, boolean devMode, List<Violation> violations) {
        ClientType type = application.type();
        if (!type.interactive()) {
            String problem = "an m2m application signs nobody in and has no redirect URIs";
            if (!application.redirectUris().isEmpty()) {
                violations.add(new Violation("redirect_uris", problem));
            }
            if (!application.postLogoutRedirectUris().isEmpty()) {
                violations.add(new Violation("post_logout_redirect_uris", problem));
            }
            return;
        }
        if (application.redirectUris().isEmpty()) {
            violations.add(new Violation("redirect_uris", "a " + type.wireName() + " application needs at least one"));
        }
        eachUri("redirect_uris", application.redirectUris(), type, devMode, violations);
        eachUri("post_logout_redirect_uris", application.postLogoutRedirectUris(), type, devMode, violations);
    }

    /** The rules of {@link WebOrigins#registrationProblem}, and what the database can hold. */
    private static void webOrigins(ApplicationDefinition application, boolean devMode, List<Violation> violations) {
        List<String> origins = application.webOrigins();
        for (int i = 0; i < origins.size(); i++) {
            String origin = origins.get(i);
            Optional<String> problem = origin.length() > MAX_URI_LENGTH
                    ? Optional.of("must be at most " + MAX_URI_LENGTH + " characters")
                    : WebOrigins.registrationProblem(origin, application.type(), devMode);
            String element = "web_origins[" + i + "]";
            problem.ifPresent(p -> violations.add(new Violation(element, p)));
        }
        if (origins.size() != Set.copyOf(origins).size()) {
            violations.add(new Violation("web_origins", "must not list an origin twice"));
        }
    }

    /** The rules of {@link RedirectUriPolicy#registrationProblem}, and what the database can hold. */
    private static void eachUri(String field, List<String> uris, ClientType type, boolean devMode,
                                List<Violation> violations) {
        for (int i = 0; i < uris.size(); i++) {
            String uri = uris.get(i);
            Optional<String> problem = uri.length() > MAX_URI_LENGTH
                    ? Optional.of("must be at most " + MAX_URI_LENGTH + " characters")
                    : RedirectUriPolicy.registrationProblem(uri, type, devMode);
            String element = field + "[" + i + "]";
            problem.ifPresent(p -> violations.add(new Violation(element, p)));
        }
    }

    private static void scopes(ApplicationDefinition application, Set<String> knownScopes,
                               List<Violation> violations) {
        for (String scope : application.scopes()) {
            if (!knownScopes.contains(scope)) {
                violations.add(new Violation("scopes", "scope '" + scope + "' is not defined"));
            } else if (!application.type().interactive() && PERSON_SCOPES.contains(scope)) {
                violations.add(new Violation("scopes",
                        "'" + scope + "' needs a person; an m2m application cannot have it"));
            }
        }
        adminScopes(application, violations);
        if (!application.scopes().containsAll(application.defaultScopes())) {
            violations.add(new Violation("default_scopes", "must be a subset of scopes"));
        }
    }

    /**
     * Only administrators may hold the admin API's scopes: an m2m application (its client credentials are handed
     * out by operators) and personal access tokens that only administrators may issue for it. So an application
     * with an admin scope is m2m and lets nobody but administrators issue tokens for it.
     */
    private static void adminScopes(ApplicationDefinition application, List<Violation> violations) {
        if (application.scopes().stream().noneMatch(ScopeCatalog::isAdminScope)) {
            return;
        }
        if (application.type() != ClientType.M2M) {
            violations.add(new Violation("scopes", "the admin API's scopes (" + ScopeCatalog.ADMIN + ", "
                    + ScopeCatalog.ADMIN_READ + ") are only for m2m applications"));
        }
        if (application.accessTokens() == AccessTokenPolicy.AUTHENTICATED_USERS) {
            violations.add(new Violation("access_tokens", "must be None or AdministratorsOnly for an application "
                    + "with the admin API's scopes (otherwise anyone could issue a token carrying them)"));
        }
    }

    /** Public applications never get a secret; a given one is long enough not to be guessed (the server's own has 256 bits). */
    private static void secret(ApplicationDefinition application, List<Violation> violations) {
        if (application.secret().isEmpty()) {
            return;
        }
        ClientType type = application.type();
        if (!type.confidential()) {
            violations.add(new Violation("secret", "a " + type.wireName() + " application is public and has no secret"));
        } else if (application.secret().get().length() < MIN_SECRET_LENGTH) {
            violations.add(new Violation("secret", "must be at least " + MIN_SECRET_LENGTH + " characters"));
        }
    }
}
