package io.latchkey.authorize;

import io.latchkey.client.Client;
import io.latchkey.client.ResponseType;
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
}
