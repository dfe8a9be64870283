package io.latchkey.token;

import io.latchkey.account.Account;
import io.latchkey.account.CredentialThrottle;
import io.latchkey.audit.Actor;
import io.latchkey.audit.AuditEvent;
import io.latchkey.audit.AuditTrail;
import io.latchkey.client.ApplicationSubject;
import io.latchkey.client.Client;
import io.latchkey.error.ErrorCode;
import io.latchkey.error.OAuthException;
import io.latchkey.security.RedactedLog;
import io.latchkey.security.Secret;
import io.latchkey.store.ReferenceTokenEntity;
import io.latchkey.store.ReferenceTokenRepository;
import io.latchkey.store.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Logger;

/**
 * Stored personal and service access tokens: storing a new one, reading one presented as a bearer token
 * (live, unexpired, and for a PAT an enabled owner), listing and revoking. Each issue and revocation is an event
 * of the audit trail ({@code personal_access_token.issued}, {@code service_access_token.revoked}, …, target
 * {@code personal_access_token:<id>}), and each use (sampled: at most one per token per {@link #USE_SAMPLE}) a
 * log line, naming the token by its id — never by its value. The event of an issue or a revocation is written in
 * the change's own transaction: the one is never kept without the other. Look-ups of tokens presented by a caller
 * are braked per address by the {@link CredentialThrottle}: a well-formed value that no stored token has counts as
 * a failure.
 */
public final class ReferenceTokens {
    public static final Duration USE_SAMPLE = Duration.ofMinutes(1);
    private static final Logger LOG = RedactedLog.of(ReferenceTokens.class);

    private final Transactions transactions;
    private final ReferenceTokenRepository repository;
    private final Optional<CredentialThrottle> throttle;
    private final AuditTrail audit;
    private final Clock clock;

    /** Without a brake on look-ups: for storing, listing and revoking, and for tests of the other rules. */
    public ReferenceTokens(Transactions transactions, ReferenceTokenRepository repository, Clock clock) {
        this(transactions, repository, Optional.empty(), AuditTrail.logOnly(), clock);
    }

    /** Without a brake on look-ups, recording issues and revocations on {@code audit}. */
    public ReferenceTokens(Transactions transactions, ReferenceTokenRepository repository, AuditTrail audit,
                           Clock clock) {
        this(transactions, repository, Optional.empty(), audit, clock);
    }

    public ReferenceTokens(Transactions transactions, ReferenceTokenRepository repository,
                           CredentialThrottle throttle, Clock clock) {
        this(transactions, repository, Optional.of(throttle), AuditTrail.logOnly(), clock);
    }

    public ReferenceTokens(Transactions transactions, ReferenceTokenRepository repository,
                           CredentialThrottle throttle, AuditTrail audit, Clock clock) {
        this(transactions, repository, Optional.of(throttle), audit, clock);
    }

    /* The owner's standing is read with the token itself (ReferenceTokenRepository.findPresented). */
    private ReferenceTokens(Transactions transactions, ReferenceTokenRepository repository,
                            Optional<CredentialThrottle> throttle, AuditTrail audit, Clock clock) {
        this.transactions = transactions;
        this.repository = repository;
        this.throttle = throttle;
        this.audit = audit;
        this.clock = clock;
    }

    /** What the owner's page shows about a token (its value never leaves after issue). */
    public record Listed(String id, ReferenceToken.Kind kind, String name, String clientId, Set<String> scopes,
                         Instant createdAt, Instant expiresAt, Optional<Instant> lastUsedAt) {
        /** The scopes as one space-separated string, as they appear on the wire. */
        public String scope() {
            return String.join(" ", new TreeSet<>(scopes));
        }

        /** When it was last used (to the minute: uses are sampled), or {@code never}. */
        public String lastUsed() {
            return lastUsedAt.map(Instant::toString).orElse("never");
        }
    }

    /** A token just issued: its value, to show once, and its listing. */
    public record Issued(Secret value, Listed token) {
    }

    /** Stores a new token the policy already allowed, issued by {@code issuer} themselves (no request known). */
    public Issued store(Account issuer, Client client, ReferenceToken.Kind kind, String name, Set<String> scopes,
                        Duration lifetime) {
        return store(Actor.account(issuer.subject(), null, null), issuer, client, kind, name, scopes, lifetime);
    }

    /** Stores a new token the policy already allowed; {@code actor} asked for it (recorded on the audit trail). */
    public Issued store(Actor actor, Account issuer, Client client, ReferenceToken.Kind kind, String name,
                        Set<String> scopes, Duration lifetime) {
        Instant now = clock.instant();
        Secret value = ReferenceToken.generate(kind);
        boolean personal = kind == ReferenceToken.Kind.PAT;
        ReferenceTokenEntity entity = new ReferenceTokenEntity(value.hashed(), kind.name().toLowerCase(Locale.ROOT),
                name, client.clientId(), personal ? issuer.id() : null,
                personal ? issuer.subject() : ApplicationSubject.of(client.clientId()), issuer.id(), String.join(" ", new TreeSet<>(scopes)),
                now, now.plus(lifetime));
        Listed listed = listed(entity);
        transactions.run(em -> {
            repository.add(em, entity);
            audit.record(em, AuditEvent.success(actor, eventName(kind) + ".issued", eventName(kind) + ":"
                    + listed.id(), List.of(), "for application " + client.clientId() + (personal ? " acting as "
                    + issuer.subject() : "") + ", scope \"" + entity.getScope() + "\", expires "
                    + entity.getExpiresAt()));
        });
        return new Issued(value, listed);
    }

