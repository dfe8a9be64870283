package io.latchkey.client;

import io.latchkey.account.CredentialThrottle;
import io.latchkey.audit.Actor;
import io.latchkey.audit.AuditEvent;
import io.latchkey.audit.AuditTrail;
import io.latchkey.error.ErrorCode;
import io.latchkey.error.OAuthException;
import io.latchkey.security.Secret;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Establishes which application is calling. Every failure is the same {@code invalid_client} with the
 * same public text, so the answer does not tell an unknown client from a wrong secret; the 401 always
 * carries a Basic challenge (RFC 6749 §5.2, RFC 9110 §15.5.2). Failures are counted per client_id and per
 * address by the {@link CredentialThrottle}; a blocked attempt is answered 429 with {@code Retry-After} before
 * its secret is looked at.
 *
 * <p>A secret that is being retired (it has an end: the previous one after a rotation) and still works is
 * recorded on the audit trail as {@code application.secret.used_in_overlap}, so operators see who still uses
 * it before it ends: at most once per secret per {@link #OVERLAP_USE_INTERVAL} on each node.
 */
public final class ClientAuthenticator {
    static final String FAILED = "client authentication failed";
    /** Compared against when the client is unknown, so both paths hash and compare once. */
    private static final String NO_SUCH_HASH = Secret.of("no such client").hashed();

    private final ClientDirectory clients;
    private final Optional<CredentialThrottle> throttle;
    /** The least time between two audit events for the use of one secret in its overlap (per node). */
    public static final Duration OVERLAP_USE_INTERVAL = Duration.ofHours(1);
    /** Past this many remembered secrets, the ones not used within the interval are forgotten. */
    private static final int REMEMBERED_OVERLAP_USES = 1000;

    private final Clock clock;
    private final AuditTrail audit;
    /** Stored hash of a secret in its overlap to when its use was last recorded (epoch millis). */
    private final Map<String, Long> overlapUseRecorded = new ConcurrentHashMap<>();

    public ClientAuthenticator(ClientDirectory clients, CredentialThrottle throttle, Clock clock) {
        this(clients, Optional.of(throttle), AuditTrail.logOnly(), clock);
    }

    public ClientAuthenticator(ClientDirectory clients, CredentialThrottle throttle, AuditTrail audit, Clock clock) {
        this(clients, Optional.of(throttle), audit, clock);
    }

    /** Without a brake on failures: for tests of the other rules, which have no database to count in. */
    public ClientAuthenticator(ClientDirectory clients, Clock clock) {
        this(clients, Optional.empty(), AuditTrail.logOnly(), clock);
    }

    /** Without a brake on failures, with an audit trail: for tests of the overlap events. */
    public ClientAuthenticator(ClientDirectory clients, AuditTrail audit, Clock clock) {
        this(clients, Optional.empty(), audit, clock);
    }

    private ClientAuthenticator(ClientDirectory clients, Optional<CredentialThrottle> throttle, AuditTrail audit,
                                Clock clock) {
        this.clients = clients;
        this.throttle = throttle;
        this.audit = audit;
        this.clock = clock;
    }

    /** @param clientAddress where the request came from, for the brake on guessing */
    public AuthenticatedClient authenticate(ClientCredentials credentials, String clientAddress) {
        if (throttle.isEmpty()) {
            return check(credentials, clientAddress);
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
            client = check(credentials, clientAddress);
        } catch (OAuthException e) {
            brake.recordClientFailure(credentials.clientId(), clientAddress);
            throw e;
        }
        if (before.addressCounted()) {
            brake.recordClientSuccess(credentials.clientId(), clientAddress);
        }
        return client;
    }

    private AuthenticatedClient check(ClientCredentials credentials, String clientAddress) {
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
        Instant now = clock.instant();
        Optional<StoredSecret> matched = secretMatching(client, credentials.secret().orElseThrow(), now);
        if (matched.isEmpty()) {
            throw failure(credentials, "wrong or expired secret for " + client.clientId());
        }
        matched.filter(secret -> secret.expiresAt().isPresent())
                .ifPresent(secret -> recordOverlapUse(client.clientId(), secret, clientAddress, now));
        return new AuthenticatedClient(client, credentials.method());
    }

    /**
     * The live secret the presented one is (several overlap during rotation), checking every one without stopping
     * at the first match.
     */
    private static Optional<StoredSecret> secretMatching(Client client, Secret presented, Instant now) {
        StoredSecret match = null;
        for (StoredSecret stored : client.secrets()) {
            boolean equal = presented.matchesHash(stored.hash());
            if (equal && stored.liveAt(now) && match == null) {
                match = stored;
            }
        }
        return Optional.ofNullable(match);
    }

    private void recordOverlapUse(String clientId, StoredSecret secret, String clientAddress, Instant now) {
        long nowMillis = now.toEpochMilli();
        long interval = OVERLAP_USE_INTERVAL.toMillis();
        if (overlapUseRecorded.size() > REMEMBERED_OVERLAP_USES) {
            overlapUseRecorded.values().removeIf(recorded -> recorded <= nowMillis - interval);
        }
        boolean[] due = new boolean[1];
        overlapUseRecorded.compute(secret.hash(), (hash, recorded) -> {
            due[0] = recorded == null || recorded <= nowMillis - interval;
            return due[0] ? nowMillis : recorded;
        });
        if (due[0]) {
            audit.record(AuditEvent.success(Actor.application(clientId, null, clientAddress),
                    "application.secret.used_in_overlap", "application:" + clientId, List.of(),
                    "a secret created " + secret.createdAt() + " that stops working at "
                            + secret.expiresAt().orElseThrow() + " was used"));
        }
    }

    private static OAuthException failure(ClientCredentials credentials, String detail) {
        // RFC 9110 §15.5.2: every 401 carries a challenge; Basic is the scheme a client can retry with.
        return OAuthException.of(ErrorCode.INVALID_CLIENT, FAILED, detail).withChallenge(ClientCredentials.BASIC_CHALLENGE);
    }
}
