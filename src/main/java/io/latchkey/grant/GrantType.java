package io.latchkey.grant;

import io.latchkey.client.Client;
import io.latchkey.client.ClientType;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/** The grant types Latchkey knows, the parameters each accepts, and which applications may use each. */
public enum GrantType {
    /** RFC 6749 §4.1.3 with RFC 7636: applications that sign people in. */
    AUTHORIZATION_CODE("authorization_code", Set.of("code", "redirect_uri", "code_verifier"),
            client -> client.type().interactive()),
    /** RFC 6749 §4.4: a service acting for itself. */
    CLIENT_CREDENTIALS("client_credentials", Set.of("scope"), client -> client.type().mayUseClientCredentials()),
    /**
     * RFC 6749 §4.3, discouraged (RFC 9700 §2.4): only bound when LATCHKEY_PASSWORD_GRANT=true, and then only
     * for confidential web applications that were explicitly allowed.
     */
    PASSWORD("password", Set.of("username", "password", "scope"),
            client -> client.type() == ClientType.WEB && client.passwordGrant()),
    /** RFC 6749 §6: web applications, and public ones that opted in. */
    REFRESH_TOKEN("refresh_token", Set.of("refresh_token", "scope"), Client::mayHoldRefreshTokens);

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
