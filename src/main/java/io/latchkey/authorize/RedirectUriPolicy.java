package io.latchkey.authorize;

import io.latchkey.client.Client;
import io.latchkey.client.ClientType;
import io.latchkey.error.ErrorCode;
import io.latchkey.error.OAuthException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Redirect URIs match exactly, character for character (RFC 6749 §3.1.2.3, RFC 9700 §4.1.3). The one
 * exception is RFC 8252 §7.3: for a native application's loopback IP redirect URI "the authorization
 * server MUST allow any port to be specified at the time of the request".
 *
 * <p>What may be registered at all ({@link #registrationProblem}) is checked wherever an application is
 * defined (the import file today, the admin API later), so matching never meets a pattern or a plain-http
 * host it should not trust.
 */
public final class RedirectUriPolicy {
    private RedirectUriPolicy() {
    }

    /**
     * Why {@code uri} may not be registered as a redirect (or post-logout redirect) URI of a {@code type}
     * application, or empty when it may. The rules, in order:
     * <ul>
     * <li>an absolute URI (RFC 6749 §3.1.2: "The redirection endpoint URI MUST be an absolute URI");</li>
     * <li>no fragment ("The endpoint URI MUST NOT include a fragment component", §3.1.2);</li>
     * <li>no {@code *} anywhere: matching is exact string comparison (RFC 9700 §2.1), so a pattern would
     * never match what its author meant, and refusing it says so;</li>
     * <li>https with a host, for everyone;</li>
     * <li>plain http only to a loopback IP literal, {@code 127.0.0.1} or {@code [::1]} (RFC 8252 §7.3; §8.3:
     * "the use of localhost is NOT RECOMMENDED"), and only for native applications, or for any type in
     * development mode;</li>
     * <li>any other scheme only for native applications, and only a reverse-domain private-use scheme
     * (RFC 8252 §7.1).</li>
     * </ul>
     */
    public static Optional<String> registrationProblem(String uri, ClientType type, boolean devMode) {
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException e) {
            return Optional.of("is not a valid URI");
        }
        if (!parsed.isAbsolute()) {
            return Optional.of("must be an absolute URI (RFC 6749 §3.1.2)");
        }
        if (uri.indexOf('#') >= 0) {
            return Optional.of("must not have a fragment (RFC 6749 §3.1.2)");
        }
        if (uri.indexOf('*') >= 0 || uri.toUpperCase(Locale.ROOT).contains("%2A")) {
            return Optional.of("must not contain '*': redirect URIs are compared exactly, there are no wildcards "
                    + "(RFC 9700 §2.1); register each URI in full");
        }
        String scheme = parsed.getScheme().toLowerCase(Locale.ROOT);
        boolean web = scheme.equals("https") || scheme.equals("http");
        if (web && (parsed.isOpaque() || parsed.getHost() == null)) {
            return Optional.of("must name a host");
        }
        if (scheme.equals("https")) {
            return Optional.empty();
        }
        if (scheme.equals("http")) {
            return plainHttpProblem(parsed.getHost(), type, devMode);
        }
        if (type != ClientType.NATIVE || !scheme.contains(".")) {
            return Optional.of("must be https (native applications may use a reverse-domain private-use scheme)");
        }
        return Optional.empty();
    }

    private static Optional<String> plainHttpProblem(String host, ClientType type, boolean devMode) {
        if (host.equalsIgnoreCase("localhost")) {
            return Optional.of("must use the loopback IP literal 127.0.0.1 or [::1], not localhost (RFC 8252 §8.3)");
        }
        if (!isLoopbackLiteral(host)) {
            return Optional.of("plain http is only allowed to the loopback addresses 127.0.0.1 and [::1]");
        }
        if (type != ClientType.NATIVE && !devMode) {
            return Optional.of("plain http to a loopback address is only for native applications "
                    + "(a " + type.wireName() + " application needs https, or LATCHKEY_DEV_MODE=true)");
        }
        return Optional.empty();
    }

    private static boolean isLoopbackLiteral(String host) {
        return "127.0.0.1".equals(host) || "[::1]".equals(host);
    }

    /**
     * @param requested the {@code redirect_uri} parameter, if sent
     * @param required whether the request must name it (always for OpenID Connect)
     */
    public static VerifiedRedirect verify(Client client, Optional<String> requested, boolean required,
                                          Optional<String> state) {
        String uri;
        if (requested.isEmpty()) {
            if (required || client.redirectUris().size() != 1) {
                throw OAuthException.invalidRequest("redirect_uri is required");
            }
            uri = client.redirectUris().get(0);
        } else {
            uri = requested.get();
            if (!isRegistered(client, uri)) {
                throw OAuthException.of(ErrorCode.INVALID_REQUEST, "redirect_uri is not registered for this application",
                        "unregistered redirect_uri for " + client.clientId());
            }
        }
        return new VerifiedRedirect(client.clientId(), uri, state, ResponseMode.QUERY);
    }

    public static boolean isRegistered(Client client, String requested) {
        for (String registered : client.redirectUris()) {
            if (registered.equals(requested)) {
                return true;
            }
            if (client.type() == ClientType.NATIVE && sameLoopbackExceptPort(registered, requested)) {
                return true;
            }
        }
        return false;
    }

    static boolean sameLoopbackExceptPort(String registered, String requested) {
        try {
            URI a = new URI(registered);
            URI b = new URI(requested);
            if (!"http".equals(a.getScheme()) || !"http".equals(b.getScheme())) {
                return false;
            }
            String host = a.getHost();
            if (!isLoopbackLiteral(host)) {
                return false;
            }
            return host.equals(b.getHost())
                    && a.getRawUserInfo() == null && b.getRawUserInfo() == null
                    && Objects.equals(a.getRawPath(), b.getRawPath())
                    && Objects.equals(a.getRawQuery(), b.getRawQuery())
                    && a.getRawFragment() == null && b.getRawFragment() == null
                    && (b.getPort() == -1 || (b.getPort() > 0 && b.getPort() <= 65535));
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
