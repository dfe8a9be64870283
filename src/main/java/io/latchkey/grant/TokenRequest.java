package io.latchkey.grant;

import io.latchkey.client.FormParameters;
import io.latchkey.client.ClientCredentials;
import io.latchkey.error.OAuthException;
import io.latchkey.security.Secret;
import java.io.InputStream;
import java.util.Optional;

/** A parsed token request (RFC 6749 §3.2): the grant type, its parameters and how the client presented itself. */
public record TokenRequest(String grantType, FormParameters parameters, ClientCredentials credentials,
                           String clientAddress) {

    public TokenRequest(String grantType, FormParameters parameters, ClientCredentials credentials) {
        this(grantType, parameters, credentials, "unknown");
    }

    public static TokenRequest parse(String contentType, InputStream body, String authorization) {
        return parse(contentType, body, authorization, "unknown");
    }

    /** @param clientAddress the caller's address, for throttling the password grant like the sign-in page */
    public static TokenRequest parse(String contentType, InputStream body, String authorization,
                                     String clientAddress) {
        FormParameters form = FormParameters.parse(contentType, body);
        String grantType = form.get("grant_type").orElseThrow(() ->
                OAuthException.invalidRequest("grant_type is required"));
        ClientCredentials credentials = ClientCredentials.parse(authorization,
                form.get("client_id"), form.get("client_secret").map(Secret::of));
        return new TokenRequest(grantType, form, credentials, clientAddress);
    }

    /**
     * A parameter the grant declared in {@link GrantType#parameters()}; asking for an undeclared one is a
     * programming error, so a handler cannot silently depend on a parameter its type does not list.
     */
    public Optional<String> parameter(GrantType grant, String name) {
        if (!grant.parameters().contains(name)) {
            throw new IllegalStateException(grant.wireName() + " does not declare parameter " + name);
        }
        return parameters.get(name);
    }
}
