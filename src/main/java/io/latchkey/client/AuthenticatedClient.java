package io.latchkey.client;

/** An application whose identity the token endpoint has established, and how. */
public record AuthenticatedClient(Client client, ClientAuthMethod method) {
}
