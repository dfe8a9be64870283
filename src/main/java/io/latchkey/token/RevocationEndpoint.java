package io.latchkey.token;

import io.latchkey.client.AuthenticatedClient;
import io.latchkey.client.FormParameters;

/** {@code POST /oauth/revoke}: RFC 7009; public applications may revoke their own tokens too. */
public final class RevocationEndpoint {
    private final ClientRequests clients;
    private final Revocation revocation;

    public RevocationEndpoint(ClientRequests clients, Revocation revocation) {
        this.clients = clients;
        this.revocation = revocation;
    }

    public void revoke(FormParameters form, String authorization, String clientAddress) {
        AuthenticatedClient caller = clients.authenticate(form, authorization, clientAddress, true);
        revocation.revoke(caller.client(), ClientRequests.token(form), form.get("token_type_hint"));
    }
}
