package io.latchkey.authorize;

import io.latchkey.client.Client;
import io.latchkey.client.ResponseType;
import io.latchkey.token.ClaimsRequest;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** An authorization request that passed every check: what the client may have, and how to answer it. */
public record AuthorizationRequest(
        Client client,
        VerifiedRedirect redirect,
        ResponseType responseType,
        Set<String> scopes,
        String codeChallenge,
        Optional<String> nonce,
        Set<Prompt> prompts,
        OptionalLong maxAgeSeconds,
        Optional<String> loginHint,
        RequestParameters parameters) {

    public boolean openid() {
        return scopes.contains("openid");
    }

    /**
     * The {@code claims} request parameter (OIDC Core §5.5), which {@link AuthorizationValidator} has checked;
     * {@link ClaimsRequest#NONE} without one or outside OpenID Connect. Its {@code userinfo} member counts only
     * when an access token is issued (§5.5: "when ... an Access Token is issued").
     */
    public ClaimsRequest claims() {
        return openid() ? parameters.single("claims").map(ClaimsRequest::parse).orElse(ClaimsRequest.NONE)
                : ClaimsRequest.NONE;
    }
}
