package io.latchkey.token;

import io.latchkey.account.Account;
import io.latchkey.client.ApplicationSubject;
import io.latchkey.client.Client;
import io.latchkey.security.RedactedLog;
import io.latchkey.security.Secret;
import io.latchkey.store.AccountEntity;
import io.latchkey.store.AccountRepository;
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
 * (live, unexpired, and for a PAT an enabled owner), listing and revoking. Each issue, revocation and
 * (sampled: at most one per token per {@link #USE_SAMPLE}) use is an {@code audit:} log line naming the
 * token by its id — never by its value.
 */
public final class ReferenceTokens {
    public static final Duration USE_SAMPLE = Duration.ofMinutes(1);
    private static final Logger AUDIT = RedactedLog.of(ReferenceTokens.class);

    private final Transactions transactions;
    private final ReferenceTokenRepository repository;
    private final AccountRepository accounts;
    private final Clock clock;

    public ReferenceTokens(Transactions transactions, ReferenceTokenRepository repository, AccountRepository accounts,
                           Clock clock) {
        this.transactions = transactions;
        this.repository = repository;
        this.accounts = accounts;
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

    /** Stores a new token the policy already allowed. */
    public Issued store(Account issuer, Client client, ReferenceToken.Kind kind, String name, Set<String> scopes,
                        Duration lifetime) {
        Instant now = clock.instant();
        Secret value = ReferenceToken.generate(kind);
        boolean personal = kind == ReferenceToken.Kind.PAT;
        ReferenceTokenEntity entity = new ReferenceTokenEntity(value.hashed(), kind.name().toLowerCase(Locale.ROOT),
                name, client.clientId(), personal ? issuer.id() : null,
                personal ? issuer.subject() : ApplicationSubject.of(client.clientId()), issuer.id(), String.join(" ", new TreeSet<>(scopes)),
                now, now.plus(lifetime));
        transactions.run(em -> repository.add(em, entity));
        Listed listed = listed(entity);
        AUDIT.info(() -> "audit: reference token issued id=" + listed.id() + " kind=" + kind + " client="
                + client.clientId() + " by account " + issuer.id() + " scope=\"" + entity.getScope() + "\" expires="
                + entity.getExpiresAt());
        return new Issued(value, listed);
    }

    /**
     * Stores an opaque access token issued by a grant (kind AT): it acts as {@code subject} (a person, or the
     * application itself), for the access token lifetime, and is checked like any reference token.
     */
    public Secret storeAccessToken(String subject, Optional<Long> accountId, String clientId, Set<String> scopes,
                                   Instant issuedAt, Instant expiresAt) {
        Secret value = ReferenceToken.generate(ReferenceToken.Kind.AT);
        ReferenceTokenEntity entity = new ReferenceTokenEntity(value.hashed(), "at", "access token", clientId,
                accountId.orElse(null), subject, null, String.join(" ", new TreeSet<>(scopes)), issuedAt, expiresAt);
        transactions.run(em -> repository.add(em, entity));
        return value;
    }

    /** The live tokens this account issued, newest first. */
    public List<Listed> issuedBy(Account account) {
        return transactions.inTransaction(em -> repository.liveIssuedBy(em, account.id(), clock.instant()))
                .stream().map(ReferenceTokens::listed).toList();
    }

    /** Revokes one of this account's tokens by its id; false when it has no such live token. */
    public boolean revokeIssuedBy(Account account, String id) {
        Instant now = clock.instant();
        boolean revoked = transactions.inTransaction(em -> repository.liveIssuedBy(em, account.id(), now).stream()
                .filter(t -> ReferenceToken.idOf(t.getTokenHash()).equals(id)).findFirst()
                .map(t -> repository.revoke(em, t.getTokenHash(), now)).orElse(false));
        if (revoked) {
            AUDIT.info(() -> "audit: reference token revoked id=" + id + " by account " + account.id());
        }
        return revoked;
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
        Optional<Boolean> revoked = transactions.inTransaction(em -> repository.find(em, hash)
                .map(t -> t.getClientId().equals(caller.clientId()) && repository.revoke(em, hash, now)));
        if (revoked.orElse(false)) {
            AUDIT.info(() -> "audit: reference token revoked id=" + ReferenceToken.idOf(hash) + " by client "
                    + caller.clientId());
        }
        return revoked.isPresent();
    }

    /** A presented token, when it is a live one; records the use (sampled). */
    public Optional<AccessTokenVerifier.VerifiedAccessToken> verify(Secret value) {
        Optional<ReferenceToken.Kind> kind = ReferenceToken.kindOf(value);
        if (kind.isEmpty()) {
            return Optional.empty();
        }
        String hash = value.hashed();
        Instant now = clock.instant();
        return transactions.inTransaction(em -> repository.find(em, hash)
                .filter(t -> t.getKind().equals(kind.get().name().toLowerCase(Locale.ROOT)))
                .filter(t -> t.getRevokedAt() == null && now.isBefore(t.getExpiresAt()))
                .filter(t -> t.getAccountId() == null
                        || accounts.findById(em, t.getAccountId()).map(AccountEntity::isEnabled).orElse(false))
                .map(t -> {
                    boolean stale = t.getLastUsedAt() == null || t.getLastUsedAt().isBefore(now.minus(USE_SAMPLE));
                    // The conditional update decides between nodes; the read above spares it on most requests.
                    if (stale && repository.touch(em, hash, now, now.minus(USE_SAMPLE))) {
                        AUDIT.info(() -> "audit: reference token used id=" + ReferenceToken.idOf(hash) + " kind="
                                + kind.get() + " client=" + t.getClientId());
                    }
                    return new AccessTokenVerifier.VerifiedAccessToken(t.getSubject(), t.getClientId(),
                            scopes(t.getScope()), ReferenceToken.idOf(hash), t.getCreatedAt(), t.getExpiresAt(),
                            Set.of(), Optional.of(kind.get()));
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
