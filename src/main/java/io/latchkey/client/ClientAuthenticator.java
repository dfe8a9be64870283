package io.latchkey.client;

import io.latchkey.account.CredentialThrottle;
import io.latchkey.audit.Actor;
import io.latchkey.audit.AuditEvent;
import io.latchkey.audit.AuditTrail;
import io.latchkey.error.ErrorCode;
import io.latchkey.error.OAuthException;
import io.latchkey.security.Secret;
import io.latchkey.security.RedactedLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
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
    /** The least time between two notes of the last use of one secret (per node). */
    public static final Duration LAST_USE_INTERVAL = Duration.ofMinutes(1);
    /** Past this many remembered secrets, the ones not used within the interval are forgotten. */
    private static final int REMEMBERED_USES = 1000;
    private static final Logger LOG = RedactedLog.of(ClientAuthenticator.class);

    private final Clock clock;
    private final AuditTrail audit;
    private final SecretUses uses;
    /** Stored hash of a secret in its overlap to when its use was last audited (epoch millis). */
    private final Map<String, Long> overlapUseRecorded = new ConcurrentHashMap<>();
    /** Stored hash of a secret to when its last use was last noted (epoch millis). */
    private final Map<String, Long> lastUseNoted = new ConcurrentHashMap<>();

    public ClientAuthenticator(ClientDirectory clients, CredentialThrottle throttle, Clock clock) {
        this(clients, Optional.of(throttle), AuditTrail.logOnly(), SecretUses.NONE, clock);
    }

    public ClientAuthenticator(ClientDirectory clients, CredentialThrottle throttle, AuditTrail audit, Clock clock) {
        this(clients, Optional.of(throttle), audit, SecretUses.NONE, clock);
    }

    /** As the server runs: braked, audited, and noting when each secret was last used. */
    public ClientAuthenticator(ClientDirectory clients, CredentialThrottle throttle, AuditTrail audit,
                               SecretUses uses, Clock clock) {
        this(clients, Optional.of(throttle), audit, uses, clock);
    }

    /** Without a brake on failures: for tests of the other rules, which have no database to count in. */
    public ClientAuthenticator(ClientDirectory clients, Clock clock) {
        this(clients, Optional.empty(), AuditTrail.logOnly(), SecretUses.NONE, clock);
    }

    /** Without a brake on failures, with an audit trail: for tests of the overlap events. */
    public ClientAuthenticator(ClientDirectory clients, AuditTrail audit, Clock clock) {
        this(clients, Optional.empty(), audit, SecretUses.NONE, clock);
    }

    /** Without a brake on failures, noting last uses: for tests of the last-use notes. */
    public static ClientAuthenticator notingUses(ClientDirectory clients, SecretUses uses, Clock clock) {
        return new ClientAuthenticator(clients, Optional.empty(), AuditTrail.logOnly(), uses, clock);
    }

    private ClientAuthenticator(ClientDirectory clients, Optional<CredentialThrottle> throttle, AuditTrail audit,
                                SecretUses uses, Clock clock) {
        this.clients = clients;
        this.throttle = throttle;
        this.audit = audit;
        this.uses = uses;
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
        noteLastUse(matched.get(), now);
        matched.filter(secret -> secret.expiresAt().isPresent())
                .ifPresent(secret -> recordOverlapUse(client.clientId(), secret, clientAddress, now));
        return new AuthenticatedClient(client, credentials.method());
    }

    /**
     * The live secret the presented one is (several overlap during rotation), checking every one without stopping
     * at the first match. The presented secret is hashed once, then compared in constant time with each.
     */
    private static Optional<StoredSecret> secretMatching(Client client, Secret presented, Instant now) {
        String presentedHash = presented.hashed();
        StoredSecret match = null;
        for (StoredSecret stored : client.secrets()) {
            boolean equal = Secret.sameHash(presentedHash, stored.hash());
            if (equal && stored.liveAt(now) && match == null) {
                match = stored;
            }
        }
        return Optional.ofNullable(match);
    }

    private void noteLastUse(StoredSecret secret, Instant now) {
        if (!due(lastUseNoted, secret.hash(), now, LAST_USE_INTERVAL)) {
            return;
        }
        try {
            uses.used(secret.hash(), now);
        } catch (RuntimeException e) {
            LOG.warning(() -> "could not note the use of a secret created " + secret.createdAt() + ": " + e);
        }
    }

    private void recordOverlapUse(String clientId, StoredSecret secret, String clientAddress, Instant now) {
        if (due(overlapUseRecorded, secret.hash(), now, OVERLAP_USE_INTERVAL)) {
            audit.record(AuditEvent.success(Actor.application(clientId, null, clientAddress),
                    "application.secret.used_in_overlap", "application:" + clientId, List.of(),
                    "a secret created " + secret.createdAt() + " that stops working at "
                            + secret.expiresAt().orElseThrow() + " was used"));
        }
    }

    /**
     * Whether {@code hash} was last marked in {@code marks} at least {@code interval} before {@code now}; if so, marks
     * it now. The map keeps at most about {@link #REMEMBERED_USES} hashes: past that, the ones not due are forgotten.
     */
    private static boolean due(Map<String, Long> marks, String hash, Instant now, Duration interval) {
        long nowMillis = now.toEpochMilli();
        long intervalMillis = interval.toMillis();
        if (marks.size() > REMEMBERED_USES) {
            marks.values().removeIf(marked -> marked <= nowMillis - intervalMillis);
        }
        boolean[] due = new boolean[1];
        marks.compute(hash, (key, marked) -> {
            due[0] = marked == null || marked <= nowMillis - intervalMillis;
            return due[0] ? nowMillis : marked;
        });
        return due[0];
    }

    private static OAuthException failure(ClientCredentials credentials, String detail) {
        // RFC 9110 §15.5.2: every 401 carries a challenge; Basic is the scheme a client can retry with.
        return OAuthException.of(ErrorCode.INVALID_CLIENT, FAILED, detail).withChallenge(ClientCredentials.BASIC_CHALLENGE);
    }
}
