package io.latchkey.grant;

import io.latchkey.client.AuthenticatedClient;
import io.latchkey.token.TokenResponse;

/** One grant type's rules: validate, consume what is one-time, issue. Adding a grant is adding one of these. */
public interface GrantHandler {
    GrantType grantType();

    /** Throws {@link io.latchkey.error.OAuthException} for anything the request may not have. */
    TokenResponse handle(TokenRequest request, AuthenticatedClient client);
}
