package io.latchkey.token;

import io.latchkey.audit.Actor;
import io.latchkey.audit.AuditEvent;
import io.latchkey.audit.AuditTrail;
import io.latchkey.store.AccountEntity;
import io.latchkey.store.AccountRepository;
import io.latchkey.store.ApplicationRepository;
import io.latchkey.store.IssuedCredentialRepository;
import io.latchkey.store.Page;
import io.latchkey.store.PageRequest;
import io.latchkey.store.Slice;
import io.latchkey.store.RefreshGrantRepository;
import io.latchkey.store.TokenState;
import io.latchkey.store.Transactions;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everyone's refresh token families (one per sign-in grant), listed, and taken back: every family of one person
 * (at every application) or of one application (for every person), for administrators. Each family is revoked by
 * the one family rule ({@link GrantFamilies#revoke}: its refresh tokens and the JWT access tokens recorded for it),
 * and the opaque access tokens those sign-ins were issued go with them. Personal and service access tokens,
 * consents and browser sessions stay.
 *
 * <p>Idempotent: revoking again answers {@link Revoked} with nothing taken back; only an unknown person or
 * application is {@link NotFound}. Two revocations at the same instant revoke each token once between them. A
 * revocation's audit event ({@code refresh_tokens.revoked}) is written in the revocation's own transaction.
 */
public final class RefreshTokenFamilies {

    /** Which families to list: every one, or those of one person (by subject), one application, one state. */
    public record Filter(Optional<String> accountSubject, Optional<String> clientId, Optional<TokenState> state) {
        public static final Filter ALL = new Filter(Optional.empty(), Optional.empty(), Optional.empty());

        public Filter {
            Objects.requireNonNull(accountSubject, "accountSubject");
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(state, "state");
        }
    }

    /**
     * One family as the listing shows it: its id (the grant's, as the logs name it; not a credential), the person,
     * the application (its name unless it no longer exists), the scopes granted, when the grant began and was last
     * refreshed, until when its newest refresh token may be used, and when the family was revoked.
     */
    public record FamilyRecord(String familyId, String accountSubject, String username, String clientId,
                               Optional<String> applicationName, Set<String> scopes, Instant createdAt,
                               Instant lastRefreshedAt, Instant expiresAt, Optional<Instant> revokedAt,
                               TokenState state) {
        public FamilyRecord {
            scopes = Collections.unmodifiableSortedSet(new TreeSet<>(scopes));
        }
    }

    /** What a revocation answered. */
    public sealed interface Outcome permits Revoked, NotFound {
    }

    /** Done: how many families, refresh tokens and opaque access tokens this call revoked (0 when none were live). */
    public record Revoked(String target, int families, int refreshTokens, int accessTokens) implements Outcome {
    }

    /** No such person or application: {@code what} says which. */
    public record NotFound(String what) implements Outcome {
    }

    private final Transactions transactions;
    private final RefreshGrantRepository refreshTokens;
    private final GrantFamilies families;
    private final IssuedCredentialRepository issued;
    private final AccountRepository accounts;
    private final ApplicationRepository applications;
    private final AuditTrail audit;
    private final Clock clock;

    public RefreshTokenFamilies(Transactions transactions, RefreshGrantRepository refreshTokens,
                                GrantFamilies families, IssuedCredentialRepository issued,
                                AccountRepository accounts, ApplicationRepository applications, AuditTrail audit,
                                Clock clock) {
        this.transactions = transactions;
        this.refreshTokens = refreshTokens;
        this.families = families;
        this.issued = issued;
        this.accounts = accounts;
        this.applications = applications;
        this.audit = audit;
        this.clock = clock;
    }

    /** Whether {@code key} is a page key this listing hands out; check before paging on. */
    public static boolean isPageKey(String key) {
        return after(key).isPresent();
    }

    /**
     * One page of the families the filter selects, newest first (ties by family id). An unknown person has none.
     * The page key must pass {@link #isPageKey}.
     */
    public Page<FamilyRecord> list(Filter filter, PageRequest page) {
        Optional<RefreshGrantRepository.FamilyAfter> after = page.afterKey().map(key -> after(key).orElseThrow(
                () -> new IllegalArgumentException("not a page key of the refresh token family listing")));
        Instant now = clock.instant();
        List<FamilyRecord> fetched = transactions.inTransaction(em -> refreshTokens.familyPage(em,
                filter.accountSubject(), filter.clientId(), filter.state(), now, after, page.limit() + 1)).stream()
                .map(family -> record(family, now)).toList();
        return Page.of(fetched, page, family -> family.createdAt() + "/" + family.familyId());
    }

    /**
     * The families the filter selects from position {@code offset} (newest first, from 0), at most {@code limit},
     * with how many it selects in all: one bounded query and one count.
     */
    public Slice<FamilyRecord> slice(Filter filter, int offset, int limit) {
        Instant now = clock.instant();
        return transactions.inTransaction(em -> new Slice<>(refreshTokens.familySlice(em, filter.accountSubject(),
                filter.clientId(), filter.state(), now, offset, limit), offset, refreshTokens.familyCount(em,
                filter.accountSubject(), filter.clientId(), filter.state(), now))).map(family -> record(family, now));
    }

    /** Every refresh token family of this person, at every application. */
    public Outcome revokeAllOfAccount(Actor actor, String accountSubject) {
        String target = "account:" + accountSubject;
        return refusalAudited(actor, target, transactions.inTransaction(em -> {
            Optional<AccountEntity> account = accounts.findBySubject(em, accountSubject);
            return account.isEmpty() ? new NotFound("account " + accountSubject)
                    : revoking(em, actor, target, Optional.of(account.get().getId()), Optional.empty());
        }));
    }

    /** Every refresh token family of this application, for every person. */
    public Outcome revokeAllOfApplication(Actor actor, String clientId) {
        String target = "application:" + clientId;
        return refusalAudited(actor, target, transactions.inTransaction(em ->
                applications.findByClientId(em, clientId).isEmpty() ? new NotFound("application " + clientId)
                        : revoking(em, actor, target, Optional.empty(), Optional.of(clientId))));
    }

    /** Revokes the selected families in {@code em}'s transaction, their audit event with them. */
    private Outcome revoking(EntityManager em, Actor actor, String target, Optional<Long> accountId,
                             Optional<String> clientId) {
        Instant now = clock.instant();
        int revokedFamilies = 0;
        int revokedRefreshTokens = 0;
        for (String familyId : refreshTokens.liveFamilyIds(em, accountId, clientId)) {
            // A family revoked meanwhile by a concurrent call counts for that call only.
            int revoked = families.revoke(em, familyId, now);
            revokedFamilies += revoked > 0 ? 1 : 0;
            revokedRefreshTokens += revoked;
        }
        int revokedAccessTokens = issued.revokeSignInAccessTokens(em, accountId, clientId, now);
        audit.record(em, AuditEvent.success(actor, "refresh_tokens.revoked", target, List.of(),
                revokedRefreshTokens + " refresh tokens in " + revokedFamilies + " families and "
                        + revokedAccessTokens + " opaque access tokens revoked"));
        return new Revoked(target, revokedFamilies, revokedRefreshTokens, revokedAccessTokens);
    }

    /** Records a refusal (nothing changed) on its own; a revocation's event went with it. */
    private Outcome refusalAudited(Actor actor, String target, Outcome outcome) {
        if (outcome instanceof NotFound notFound) {
            audit.record(AuditEvent.failure(actor, "refresh_tokens.revoked", target, "no " + notFound.what()));
        }
        return outcome;
    }

    private static Optional<RefreshGrantRepository.FamilyAfter> after(String key) {
        int slash = key.indexOf('/');
        if (slash < 0 || slash == key.length() - 1 || key.length() - slash - 1 > 64) {
            return Optional.empty();
        }
        try {
            return Optional.of(new RefreshGrantRepository.FamilyAfter(Instant.parse(key.substring(0, slash)),
                    key.substring(slash + 1)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static FamilyRecord record(RefreshGrantRepository.ListedFamily family, Instant now) {
        Instant expiresAt = family.idleExpiresAt().isBefore(family.familyExpiresAt())
                ? family.idleExpiresAt() : family.familyExpiresAt();
        return new FamilyRecord(family.familyId(), family.subject(), family.username(), family.clientId(),
                family.applicationName(),
                new TreeSet<>(Arrays.asList(family.scope().isEmpty() ? new String[0] : family.scope().split(" "))),
                family.createdAt(), family.lastRefreshedAt(), expiresAt, family.revokedAt(),
                TokenState.of(family.revokedAt().orElse(null), expiresAt, now));
    }
}
