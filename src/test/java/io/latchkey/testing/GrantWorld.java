package io.latchkey.testing;

import io.latchkey.account.Account;
import io.latchkey.client.Client;
import io.latchkey.consent.ScopeCatalog;
import io.latchkey.grant.AuthorizationCodeGrant;
import io.latchkey.grant.PersonTokens;
import io.latchkey.grant.RefreshTokenGrant;
import io.latchkey.token.AccessTokenIssuer;
import io.latchkey.token.AuthorizationCodes;
import io.latchkey.token.IdTokenIssuer;
import io.latchkey.token.RefreshTokens;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The code and refresh grants wired as {@code SignInServices.assemble} wires them, over an
 * {@link InMemoryGrantStorage} instead of a database: for unit tests of the protocol rules. Lifetimes are
 * {@link SignInWorld}'s.
 */
public final class GrantWorld {
    private final AtomicLong ids = new AtomicLong();

    public final MutableClock clock = new MutableClock();
    public final InMemoryClientDirectory clients;
    public final InMemoryGrantStorage storage = new InMemoryGrantStorage();
    public final AuthorizationCodes codes;
    public final RefreshTokens refreshTokens;
    public final PersonTokens personTokens;
    public final AuthorizationCodeGrant codeGrant;
    public final RefreshTokenGrant refreshGrant;

    public GrantWorld(Client... clients) {
        this.clients = new InMemoryClientDirectory(clients);
        ScopeCatalog scopes = new ScopeCatalog(() -> Map.of(
                "orders:read", new ScopeCatalog.Scope("orders:read", "Read your orders",
                        Optional.of("https://api.example.com/orders"))), clock);
        this.codes = new AuthorizationCodes(storage, SignInWorld.ACCESS_TTL, clock);
        this.refreshTokens = new RefreshTokens(storage, SignInWorld.REFRESH_IDLE, SignInWorld.REFRESH_MAX, clock);
        this.personTokens = new PersonTokens(
                new AccessTokenIssuer(TestKeys.ISSUER, SignInWorld.ACCESS_TTL, TestKeys.ring(), scopes, clock),
                new IdTokenIssuer(TestKeys.ISSUER, SignInWorld.ACCESS_TTL, TestKeys.ring(), this.clients, clock), storage);
        this.codeGrant = new AuthorizationCodeGrant(storage, codes, refreshTokens, personTokens);
        this.refreshGrant = new RefreshTokenGrant(storage, refreshTokens, personTokens);
    }

    /** A new enabled person with a unique username and an email. */
    public Account person() {
        String username = "p-" + UUID.randomUUID().toString().substring(0, 12);
        Account account = new Account(ids.incrementAndGet(), UUID.randomUUID().toString(), username,
                "Person " + username, Optional.of(username + "@example.com"), true, false, true);
        storage.putAccount(account);
        return account;
    }

    /** Disables (or re-enables) a person. */
    public void setEnabled(Account account, boolean enabled) {
        storage.putAccount(new Account(account.id(), account.subject(), account.username(), account.displayName(),
                account.email(), account.emailVerified(), account.admin(), enabled));
    }
}
