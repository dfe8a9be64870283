package io.latchkey.token;

import io.latchkey.audit.Actor;
import io.latchkey.audit.AuditEvent;
import io.latchkey.audit.AuditTrail;
import io.latchkey.store.AccountEntity;
import io.latchkey.store.AccountRepository;
import io.latchkey.store.ApplicationRepository;
import io.latchkey.store.IssuedCredentialRepository;
import io.latchkey.store.RefreshTokenRepository;
import io.latchkey.store.Transactions;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Taking back every refresh token family of one person (at every application) or of one application (for every
 * person), for administrators: each family is revoked by the one family rule ({@link GrantFamilies#revoke}: its
 * refresh tokens and the JWT access tokens recorded for it), and the opaque access tokens those sign-ins were
 * issued go with them. Personal and service access tokens, consents and browser sessions stay.
 *
 * <p>Idempotent: revoking again answers {@link Revoked} with nothing taken back; only an unknown person or
 * application is {@link NotFound}. Two revocations at the same instant revoke each token once between them.
 */
public final class RefreshTokenFamilies {

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
    private final RefreshTokenRepository refreshTokens;
    private final GrantFamilies families;
    private final IssuedCredentialRepository issued;
    private final AccountRepository accounts;
    private final ApplicationRepository applications;
    private final AuditTrail audit;
    private final Clock clock;

    public RefreshTokenFamilies(Transactions transactions, RefreshTokenRepository refreshTokens,
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

    /** Every refresh token family of this person, at every application. */
    public Outcome revokeAllOfAccount(Actor actor, String accountSubject) {
        String target = "account:" + accountSubject;
        return audited(actor, target, transactions.inTransaction(em -> {
            Optional<AccountEntity> account = accounts.findBySubject(em, accountSubject);
            return account.isEmpty() ? new NotFound("account " + accountSubject)
                    : revoking(em, target, Optional.of(account.get().getId()), Optional.empty());
        }));
    }

    /** Every refresh token family of this application, for every person. */
    public Outcome revokeAllOfApplication(Actor actor, String clientId) {
        String target = "application:" + clientId;
        return audited(actor, target, transactions.inTransaction(em ->
                applications.findByClientId(em, clientId).isEmpty() ? new NotFound("application " + clientId)
                        : revoking(em, target, Optional.empty(), Optional.of(clientId))));
    }

    private Outcome revoking(EntityManager em, String target, Optional<Long> accountId, Optional<String> clientId) {
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
        return new Revoked(target, revokedFamilies, revokedRefreshTokens, revokedAccessTokens);
    }

    private Outcome audited(Actor actor, String target, Outcome outcome) {
        if (outcome instanceof Revoked revoked) {
            audit.record(AuditEvent.success(actor, "refresh_tokens.revoked", target, List.of(),
                    revoked.refreshTokens() + " refresh tokens in " + revoked.families() + " families and "
                            + revoked.accessTokens() + " opaque access tokens revoked"));
        } else if (outcome instanceof NotFound notFound) {
            audit.record(AuditEvent.failure(actor, "refresh_tokens.revoked", target, "no " + notFound.what()));
        }
        return outcome;
    }
}
