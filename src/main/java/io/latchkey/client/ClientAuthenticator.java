package io.latchkey.client;

import io.latchkey.account.CredentialThrottle;
import io.latchkey.error.ErrorCode;
import io.latchkey.error.OAuthException;
import io.latchkey.security.Secret;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Establishes which application is calling. Every failure is the same {@code invalid_client} with the
 * same public text, so the answer does not tell an unknown client from a wrong secret; the 401 always
 * carries a Basic challenge (RFC 6749 §5.2, RFC 9110 §15.5.2). Failures are counted per client_id and per
 * address by the {@link CredentialThrottle}; a blocked attempt is answered 429 with {@code Retry-After} before
 * its secret is looked at.
 */
public final class ClientAuthenticator {
    static final String FAILED = "client authentication failed";
    /** Compared against when the client is unknown, so both paths hash and compare once. */
    private static final String NO_SUCH_HASH = Secret.of("no such client").hashed();

    private final ClientDirectory clients;
    private final Optional<CredentialThrottle> throttle;
    private final Clock clock;

    public ClientAuthenticator(ClientDirectory clients, CredentialThrottle throttle, Clock clock) {
        this(clients, Optional.of(throttle), clock);
    }

    /** Without a brake on failures: for tests of the other rules, which have no database to count in. */
    public ClientAuthenticator(ClientDirectory clients, Clock clock) {
        this(clients, Optional.empty(), clock);
    }

    private ClientAuthenticator(ClientDirectory clients, Optional<CredentialThrottle> throttle, Clock clock) {
        this.clients = clients;
        this.throttle = throttle;
        this.clock = clock;
    }

    /** @param clientAddress where the request came from, for the brake on guessing */
    public AuthenticatedClient authenticate(ClientCredentials credentials, String clientAddress) {
        if (throttle.isEmpty()) {
            return check(credentials);
        }
        CredentialThrottle brake = throttle.get();
        CredentialThrottle.Check before = brake.beforeClientAuthentication(credentials.clientId(), clientAddress);
        if (before.blockedFor().isPresent()) {
            throw OAuthException.of(ErrorCode.CLIENT_AUTHENTICATION_THROTTLED,
                    "too many failed client authentications; try again later",
                    "client authentication of " + credentials.clientId() + " from " + clientAddress + " is blocked")
                    .withRetryAfter(before.blockedFor().get());
        }
        AuthenticatedClient client;
        try {
            client = check(credentials);
        } catch (OAuthException e) {
            brake.recordClientFailure(credentials.clientId(), clientAddress);
            throw e;
        }
        if (before.addressCounted()) {
            brake.recordClientSuccess(credentials.clientId(), clientAddress);
        }
        return client;
    }

    private AuthenticatedClient check(ClientCredentials credentials) {
        Optional<Client> found = clients.find(credentials.clientId());
        if (found.isEmpty()) {
            credentials.secret().ifPresent(s -> s.matchesHash(NO_SUCH_HASH));
            throw failure(credentials, "unknown client_id");
        }
        Client client = found.get();
        if (!client.enabled()) {
            throw failure(credentials, "application " + client.clientId() + " is disabled");
        }
        if (credentials.method() == ClientAuthMethod.NONE) {
            if (client.type().confidential()) {
                throw failure(credentials, "confidential application " + client.clientId() + " sent no secret");
            }
            return new AuthenticatedClient(client, ClientAuthMethod.NONE);
        }
        if (!client.type().confidential()) {
            throw failure(credentials, "public application " + client.clientId() + " sent a secret");
        }
        if (!secretMatches(client, credentials.secret().orElseThrow(), clock.instant())) {
            throw failure(credentials, "wrong or expired secret for " + client.clientId());
        }
        return new AuthenticatedClient(client, credentials.method());
    }

    /** Checks every live secret (several overlap during rotation) without stopping at the first match. */
    private static boolean secretMatches(Client client, Secret presented, Instant now) {
        boolean match = false;
        for (StoredSecret stored : client.secrets()) {
            boolean equal = presented.matchesHash(stored.hash());
            match |= equal && stored.liveAt(now);
        }
        return match;
    }

    private static OAuthException failure(ClientCredentials credentials, String detail) {
        // RFC 9110 §15.5.2: every 401 carries a challenge; Basic is the scheme a client can retry with.
        return OAuthException.of(ErrorCode.INVALID_CLIENT, FAILED, detail).withChallenge(ClientCredentials.BASIC_CHALLENGE);
    }
}
