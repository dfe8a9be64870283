package io.latchkey.boot;

import io.latchkey.audit.AuditTrail;
import io.latchkey.account.AccountService;
import io.latchkey.client.ClientAuthenticator;
import io.latchkey.client.ClientDirectory;
import io.latchkey.consent.ScopeCatalog;
import io.latchkey.key.KeyRing;
import io.latchkey.store.AccountRepository;
import io.latchkey.store.ReferenceTokenRepository;
import io.latchkey.store.RefreshTokenRepository;
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
        RefreshTokenRepository refreshTokens = new RefreshTokenRepository();
        ReferenceTokens references = new ReferenceTokens(transactions, new ReferenceTokenRepository(),
                new AccountRepository(), audit, clock);
        Introspection introspection = new Introspection(issuer, people.verifier(), transactions, refreshTokens,
                accounts, scopes, clock);
        return new TokenServices(
                new IntrospectionEndpoint(issuer, clients, introspection, keys, clock),
                new RevocationEndpoint(clients, new Revocation(people.verifier(), transactions, refreshTokens,
                        people.families(), clock, references)),
                new TokenInfoEndpoint(people.verifier(), clock),
                new ReferenceTokenService(directory, references));
    }
}
