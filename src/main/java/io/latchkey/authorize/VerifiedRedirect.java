package io.latchkey.authorize;

import java.util.Optional;

/**
 * A redirect URI proven to be registered for the client, with the request's {@code state} and response
 * mode. Only {@link RedirectUriPolicy} makes one, so an error can be redirected only after the client and
 * its redirect URI were verified (RFC 6749 §4.1.2.1), by construction.
 */
public final class VerifiedRedirect {
    private final String clientId;
    private final String uri;
    private final Optional<String> state;
    private final ResponseMode mode;

    VerifiedRedirect(String clientId, String uri, Optional<String> state, ResponseMode mode) {
        this.clientId = clientId;
        this.uri = uri;
        this.state = state;
        this.mode = mode;
    }

    public String clientId() {
        return clientId;
    }

    public String uri() {
        return uri;
    }

    public Optional<String> state() {
        return state;
    }

    public ResponseMode mode() {
        return mode;
    }

    VerifiedRedirect withMode(ResponseMode newMode) {
        return new VerifiedRedirect(clientId, uri, state, newMode);
    }
}
