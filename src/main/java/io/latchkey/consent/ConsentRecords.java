package io.latchkey.consent;

import io.latchkey.audit.Actor;
import io.latchkey.audit.AuditEvent;
import io.latchkey.audit.AuditTrail;
import io.latchkey.store.AccountEntity;
import io.latchkey.store.AccountRepository;
import io.latchkey.store.ConsentRepository;
import io.latchkey.store.Page;
import io.latchkey.store.PageRequest;
import io.latchkey.store.Slice;
import io.latchkey.store.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everyone's consents, for administrators: listed (all, of one person, of one application) and taken back. Taking
 * one back follows the same rule as the person's own "forget" on the "my applications" page
 * ({@link ConsentService#forget(jakarta.persistence.EntityManager, long, String, Instant)}): the consent goes, and
 * the application's refresh token families for that person (with their access tokens) and its opaque access
 * tokens for that person are revoked, in one transaction.
 *
 * <p>Revoking what is already gone answers {@link NotFound}: a consent is deleted, not marked, so the second of two
 * revocations (one after the other, or at the same instant) finds nothing, and the listing no longer shows it.
 */
public final class ConsentRecords {

    /** Which consents to list: every one, or those of one person (by subject) and/or one application. */
    public record Filter(Optional<String> accountSubject, Optional<String> clientId) {
        public static final Filter ALL = new Filter(Optional.empty(), Optional.empty());

        public Filter {
            Objects.requireNonNull(accountSubject, "accountSubject");
            Objects.requireNonNull(clientId, "clientId");
        }
    }

    /**
     * One consent as the listing shows it: the person (subject and username), the application (client_id, and
     * its name unless it no longer exists), the scopes granted (sorted) and when last granted.
     */
    public record ConsentRecord(long id, String accountSubject, String username, String clientId,
                                Optional<String> applicationName, Set<String> scopes, Instant grantedAt) {
        public ConsentRecord {
            scopes = Collections.unmodifiableSortedSet(new TreeSet<>(scopes));
        }

        /** {@code consent:<account subject>/<client_id>}, as the audit trail names it. */
        public String target() {
            return ConsentRecords.target(accountSubject, clientId);
        }
    }

    /** What a revocation answered. */
    public sealed interface Outcome permits Revoked, NotFound {
    }

    /** Taken back: the consent (0 when the person had none left but the application still held tokens) and tokens. */
    public record Revoked(String accountSubject, String clientId, int consents, int refreshTokens, int accessTokens)
            implements Outcome {
    }

    /** No such person, or nothing of this person at this application left to take back: {@code what} says which. */
    public record NotFound(String what) implements Outcome {
    }

    private final Transactions transactions;
    private final ConsentRepository consents;
    private final AccountRepository accounts;
    private final ConsentService rule;
    private final AuditTrail audit;
    private final Clock clock;

    public ConsentRecords(Transactions transactions, ConsentRepository consents, AccountRepository accounts,
                          ConsentService rule, AuditTrail audit, Clock clock) {
        this.transactions = transactions;
        this.consents = consents;
        this.accounts = accounts;
        this.rule = rule;
        this.audit = audit;
        this.clock = clock;
    }

    /** Whether {@code key} is a page key this listing hands out (the id of a consent); check before paging on. */
    public static boolean isPageKey(String key) {
        return key.matches("[0-9]{1,18}");
    }

    /**
     * One page of the consents the filter selects, newest first (by id: stable while consents come and go). An
     * unknown person has no consents. The page key must pass {@link #isPageKey}.
     */
    public Page<ConsentRecord> list(Filter filter, PageRequest page) {
        Optional<Long> after = page.afterKey().map(key -> {
            if (!isPageKey(key)) {
                throw new IllegalArgumentException("not a page key of the consent listing");
            }
            return Long.parseLong(key);
        });
        List<ConsentRecord> fetched = transactions.inTransaction(em -> consents.page(em, filter.accountSubject(),
                filter.clientId(), after, page.limit() + 1)).stream().map(ConsentRecords::record).toList();
        return Page.of(fetched, page, consent -> Long.toString(consent.id()));
    }

    /**
     * The consents the filter selects from position {@code offset} (newest first, from 0), at most {@code limit},
     * with how many it selects in all: one bounded query and one count.
     */
    public Slice<ConsentRecord> slice(Filter filter, int offset, int limit) {
        return transactions.inTransaction(em -> new Slice<>(consents.slice(em, filter.accountSubject(),
                filter.clientId(), offset, limit), offset, consents.count(em, filter.accountSubject(),
                filter.clientId()))).map(ConsentRecords::record);
    }

    /** Takes back this person's consent to this application and what the application holds for them. */
    public Outcome revoke(Actor actor, String accountSubject, String clientId) {
        String target = target(accountSubject, clientId);
        Outcome outcome = transactions.inTransaction(em -> {
            Optional<AccountEntity> account = accounts.findBySubject(em, accountSubject);
            if (account.isEmpty()) {
                return new NotFound("account " + accountSubject);
            }
            ConsentService.Forgotten forgotten = rule.forget(em, account.get().getId(), clientId, clock.instant());
            if (!forgotten.any()) {
                return new NotFound("consent of account " + accountSubject + " to " + clientId);
            }
            audit.record(em, AuditEvent.success(actor, "consent.revoked", target, List.of(), forgotten.consents()
                    + " consent, " + forgotten.refreshTokens() + " refresh tokens and " + forgotten.accessTokens()
                    + " opaque access tokens taken back"));
            return new Revoked(accountSubject, clientId, forgotten.consents(), forgotten.refreshTokens(),
                    forgotten.accessTokens());
        });
        if (outcome instanceof NotFound notFound) {
            audit.record(AuditEvent.failure(actor, "consent.revoked", target, "no " + notFound.what()));
        }
        return outcome;
    }

    static String target(String accountSubject, String clientId) {
        return "consent:" + accountSubject + "/" + clientId;
    }

    private static ConsentRecord record(ConsentRepository.Listed listed) {
        String scope = listed.consent().getScope();
        return new ConsentRecord(listed.consent().getId(), listed.subject(), listed.username(),
                listed.consent().getClientId(), listed.applicationName(),
                new TreeSet<>(Arrays.asList(scope.isEmpty() ? new String[0] : scope.split(" "))),
                listed.consent().getGrantedAt());
    }
}
