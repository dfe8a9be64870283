package io.latchkey.boot;

import io.latchkey.audit.AuditTrail;
import io.latchkey.account.AccountService;
import io.latchkey.client.ApplicationCatalog;
import io.latchkey.client.ApplicationView;
import io.latchkey.client.ClientAuthenticator;
import io.latchkey.client.ClientDirectory;
import io.latchkey.consent.ScopeCatalog;
import io.latchkey.key.KeyRing;
import io.latchkey.store.ApplicationRepository;
import io.latchkey.store.Page;
import io.latchkey.store.PageRequest;
import io.latchkey.store.ReferenceTokenRepository;
import io.latchkey.store.RefreshGrantRepository;
import io.latchkey.store.Transactions;
import io.latchkey.token.ClientRequests;
import io.latchkey.token.Introspection;
import io.latchkey.token.IntrospectionEndpoint;
import io.latchkey.token.ReferenceTokenService;
import io.latchkey.token.ReferenceTokens;
import io.latchkey.token.Revocation;
import io.latchkey.token.RevocationEndpoint;
import io.latchkey.token.TokenInfoEndpoint;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Tokens under control: introspection, revocation, token info, and personal and service access tokens.
 * The {@link io.latchkey.token.AccessTokenVerifier} in {@link SignInServices} reads reference tokens through
 * its own {@link ReferenceTokens} over the same tables; the service keeps no state, so that is the same thing.
 */
public record TokenServices(IntrospectionEndpoint introspection, RevocationEndpoint revocation,
                            TokenInfoEndpoint tokenInfo, ReferenceTokenService referenceTokens) {

    public static TokenServices assemble(String issuer, Transactions transactions, KeyRing keys, ScopeCatalog scopes,
                                         ClientDirectory directory, ClientAuthenticator authenticator,
                                         AccountService accounts, SignInServices people, AuditTrail audit,
                                         Clock clock) {
        ClientRequests clients = new ClientRequests(authenticator);
        RefreshGrantRepository refreshTokens = new RefreshGrantRepository();
        ReferenceTokens references = new ReferenceTokens(transactions, new ReferenceTokenRepository(), audit, clock);
        Introspection introspection = new Introspection(issuer, people.verifier(), transactions, refreshTokens,
                accounts, scopes, clock);
        return new TokenServices(
                new IntrospectionEndpoint(issuer, clients, introspection, keys, clock),
                new RevocationEndpoint(clients, new Revocation(people.verifier(), transactions, refreshTokens,
                        people.families(), clock, references)),
                new TokenInfoEndpoint(people.verifier(), clock),
                new ReferenceTokenService(directory, references, () -> enabledClientIds(
                        new ApplicationCatalog(transactions, new ApplicationRepository()))));
    }

    /** Every enabled application's client_id, read page by page (for the token page's list of applications). */
    static List<String> enabledClientIds(ApplicationCatalog catalog) {
        ApplicationCatalog.Filter enabled = new ApplicationCatalog.Filter(Optional.empty(), Optional.of(true),
                Optional.empty());
        List<String> ids = new ArrayList<>();
        PageRequest page = PageRequest.first(PageRequest.MAX_LIMIT);
        while (true) {
            Page<ApplicationView> found = catalog.list(enabled, page);
            found.items().forEach(view -> ids.add(view.definition().clientId()));
            if (found.nextAfterKey().isEmpty()) {
                return ids;
            }
            page = new PageRequest(found.nextAfterKey(), PageRequest.MAX_LIMIT);
        }
    }
}
