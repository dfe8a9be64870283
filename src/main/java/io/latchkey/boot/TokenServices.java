package io.latchkey.boot;

import io.latchkey.account.AccountService;
import io.latchkey.client.ClientAuthenticator;
import io.latchkey.consent.ScopeCatalog;
import io.latchkey.key.KeyRing;
import io.latchkey.store.RefreshTokenRepository;
import io.latchkey.store.Transactions;
import io.latchkey.token.ClientRequests;
import io.latchkey.token.Introspection;
import io.latchkey.token.IntrospectionEndpoint;
import io.latchkey.token.Revocation;
import io.latchkey.token.RevocationEndpoint;
import io.latchkey.token.TokenInfoEndpoint;
import java.time.Clock;

/** Tokens under control: introspection, revocation and token info. */
public record TokenServices(IntrospectionEndpoint introspection, RevocationEndpoint revocation,
                            TokenInfoEndpoint tokenInfo) {

    public static TokenServices assemble(String issuer, Transactions transactions, KeyRing keys, ScopeCatalog scopes,
                                         ClientAuthenticator authenticator, AccountService accounts,
                                         SignInServices people, Clock clock) {
        ClientRequests clients = new ClientRequests(authenticator);
        RefreshTokenRepository refreshTokens = new RefreshTokenRepository();
        Introspection introspection = new Introspection(issuer, people.verifier(), transactions, refreshTokens,
                accounts, scopes, clock);
        return new TokenServices(
                new IntrospectionEndpoint(issuer, clients, introspection, keys, clock),
                new RevocationEndpoint(clients, new Revocation(people.verifier(), transactions, refreshTokens,
                        people.families(), clock)),
                new TokenInfoEndpoint(people.verifier(), clock));
    }
}
