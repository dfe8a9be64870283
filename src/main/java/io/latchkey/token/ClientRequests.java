package io.latchkey.token;

import io.latchkey.client.AuthenticatedClient;
import io.latchkey.client.ClientAuthMethod;
import io.latchkey.client.ClientAuthenticator;
import io.latchkey.client.ClientCredentials;
import io.latchkey.client.FormParameters;
import io.latchkey.error.ErrorCode;
import io.latchkey.error.OAuthException;
import io.latchkey.security.Secret;

/** The client authentication of introspection and revocation: the token endpoint's methods (RFC 7662 §2.1, RFC 7009 §2.1). */
public final class ClientRequests {
    private final ClientAuthenticator authenticator;

    public ClientRequests(ClientAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    /** @param clientAddress where the request came from, for the brake on guessing secrets */
    public AuthenticatedClient authenticate(FormParameters form, String authorization, String clientAddress,
                                            boolean publicAllowed) {
        AuthenticatedClient client = authenticator.authenticate(ClientCredentials.parse(authorization,
                form.get("client_id"), form.get("client_secret").map(Secret::of)), clientAddress);
        if (!publicAllowed && client.method() == ClientAuthMethod.NONE) {
            throw OAuthException.of(ErrorCode.INVALID_CLIENT, "client authentication failed",
                    "public application " + client.client().clientId() + " may not introspect")
                    .withChallenge(ClientCredentials.BASIC_CHALLENGE);
        }
        return client;
    }

    /** The {@code token} parameter both endpoints require. */
    public static Secret token(FormParameters form) {
        return form.get("token").map(Secret::of).orElseThrow(() -> OAuthException.invalidRequest("token is required"));
    }
}
