package io.latchkey.grant;

import io.latchkey.client.Client;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/** The grant types Latchkey knows, the parameters each accepts, and which applications may use each. */
public enum GrantType {
    /** RFC 6749 §4.4: a service acting for itself. */
    CLIENT_CREDENTIALS("client_credentials", Set.of("scope"), client -> client.type().mayUseClientCredentials());

    private final String wireName;
    private final Set<String> parameters;
    private final Predicate<Client> permits;

    GrantType(String wireName, Set<String> parameters, Predicate<Client> permits) {
        this.wireName = wireName;
        this.parameters = parameters;
        this.permits = permits;
    }

    public String wireName() {
        return wireName;
    }

    /** The request parameters this grant reads, besides grant_type and client authentication. */
    public Set<String> parameters() {
        return parameters;
    }

    /** Whether this application's policy allows this grant at all ({@code unauthorized_client} if not). */
    public boolean permits(Client client) {
        return permits.test(client);
    }

    public static Optional<GrantType> fromWireName(String name) {
        for (GrantType type : values()) {
            if (type.wireName.equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
