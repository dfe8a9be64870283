package io.latchkey.grant;

import io.latchkey.client.AuthenticatedClient;
import io.latchkey.client.Client;
import io.latchkey.client.ScopePolicy;
import io.latchkey.token.AccessTokenClaims;
import io.latchkey.token.AccessTokenIssuer;
import io.latchkey.token.IssuedAccessToken;
import io.latchkey.token.TokenResponse;
import java.util.Optional;
import java.util.Set;

/**
 * RFC 6749 §4.4. The client acts for itself, so the token's subject is its client_id (RFC 9068 §2.2);
 * its scopes are the requested ones if all are allowed, else the application's default set.
 * "A refresh token SHOULD NOT be included" (§4.4.3): none is.
 */
public final class ClientCredentialsGrant implements GrantHandler {
    private final AccessTokenIssuer accessTokens;

    public ClientCredentialsGrant(AccessTokenIssuer accessTokens) {
        this.accessTokens = accessTokens;
    }

    @Override
    public GrantType grantType() {
        return GrantType.CLIENT_CREDENTIALS;
    }

    @Override
    public TokenResponse handle(TokenRequest request, AuthenticatedClient authenticated) {
        Client client = authenticated.client();
        Set<String> scopes = ScopePolicy.grant(client, request.parameter(grantType(), "scope"));
        IssuedAccessToken token = accessTokens.issue(client, AccessTokenClaims.forService(client.clientId(), scopes),
                Optional.empty());
        return TokenResponse.bearer(token);
    }
}