    /**
     * Stores an opaque access token issued by a grant (kind AT): it acts as {@code subject} (a person, or the
     * application itself), for the access token lifetime, and is checked like any reference token.
     */
    public Secret storeAccessToken(String subject, Optional<Long> accountId, String clientId, Set<String> scopes,
                                   Instant issuedAt, Instant expiresAt) {
        return storeAccessToken(subject, accountId, clientId, scopes, issuedAt, expiresAt, ClaimsRequest.NONE);
    }

    /**
     * {@link #storeAccessToken(String, Optional, String, Set, Instant, Instant)} for a sign-in made with the
     * {@code claims} request parameter: when it asks for UserInfo claims it is kept with the token, so that
     * UserInfo answers them ({@link #claimsRequestOf}) as it does for a JWT access token (OIDC Core §5.5).
     */
    public Secret storeAccessToken(String subject, Optional<Long> accountId, String clientId, Set<String> scopes,
                                   Instant issuedAt, Instant expiresAt, ClaimsRequest claims) {
        Secret value = ReferenceToken.generate(ReferenceToken.Kind.AT);
        ReferenceTokenEntity entity = new ReferenceTokenEntity(value.hashed(), "at", "access token", clientId,
                accountId.orElse(null), subject, null, String.join(" ", new TreeSet<>(scopes)), issuedAt, expiresAt);
        if (!claims.userinfo().isEmpty()) {
            entity.setClaimsRequest(claims.storable().orElseThrow());
        }
        transactions.run(em -> repository.add(em, entity));
        return value;
    }

    /** The claims request parameter kept with this token ({@link ClaimsRequest#NONE} without one). */
    public ClaimsRequest claimsRequestOf(Secret value) {
        return ClaimsRequest.stored(transactions.inTransaction(em -> repository.claimsRequest(em, value.hashed())));
    }

    /** The live tokens this account issued, newest first. */
    public List<Listed> issuedBy(Account account) {
        return transactions.inTransaction(em -> repository.liveIssuedBy(em, account.id(), clock.instant()))
                .stream().map(ReferenceTokens::listed).toList();
    }

    /** Revokes one of this account's tokens by its id; false when it has no such live token. */
    public boolean revokeIssuedBy(Account account, String id) {
        return revokeIssuedBy(Actor.account(account.subject(), null, null), account, id);
    }

    /**
     * Revokes one of this account's tokens by its id, as {@code actor} (recorded on the audit trail); false when it
     * has no such live token.
     */
    public boolean revokeIssuedBy(Actor actor, Account account, String id) {
        Instant now = clock.instant();
        return transactions.inTransaction(em -> repository.liveIssuedBy(em, account.id(), now).stream()
                .filter(t -> ReferenceToken.idOf(t.getTokenHash()).equals(id)).findFirst()
                .filter(t -> repository.revoke(em, t.getTokenHash(), now))
                .map(t -> ReferenceToken.Kind.valueOf(t.getKind().toUpperCase(Locale.ROOT)))
                .map(kind -> {
                    audit.record(em, AuditEvent.success(actor, eventName(kind) + ".revoked",
                            eventName(kind) + ":" + id, List.of(), "issued by " + account.subject()));
                    return kind;
                })
                .isPresent());
    }

    /** {@code personal_access_token}, {@code service_access_token}, {@code access_token}: the audit name of a kind. */
    static String eventName(ReferenceToken.Kind kind) {
        return switch (kind) {
            case PAT -> "personal_access_token";
            case SAT -> "service_access_token";
            case AT -> "access_token";
        };
    }

    /**
     * RFC 7009 for reference tokens: the application a token belongs to may revoke it. True when the value is
     * a stored token at all (so no other kind is tried), whether or not this caller could revoke it.
     */
    public boolean revokeForClient(Client caller, Secret value) {
        if (ReferenceToken.kindOf(value).isEmpty()) {
            return false;
        }
        String hash = value.hashed();
        Instant now = clock.instant();
        return transactions.inTransaction(em -> repository.find(em, hash).map(t -> {
            if (t.getClientId().equals(caller.clientId()) && repository.revoke(em, hash, now)) {
                ReferenceToken.Kind kind = ReferenceToken.Kind.valueOf(t.getKind().toUpperCase(Locale.ROOT));
                // Opaque access tokens of grants are not on the trail (JWT ones are not either); PATs and SATs are.
                if (kind != ReferenceToken.Kind.AT) {
                    audit.record(em, AuditEvent.success(Actor.application(caller.clientId(), null, null),
                            eventName(kind) + ".revoked", eventName(kind) + ":" + ReferenceToken.idOf(hash),
                            List.of(), "revoked by its application (RFC 7009)"));
                }
            }
            return t;
        }).isPresent());
    }

