package io.latchkey.token;

import io.latchkey.account.Account;
import io.latchkey.audit.Actor;
import io.latchkey.client.Client;
import io.latchkey.client.ClientDirectory;
import io.latchkey.error.ErrorCode;
import io.latchkey.error.OAuthException;
import io.latchkey.security.TextCharacters;
import io.latchkey.token.ReferenceTokenPolicy.Field;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Issuing, listing and revoking personal and service access tokens for a signed-in person — what the
 * self-service page (and later the admin API) calls. Every issue goes through {@link ReferenceTokenPolicy}.
 */
public final class ReferenceTokenService {
    static final int MAX_NAME_LENGTH = 100;

    private final ClientDirectory clients;
    private final ReferenceTokens tokens;
    private final EnabledApplications applications;

    /** The client_ids of the enabled applications (the stored listing; a list in tests). */
    @FunctionalInterface
    public interface EnabledApplications {
        List<String> clientIds();
    }

    public ReferenceTokenService(ClientDirectory clients, ReferenceTokens tokens, EnabledApplications applications) {
        this.clients = clients;
        this.tokens = tokens;
        this.applications = applications;
    }

    /**
     * What a person asks for on the page. {@code lifetime} is null when the form's value was not a whole number of
     * days.
     */
    public record IssueRequest(ReferenceToken.Kind kind, String name, String clientId, Set<String> scopes,
                               Duration lifetime) {
    }

    /**
     * An application the person may create tokens for, with what the form offers: the scopes of a personal token,
     * those of a service token (administrators only), and the longest lifetime in days.
     */
    public record Offer(String clientId, String name, Set<String> personalScopes, Set<String> serviceScopes,
                        long maxDays) {
    }

    /** What came of a request from the page: a token, or what is wrong with each field that is. */
    public sealed interface Outcome {
    }

    public record Created(ReferenceTokens.Issued issued) implements Outcome {
    }

    public record Refused(Map<Field, String> problems) implements Outcome {
        public Refused {
            problems = Map.copyOf(problems);
        }
    }

    /**
     * The applications this account may create tokens for (AuthenticatedUsers; AdministratorsOnly too for an
     * administrator), by name, then client_id.
     */
    public List<Offer> offersFor(Account account) {
        return applications.clientIds().stream().map(clients::find).flatMap(Optional::stream)
                .filter(client -> client.enabled()
                        && ReferenceTokenPolicy.mayIssue(client.accessTokens(), account.admin(), ReferenceToken.Kind.PAT))
                .map(client -> new Offer(client.clientId(), client.name(),
                        ReferenceTokenPolicy.issuableScopes(client, ReferenceToken.Kind.PAT),
                        ReferenceTokenPolicy.issuableScopes(client, ReferenceToken.Kind.SAT),
                        client.maxReferenceTokenLifetime().toDays()))
                .sorted(Comparator.comparing((Offer offer) -> offer.name().toLowerCase(Locale.ROOT))
                        .thenComparing(Offer::clientId))
                .toList();
    }

    /**
     * Issues the token unless a field is wrong; a kind of token the account may never issue for the application
     * is still refused as access_denied (the page never offers it).
     */
    public Outcome create(Actor actor, Account account, IssueRequest request) {
        Map<Field, String> problems = new EnumMap<>(Field.class);
        String name = request.name() == null ? "" : request.name().strip();
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH || !TextCharacters.isOneLine(name)) {
            problems.put(Field.NAME, "Give the token a name of 1 to " + MAX_NAME_LENGTH
                    + " characters, on one line.");
        }
        Optional<Client> client = clients.find(request.clientId() == null ? "" : request.clientId());
        if (client.isEmpty()) {
            problems.put(Field.APPLICATION, "Choose an application from the list.");
        } else {
            ReferenceTokenPolicy.requireAllowed(account, client.get(), request.kind());
            problems.putAll(ReferenceTokenPolicy.problems(client.get(), request.kind(), request.scopes(),
                    request.lifetime()));
        }
        if (!problems.isEmpty()) {
            return new Refused(problems);
        }
        return new Created(tokens.store(actor, account, client.get(), request.kind(), name, request.scopes(),
                request.lifetime()));
    }

    public ReferenceTokens.Issued issue(Account account, IssueRequest request) {
        return issue(Actor.account(account.subject(), null, null), account, request);
    }

    /**
     * Issues a token for {@code account}, asked for by {@code actor} (recorded on the audit trail); a wrong field
     * is thrown as invalid_request (invalid_scope for the scopes), the first by field order.
     */
    public ReferenceTokens.Issued issue(Actor actor, Account account, IssueRequest request) {
        Outcome outcome = create(actor, account, request);
        if (outcome instanceof Refused refused) {
            Map.Entry<Field, String> first = new EnumMap<>(refused.problems()).entrySet().iterator().next();
            throw OAuthException.of(first.getKey() == Field.SCOPE ? ErrorCode.INVALID_SCOPE : ErrorCode.INVALID_REQUEST,
                    first.getValue());
        }
        return ((Created) outcome).issued();
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
