package io.latchkey.token;

import io.latchkey.account.Account;
import io.latchkey.audit.Actor;
import io.latchkey.client.Client;
import io.latchkey.client.ClientDirectory;
import io.latchkey.error.OAuthException;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Issuing, listing and revoking personal and service access tokens for a signed-in person — what the
 * self-service page (and later the admin API) calls. Every issue goes through {@link ReferenceTokenPolicy}.
 */
public final class ReferenceTokenService {
    static final int MAX_NAME_LENGTH = 100;

    private final ClientDirectory clients;
    private final ReferenceTokens tokens;

    public ReferenceTokenService(ClientDirectory clients, ReferenceTokens tokens) {
        this.clients = clients;
        this.tokens = tokens;
    }

    /** What a person asks for on the page. */
    public record IssueRequest(ReferenceToken.Kind kind, String name, String clientId, Set<String> scopes,
                               Duration lifetime) {
    }

    public ReferenceTokens.Issued issue(Account account, IssueRequest request) {
        return issue(Actor.account(account.subject(), null, null), account, request);
    }

    /** Issues a token for {@code account}, asked for by {@code actor} (recorded on the audit trail). */
    public ReferenceTokens.Issued issue(Actor actor, Account account, IssueRequest request) {
        String name = request.name() == null ? "" : request.name().strip();
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH || name.chars().anyMatch(Character::isISOControl)) {
            throw OAuthException.invalidRequest("give the token a name of 1 to " + MAX_NAME_LENGTH + " characters");
        }
        Client client = clients.find(request.clientId() == null ? "" : request.clientId())
                .orElseThrow(() -> OAuthException.invalidRequest("there is no such application"));
        ReferenceTokenPolicy.check(account, client, request.kind(), request.scopes(), request.lifetime());
        return tokens.store(actor, account, client, request.kind(), name, request.scopes(), request.lifetime());
    }

    public List<ReferenceTokens.Listed> issuedBy(Account account) {
        return tokens.issuedBy(account);
    }

    /** Revokes one of the person's tokens at once; false when there is no such live token of theirs. */
    public boolean revoke(Account account, String id) {
        return revoke(Actor.account(account.subject(), null, null), account, id);
    }

    /** {@link #revoke(Account, String)}, asked for by {@code actor} (recorded on the audit trail). */
    public boolean revoke(Actor actor, Account account, String id) {
        return id != null && tokens.revokeIssuedBy(actor, account, id);
    }
}