    /**
     * A token an authenticated client asks about, when it is a live one, in one read of its row (and its owner's);
     * records the use (sampled).
     */
    public Optional<AccessTokenVerifier.VerifiedAccessToken> verify(Secret value) {
        Optional<ReferenceToken.Kind> kind = ReferenceToken.kindOf(value);
        if (kind.isEmpty()) {
            return Optional.empty();
        }
        String hash = value.hashed();
        return lookUp(transactions.read(connection -> repository.findPresented(connection, hash)), hash, kind.get(),
                (now, notBefore) -> transactions.inTransaction(em -> repository.touch(em, hash, now, notBefore)))
                .verified();
    }

    /**
     * A token presented as a bearer token from {@code presenterAddress}, when it is a live one. When that address
     * has looked up too many tokens that do not exist, refuses with 429 and {@code Retry-After} before looking.
     */
    public Optional<AccessTokenVerifier.VerifiedAccessToken> verify(Secret value, String presenterAddress) {
        Optional<ReferenceToken.Kind> kind = ReferenceToken.kindOf(value);
        if (kind.isEmpty() || throttle.isEmpty()) {
            return verify(value);
        }
        CredentialThrottle brake = throttle.get();
        Braked attempt = transactions.inTransaction(em -> {
            CredentialThrottle.Check before = brake.beforeTokenLookup(em, presenterAddress);
            String hash = value.hashed();
            return new Braked(before, before.blockedFor().isPresent() ? null : lookUp(repository.findPresented(em,
                    hash), hash, kind.get(), (now, notBefore) -> repository.touch(em, hash, now, notBefore)));
        });
        if (attempt.found() == null) {
            throw OAuthException.of(ErrorCode.TOO_MANY_ATTEMPTS, "too many unknown tokens; try again later",
                    "reference token look-ups from " + presenterAddress + " are blocked")
                    .withRetryAfter(attempt.before().blockedFor().orElseThrow());
        }
        if (!attempt.found().stored()) {
            brake.recordLookupFailure(presenterAddress);
        } else if (attempt.before().addressCounted()) {
            brake.recordLookupSuccess(presenterAddress);
        }
        return attempt.found().verified();
    }

    /** Whether a token with this value is stored at all, and the live token it is, if it is one. */
    private record LookUp(boolean stored, Optional<AccessTokenVerifier.VerifiedAccessToken> verified) {
    }

    /** What the brake said, and the look-up when it allowed one (else null). */
    private record Braked(CredentialThrottle.Check before, LookUp found) {
    }

    /** Records a use at {@code now} unless one was recorded since {@code notBefore}; true when it wrote. */
    @FunctionalInterface
    private interface Touch {
        boolean apply(Instant now, Instant notBefore);
    }

    private LookUp lookUp(Optional<ReferenceTokenRepository.Presented> stored, String hash, ReferenceToken.Kind kind,
                          Touch touch) {
        Instant now = clock.instant();
        return new LookUp(stored.isPresent(), stored
                .filter(t -> t.kind().equals(kind.name().toLowerCase(Locale.ROOT)))
                .filter(t -> !t.revoked() && now.isBefore(t.expiresAt()))
                .filter(t -> t.accountId().isEmpty() || t.ownerEnabled())
                .map(t -> {
                    boolean stale = t.lastUsedAt().map(used -> used.isBefore(now.minus(USE_SAMPLE))).orElse(true);
                    // The conditional update decides between nodes; the read above spares it on most requests.
                    if (stale && touch.apply(now, now.minus(USE_SAMPLE))) {
                        LOG.info(() -> "reference token used id=" + ReferenceToken.idOf(hash) + " kind="
                                + kind + " client=" + t.clientId());
                    }
                    return new AccessTokenVerifier.VerifiedAccessToken(t.subject(), t.clientId(),
                            scopes(t.scope()), ReferenceToken.idOf(hash), t.createdAt(), t.expiresAt(),
                            Set.of(), Optional.of(kind), t.ownerUsername());
                }));
    }

    private static Listed listed(ReferenceTokenEntity t) {
        return new Listed(ReferenceToken.idOf(t.getTokenHash()),
                ReferenceToken.Kind.valueOf(t.getKind().toUpperCase(Locale.ROOT)), t.getName(), t.getClientId(),
                scopes(t.getScope()), t.getCreatedAt(), t.getExpiresAt(), Optional.ofNullable(t.getLastUsedAt()));
    }

    private static Set<String> scopes(String scope) {
        return new TreeSet<>(Arrays.asList(scope.isEmpty() ? new String[0] : scope.split(" ")));
    }
}
