package io.latchkey.testing;

import io.latchkey.audit.AuditTrail;
import io.latchkey.store.HibernateThrottleStorage;
import io.latchkey.account.Account;
import io.latchkey.account.AccountDefinition;
import io.latchkey.account.AccountService;
import io.latchkey.account.Argon2Parameters;
import io.latchkey.account.LoginThrottle;
import io.latchkey.account.PasswordHasher;
import io.latchkey.authorize.AuthorizationService;
import io.latchkey.authorize.AuthorizationValidator;
import io.latchkey.authorize.RequestObjectKeys;
import io.latchkey.authorize.RequestObjectVerifier;
import io.latchkey.authorize.RequestObjects;
import io.latchkey.authorize.FrontChannelTokens;
import io.latchkey.authorize.Interactions;
import io.latchkey.client.Client;
import io.latchkey.consent.ConsentService;
import io.latchkey.consent.ScopeCatalog;
import io.latchkey.grant.AuthorizationCodeGrant;
import io.latchkey.grant.PersonTokens;
import io.latchkey.grant.RefreshTokenGrant;
import io.latchkey.key.KeyRing;
import io.latchkey.session.BrowserSessions;
import io.latchkey.store.AccountRepository;
import io.latchkey.store.AuthorizationCodeRepository;
import io.latchkey.store.BrowserSessionRepository;
import io.latchkey.store.ConfigurationChanges;
import io.latchkey.store.ConsentRepository;
import io.latchkey.store.Database;
import io.latchkey.store.GrantFamilyRepository;
import io.latchkey.store.HibernateGrantStorage;
import io.latchkey.store.InteractionRepository;
import io.latchkey.store.IssuedCredentialRepository;
import io.latchkey.store.IssuedAccessTokenRepository;
import io.latchkey.store.LoginThrottleRepository;
import io.latchkey.store.ReferenceTokenRepository;
import io.latchkey.store.RefreshGrantRepository;
import io.latchkey.store.RevokedTokenRepository;
import io.latchkey.store.Transactions;
import io.latchkey.token.AccessTokenIssuer;
import io.latchkey.token.AccessTokenVerifier;
import io.latchkey.token.AuthorizationCodes;
import io.latchkey.token.GrantFamilies;
import io.latchkey.token.GrantStorage;
import io.latchkey.token.IdTokenIssuer;
import io.latchkey.token.Introspection;
import io.latchkey.token.ReferenceTokens;
import io.latchkey.token.RefreshTokens;
import io.latchkey.token.Revocation;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The sign-in services wired as {@code SignInServices.assemble} wires them, over one H2 database, one
 * {@link MutableClock} and an in-memory client directory. Cheap to build: make one per test, share the database.
 */
public final class SignInWorld {
    public static final Duration ACCESS_TTL = Duration.ofMinutes(5);
    public static final Duration REFRESH_IDLE = Duration.ofDays(1);
    public static final Duration REFRESH_MAX = Duration.ofDays(7);
    public static final Duration SESSION_IDLE = Duration.ofMinutes(30);
    public static final Duration SESSION_MAX = Duration.ofHours(8);
    /** Cheap enough for tests, still accepted by {@link Argon2Parameters}. */
    public static final Argon2Parameters CHEAP_ARGON2 = new Argon2Parameters(256, 1, 1, 32, 16);

    public final Database database;
    public final MutableClock clock;
    public final InMemoryClientDirectory clients;
    public final Transactions transactions;
    public final KeyRing keys = TestKeys.ring();
    public final ScopeCatalog scopes;
    public final AccountService accounts;
    public final RefreshGrantRepository refreshRepository = new RefreshGrantRepository();
    /** The deny list as the server holds it (in memory, reloaded when a revocation moves its counter). */
    public final RevokedTokenRepository revoked;
    public final BrowserSessions sessions;
    public final GrantFamilies families;
    public final GrantStorage grantStorage;
    /** What the grants audited (a replayed code, a reused refresh token, a password grant's sign-in). */
    public final RecordingAuditTrail audit = new RecordingAuditTrail();
    public final AuthorizationCodes codes;
    public final RefreshTokens refreshTokens;
    public final Interactions interactions;
    public final ConsentService consents;
    public final AuthorizationService authorization;
    /** Opaque access tokens, for the applications whose access_token_format is "reference". */
    public final ReferenceTokens references;
    public final AccessTokenIssuer accessTokens;
    public final IdTokenIssuer idTokens;
    public final AccessTokenVerifier verifier;
    public final PersonTokens personTokens;
    public final AuthorizationCodeGrant codeGrant;
    public final RefreshTokenGrant refreshGrant;

    public SignInWorld(Database database, Client... clients) {
        this(database, Optional.empty(), clients);
    }

