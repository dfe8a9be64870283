package io.latchkey.authorize;

import io.latchkey.client.Client;
import io.latchkey.client.ClientType;
import io.latchkey.error.ErrorCode;
import io.latchkey.error.OAuthException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import java.util.Optional;

/**
 * Redirect URIs match exactly, character for character (RFC 6749 §3.1.2.3, RFC 9700 §4.1.3). The one
 * exception is RFC 8252 §7.3: for a native application's loopback IP redirect URI "the authorization
 * server MUST allow any port to be specified at the time of the request".
 */
public final class RedirectUriPolicy {
    private RedirectUriPolicy() {
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
            if (!("127.0.0.1".equals(host) || "[::1]".equals(host))) {
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
