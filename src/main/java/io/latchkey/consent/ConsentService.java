package io.latchkey.consent;

import io.latchkey.account.Account;
import io.latchkey.audit.Actor;
import io.latchkey.audit.AuditEvent;
import io.latchkey.audit.AuditTrail;
import io.latchkey.store.ConsentEntity;
import io.latchkey.store.ConsentRepository;
import io.latchkey.store.IssuedCredentialRepository;
import io.latchkey.store.Transactions;
import io.latchkey.token.GrantFamilies;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Consents remembered per person and application: a request is covered when every scope was granted before. A
 * consent given or taken back through {@link #remember(Actor, Account, String, Set)} and
 * {@link #forget(Actor, Account, String)} is recorded on the audit trail ({@code consent.granted},
 * {@code consent.revoked}, target {@code consent:<subject>/<client_id>}).
 */
public final class ConsentService {
    /** One remembered consent: the application, the scopes granted (sorted) and when last granted. */
    public record Granted(String clientId, Set<String> scopes, Instant grantedAt) {
        public Granted {
            scopes = Collections.unmodifiableSortedSet(new TreeSet<>(scopes));
        }
    }

    private final Transactions transactions;
    private final ConsentRepository repository;
    private final GrantFamilies families;
    private final AuditTrail audit;
    private final IssuedCredentialRepository issued = new IssuedCredentialRepository();
    private final Clock clock;

    /** Checks and remembers consents only; {@link #forget} needs the grant families. */
    public ConsentService(Transactions transactions, ConsentRepository repository, GrantFamilies families,
                          Clock clock) {
        this(transactions, repository, families, AuditTrail.logOnly(), clock);
    }

    public ConsentService(Transactions transactions, ConsentRepository repository, GrantFamilies families,
                          AuditTrail audit, Clock clock) {
        this.transactions = transactions;
        this.repository = repository;
        this.families = families;
        this.audit = audit;
        this.clock = clock;
    }

    /** {@link #forget(long, String)} for {@code account}, done by {@code actor} and recorded (when there was any). */
    public boolean forget(Actor actor, Account account, String clientId) {
        return transactions.inTransaction(em -> {
            boolean forgotten = forget(em, account.id(), clientId, clock.instant()).any();
            if (forgotten) {
                audit.record(em, AuditEvent.success(actor, "consent.revoked", target(account, clientId), List.of(),
                        "the consent and the application's refresh tokens for this person were revoked"));
            }
            return forgotten;
        });
    }

    /** {@link #remember(long, String, Set)} for {@code account}, done by {@code actor} and recorded. */
    public void remember(Actor actor, Account account, String clientId, Set<String> scopes) {
        Instant now = clock.instant();
        transactions.run(em -> {
            remember(em, account.id(), clientId, scopes, now);
            audit.record(em, AuditEvent.success(actor, "consent.granted", target(account, clientId), List.of(),
                    "scope " + String.join(" ", new TreeSet<>(scopes))));
        });
    }

    private static String target(Account account, String clientId) {
        return "consent:" + account.subject() + "/" + clientId;
    }

    /** What this person consented to, most recent first. */
    public List<Granted> list(long accountId) {
        return transactions.inTransaction(em -> repository.list(em, accountId).stream()
                .map(c -> new Granted(c.getClientId(), split(c.getScope()), c.getGrantedAt())).toList());
    }

    /** What taking back one consent took back: the consent itself (0 or 1), refresh tokens, opaque access tokens. */
    public record Forgotten(int consents, int refreshTokens, int accessTokens) {
        public boolean any() {
            return consents + refreshTokens + accessTokens > 0;
        }
    }

    /**
     * Removes this person's consent to this application and revokes what that application holds for this
     * person ({@link #forget(EntityManager, long, String, Instant)}), in one transaction; true when there was
     * anything to take back.
     */
    public boolean forget(long accountId, String clientId) {
        return transactions.inTransaction(em -> forget(em, accountId, clientId, clock.instant())).any();
    }

    /**
     * The one rule for taking a consent back, whoever does it (the person on "my applications", an administrator):
     * the consent row goes, and in the caller's transaction this person's refresh token families at this
     * application are revoked with the JWT access tokens recorded for them, and so are the opaque access tokens
     * the application was issued for this person. Personal access tokens are the person's own and stay.
     */
    public Forgotten forget(EntityManager em, long accountId, String clientId, Instant now) {
        int consents = repository.delete(em, accountId, clientId);
        int refreshTokens = families.revokeAll(em, accountId, clientId, now);
        int accessTokens = issued.revokeSignInAccessTokens(em, Optional.of(accountId), Optional.of(clientId), now);
        return new Forgotten(consents, refreshTokens, accessTokens);
    }

    public boolean covers(long accountId, String clientId, Set<String> scopes) {
        return transactions.inTransaction(em -> covers(em, accountId, clientId, scopes));
    }

    /** {@link #covers(long, String, Set)} read in the caller's transaction. */
    public boolean covers(EntityManager em, long accountId, String clientId, Set<String> scopes) {
        return repository.find(em, accountId, clientId).map(c -> split(c.getScope()).containsAll(scopes)).orElse(false);
    }

    /**
     * Adds the scopes to what this person granted this application. Safe when the same person allows the same
     * application in two tabs at once: the first insert wins, the other adds its scopes to that row under its lock.
     */
    public void remember(long accountId, String clientId, Set<String> scopes) {
        Instant now = clock.instant();
        transactions.run(em -> remember(em, accountId, clientId, scopes, now));
    }

    private void remember(EntityManager em, long accountId, String clientId, Set<String> scopes, Instant now) {
        for (int attempt = 1; attempt <= 3; attempt++) {
            if (repository.addIfAbsent(em, accountId, clientId, String.join(" ", new TreeSet<>(scopes)), now)) {
                return;
            }
            Optional<ConsentEntity> existing = repository.findForUpdate(em, accountId, clientId);
            if (existing.isPresent()) {
                Set<String> all = split(existing.get().getScope());
                all.addAll(scopes);
                existing.get().setScope(String.join(" ", all));
                existing.get().setGrantedAt(now);
                return;
            }
            // Taken back (forget) between the two statements: insert it again.
        }
        throw new IllegalStateException("the consent of account " + accountId + " to " + clientId
                + " kept disappearing while it was being stored");
    }

    private static Set<String> split(String scope) {
        return new TreeSet<>(Arrays.asList(scope.isEmpty() ? new String[0] : scope.split(" ")));
    }
}