    /**
     * A world whose grant storage writes the audit events of its changes on {@code trail} (a replay's revocation,
     * a password grant's sign-in), not on {@link #audit}.
     */
    public SignInWorld(Database database, AuditTrail trail, Client... clients) {
        this(database, Optional.of(trail), clients);
    }

    private SignInWorld(Database database, Optional<AuditTrail> trail, Client... clients) {
        AuditTrail changes = trail.orElse(audit);
        this.database = database;
        this.clock = new MutableClock();
        this.clients = new InMemoryClientDirectory(clients);
        this.transactions = database.transactions();
        this.revoked = RevokedTokenRepository.held(transactions, ConfigurationChanges.stored(transactions, clock), clock);
        this.scopes = new ScopeCatalog(() -> Map.of(
                "orders:read", new ScopeCatalog.Scope("orders:read", "Read your orders",
                        Optional.of("https://api.example.com/orders"))), clock);
        this.accounts = new AccountService(transactions, new AccountRepository(), new IssuedCredentialRepository(),
                new PasswordHasher(CHEAP_ARGON2),
                new LoginThrottle(new HibernateThrottleStorage(transactions, new LoginThrottleRepository(),
                        new AccountRepository()), clock), clock);
        this.sessions = new BrowserSessions(transactions, new BrowserSessionRepository(), SESSION_IDLE, SESSION_MAX,
                clock);
        GrantFamilyRepository familyRepository = new GrantFamilyRepository(refreshRepository,
                new IssuedAccessTokenRepository(), revoked);
        this.families = new GrantFamilies(transactions, familyRepository);
        this.grantStorage = new HibernateGrantStorage(transactions, new AuthorizationCodeRepository(),
                refreshRepository, familyRepository, new AccountRepository(), changes);
        this.codes = new AuthorizationCodes(grantStorage, ACCESS_TTL, clock);
        this.refreshTokens = new RefreshTokens(grantStorage, REFRESH_IDLE, REFRESH_MAX, clock);
        this.interactions = new Interactions(transactions, new InteractionRepository(), clock);
        this.consents = new ConsentService(transactions, new ConsentRepository(), families, clock);
        this.references = new ReferenceTokens(transactions, new ReferenceTokenRepository(),
                clock);
        this.accessTokens = new AccessTokenIssuer(TestKeys.ISSUER, ACCESS_TTL, keys, scopes, Optional.of(references),
                clock);
        this.idTokens = new IdTokenIssuer(TestKeys.ISSUER, ACCESS_TTL, keys, clock);
        this.authorization = new AuthorizationService(TestKeys.ISSUER, new AuthorizationValidator(this.clients),
                new RequestObjects(this.clients, new RequestObjectVerifier(TestKeys.ISSUER,
                        new RequestObjectKeys(uri -> {
                            throw new java.io.IOException("unit tests fetch no jwks_uri");
                        }, clock), clock)),
                interactions, codes, consents, accounts, scopes, new FrontChannelTokens(accessTokens, idTokens,
                Optional.of(grantStorage)), clock);
        this.verifier = new AccessTokenVerifier(TestKeys.ISSUER, keys, transactions, revoked, this.clients, clock);
        this.personTokens = new PersonTokens(accessTokens, idTokens, grantStorage);
        this.codeGrant = new AuthorizationCodeGrant(grantStorage, codes, refreshTokens, personTokens);
        this.refreshGrant = new RefreshTokenGrant(grantStorage, refreshTokens, personTokens);
    }

    /** A new enabled person with a unique username, an email and no password. */
    public Account person() {
        return person(true);
    }

    public Account person(boolean enabled) {
        String username = "p-" + UUID.randomUUID().toString().substring(0, 12);
        return transactions.inTransaction(em -> accounts.upsert(em, new AccountDefinition(username, Optional.empty(),
                "Person " + username, Optional.of(username + "@example.com"), true, false, enabled), clock.instant()));
    }

    /** Disables (or re-enables) an existing person. */
    public void setEnabled(Account account, boolean enabled) {
        transactions.run(em -> accounts.upsert(em, new AccountDefinition(account.username(), Optional.empty(),
                account.displayName(), account.email(), account.emailVerified(), account.admin(), enabled),
                clock.instant()));
    }

    /** RFC 7662 introspection over this world's verifier, refresh tokens, accounts and scopes. */
    public Introspection introspection() {
        return new Introspection(TestKeys.ISSUER, verifier, transactions, refreshRepository, accounts, scopes, clock);
    }

    /** RFC 7009 revocation over this world's verifier, refresh tokens and grant families. */
    public Revocation revocation() {
        return new Revocation(verifier, transactions, refreshRepository, families, clock);
    }
}
