package io.latchkey.client;

import io.latchkey.authorize.RedirectUriPolicy;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The web origins of applications: the origins whose pages may call the token, userinfo and revocation endpoints
 * from a browser (CORS). Only public applications (spa, native) have any: a confidential application's secret
 * never reaches a browser, so its requests never need CORS. An application's origins are its explicit
 * {@code web_origins}, or, when it lists none, the origins of its http(s) redirect URIs (the page a single-page
 * application is served from is usually where it is redirected back to).
 *
 * <p>An origin is written as a browser sends it in the {@code Origin} header (the ASCII serialization of RFC 6454
 * §6.2): {@code scheme://host[:port]}, lowercase, the default port left out, no path, no wildcard; so the header is
 * compared with the registered origins by exact string equality.
 */
public final class WebOrigins {
    private WebOrigins() {
    }

    /** The web origins of {@code client}: none for a confidential one, else explicit or its redirect URIs'. */
    public static Set<String> of(Client client) {
        if (client.type().confidential() || !client.type().interactive()) {
            return Set.of();
        }
        return effective(client.webOrigins(), client.redirectUris());
    }

    /** {@code explicit} when there is any, else the http(s) origins of {@code redirectUris}, in order. */
    public static Set<String> effective(List<String> explicit, List<String> redirectUris) {
        if (!explicit.isEmpty()) {
            return Set.copyOf(explicit);
        }
        Set<String> origins = new LinkedHashSet<>();
        redirectUris.forEach(uri -> originOf(uri).ifPresent(origins::add));
        return Set.copyOf(origins);
    }

    /** The RFC 6454 §6.2 serialization of an http(s) URL's origin; empty for anything else (incl. "null"). */
    public static Optional<String> originOf(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.isOpaque() || uri.getRawAuthority() == null
                || uri.getRawUserInfo() != null || uri.getHost() == null) {
            return Optional.empty();
        }
        int port = uri.getPort();
        boolean defaultPort = port == -1 || scheme.equals("http") && port == 80 || scheme.equals("https") && port == 443;
        return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port));
    }

    /**
     * Why {@code origin} may not be registered as a web origin of a {@code type} application, or empty when it
     * may: public applications only; exactly an origin as a browser sends it (no path, not even {@code /}, no query,
     * no user info, no {@code *}: origins are compared exactly); https, or plain http to a loopback IP literal under
     * the same rule as redirect URIs (native applications, or any type in development mode).
     */
    public static Optional<String> registrationProblem(String origin, ClientType type, boolean devMode) {
        if (type.confidential() || !type.interactive()) {
            return Optional.of("only public (spa, native) applications call the endpoints from a browser; web and "
                    + "m2m applications have no web origins");
        }
        if (origin.indexOf('*') >= 0) {
            return Optional.of("must not contain '*': origins are compared exactly, there are no wildcards");
        }
        Optional<String> serialized = originOf(origin);
        if (serialized.isEmpty()) {
            return Optional.of("must be an http(s) origin: scheme://host[:port]");
        }
        if (!serialized.get().equals(origin)) {
            return Optional.of("must be written as a browser sends it in the Origin header, without path: "
                    + serialized.get());
        }
        return origin.startsWith("http:") ? RedirectUriPolicy.registrationProblem(origin + "/", type, devMode)
                : Optional.empty();
    }
}
