package io.latchkey.admin;

import io.latchkey.account.Account;
import io.latchkey.account.AccountService;
import io.latchkey.audit.Actor;
import io.latchkey.client.ApplicationSubject;
import io.latchkey.client.ClientDirectory;
import io.latchkey.consent.ScopeCatalog;
import io.latchkey.security.Secret;
import io.latchkey.token.AccessTokenVerifier;
import io.latchkey.token.ReferenceToken;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Establishes the caller of an admin API request from its bearer token: verifies the token (a JWT or a
 * reference token alike, {@link AccessTokenVerifier}), reads its holder and its application as they are now, and
 * asks {@link AdminAccessPolicy}. No JAX-RS here: {@link AdminAuthenticationFilter} maps the decision.
 */
public final class AdminAuthentication {
    private final String adminAudience;
    private final String issuer;
    private final AccessTokenVerifier verifier;
    private final ClientDirectory clients;
    private final AccountService accounts;
    private final ScopeCatalog scopes;

    public AdminAuthentication(String issuer, AccessTokenVerifier verifier, ClientDirectory clients,
                               AccountService accounts, ScopeCatalog scopes) {
        this.issuer = issuer;
        this.adminAudience = ScopeCatalog.adminAudience(issuer);
        this.verifier = verifier;
        this.clients = clients;
        this.accounts = accounts;
        this.scopes = scopes;
    }

    /** The decision, and the caller it is about (for the audit trail, when admitted). */
    public record Result(AdminAccessPolicy.Decision decision, Optional<Actor> actor) {
    }

    public Result authenticate(String method, Secret token, String requestId, String clientAddress) {
        Optional<AccessTokenVerifier.VerifiedAccessToken> verified = verifier.verify(token, clientAddress);
        if (verified.isEmpty()) {
            return new Result(new AdminAccessPolicy.InvalidToken("the token is invalid, expired or revoked"),
                    Optional.empty());
        }
        AccessTokenVerifier.VerifiedAccessToken t = verified.get();
        // A reference token names no audience itself: its scopes' APIs are its audience, as introspection says.
        Set<String> audience = t.reference().isEmpty() ? t.audience()
                : new TreeSet<>(scopes.audiences(t.scopes(), issuer));
        Optional<AdminAccessPolicy.Issuer> application = clients.find(t.clientId())
                .map(c -> new AdminAccessPolicy.Issuer(c.type(), c.enabled(), c.allowedScopes()));
        AdminAccessPolicy.Holder holder;
        Actor actor;
        if (ApplicationSubject.isApplication(t.subject())) {
            holder = new AdminAccessPolicy.Application();
            actor = Actor.application(t.clientId(), requestId, clientAddress);
        } else {
            Optional<AdminAccessPolicy.Standing> standing = accounts.findBySubject(t.subject())
                    .map((Account a) -> new AdminAccessPolicy.Standing(a.enabled(), a.admin()));
            holder = new AdminAccessPolicy.Person(t.reference().filter(k -> k == ReferenceToken.Kind.PAT).isPresent(),
                    standing);
            actor = Actor.account(t.subject(), requestId, clientAddress);
        }
        AdminAccessPolicy.Decision decision = AdminAccessPolicy.decide(method,
                new AdminAccessPolicy.Presented(t.scopes(), audience, holder, application), adminAudience);
        return new Result(decision, Optional.of(actor));
    }
}
