package io.latchkey.grant;

import io.latchkey.client.AuthenticatedClient;
import io.latchkey.client.ClientAuthenticator;
import io.latchkey.error.ErrorCode;
import io.latchkey.error.OAuthException;
import io.latchkey.security.RedactedLog;
import io.latchkey.token.TokenResponse;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The token endpoint's rules in order: the grant type must be one this server has enabled
 * ({@code unsupported_grant_type}), the client must authenticate ({@code invalid_client}), its policy must
 * allow the grant ({@code unauthorized_client}), then the grant's own handler decides.
 */
public final class TokenEndpoint {
    private static final Logger LOG = RedactedLog.of(TokenEndpoint.class);
    private final Map<GrantType, GrantHandler> handlers;
    private final ClientAuthenticator authenticator;

    public TokenEndpoint(List<GrantHandler> enabled, ClientAuthenticator authenticator) {
        Map<GrantType, GrantHandler> map = new EnumMap<>(GrantType.class);
        for (GrantHandler handler : enabled) {
            if (map.put(handler.grantType(), handler) != null) {
                throw new IllegalArgumentException("two handlers for " + handler.grantType());
            }
        }
        this.handlers = map;
        this.authenticator = authenticator;
    }

    public TokenResponse handle(TokenRequest request) {
        LOG.fine(() -> "token request " + request);
        GrantHandler handler = GrantType.fromWireName(request.grantType())
                .map(handlers::get)
                .orElseThrow(() -> OAuthException.of(ErrorCode.UNSUPPORTED_GRANT_TYPE,
                        "the grant_type is not supported by this server"));
        AuthenticatedClient client = authenticator.authenticate(request.credentials(), request.clientAddress());
        if (!handler.grantType().permits(client.client())) {
            throw OAuthException.of(ErrorCode.UNAUTHORIZED_CLIENT,
                    "this application may not use the " + handler.grantType().wireName() + " grant",
                    client.client().type().wireName() + " application " + client.client().clientId()
                            + " asked for " + handler.grantType().wireName());
        }
        TokenResponse response = handler.handle(request, client);
        LOG.fine(() -> "issued " + response + " to " + client.client().clientId());
        return response;
    }

    /** The enabled grant types, as discovery advertises them. */
    public Set<GrantType> enabledGrantTypes() {
        return handlers.keySet();
    }
}
