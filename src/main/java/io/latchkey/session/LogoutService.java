package io.latchkey.session;

import io.latchkey.authorize.RequestParameters;
import io.latchkey.client.Client;
import io.latchkey.client.ClientDirectory;
import io.latchkey.error.OAuthException;
import io.latchkey.security.Secret;
import io.latchkey.token.IdTokenHints;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * OpenID Connect RP-Initiated Logout 1.0. A {@code post_logout_redirect_uri} is followed only when it is
 * registered, exactly, for the client named by {@code id_token_hint} or {@code client_id}. Without a hint
 * that names the current session, the person confirms first, so no other site can sign them out.
 */
public final class LogoutService {
    private final IdTokenHints hints;
    private final ClientDirectory clients;
    private final BrowserSessions sessions;

    public LogoutService(IdTokenHints hints, ClientDirectory clients, BrowserSessions sessions) {
        this.hints = hints;
        this.clients = clients;
        this.sessions = sessions;
    }

    /** The checked request: where to go afterwards, and what the confirmation page must carry. */
    public record LogoutRequest(Optional<String> clientId, Optional<String> postLogoutRedirectUri,
                                Optional<String> state, boolean hintNamesSession) {
        /** Where to send the browser after signing out: the registered URI with {@code state}, if any. */
        public Optional<String> location() {
            return postLogoutRedirectUri.map(uri -> state.map(s -> uri + (uri.contains("?") ? "&" : "?") + "state="
                    + URLEncoder.encode(s, StandardCharsets.UTF_8)).orElse(uri));
        }
    }

    public LogoutRequest check(RequestParameters parameters, Optional<BrowserSession> session) {
        Optional<IdTokenHints.Hint> hint = parameters.single("id_token_hint").map(h -> hints.read(Secret.of(h))
                .orElseThrow(() -> OAuthException.invalidRequest("id_token_hint is not an ID token of this server")));
        Optional<String> clientId = parameters.single("client_id");
        if (hint.isPresent() && clientId.isPresent() && !hint.get().clientId().equals(clientId.get())) {
            throw OAuthException.invalidRequest("client_id does not match id_token_hint");
        }
        Optional<String> effectiveClient = hint.map(IdTokenHints.Hint::clientId).or(() -> clientId);
        Optional<String> redirect = parameters.single("post_logout_redirect_uri");
        if (redirect.isPresent()) {
            Client client = effectiveClient.flatMap(clients::find).filter(Client::enabled).orElseThrow(() ->
                    OAuthException.invalidRequest("post_logout_redirect_uri needs id_token_hint or client_id"));
            if (!client.postLogoutRedirectUris().contains(redirect.get())) {
                throw OAuthException.invalidRequest("post_logout_redirect_uri is not registered for this application");
            }
        }
        boolean namesSession = hint.isPresent() && session.isPresent()
                && hint.get().sid().map(session.get().sid()::equals).orElse(false);
        return new LogoutRequest(effectiveClient, redirect, parameters.single("state"), namesSession);
    }

    public void end(Secret sessionCookie) {
        sessions.end(sessionCookie);
    }
}
