package io.latchkey.boot;

import io.latchkey.account.AccountService;
import io.latchkey.audit.AuditTrail;
import io.latchkey.account.CredentialThrottle;
import io.latchkey.authorize.AuthorizationService;
import io.latchkey.authorize.AuthorizationValidator;
import io.latchkey.authorize.RemoteJwks;
import io.latchkey.authorize.RequestObjectKeys;
import io.latchkey.authorize.RequestObjectVerifier;
import io.latchkey.authorize.RequestObjects;
import io.latchkey.authorize.FrontChannelTokens;
import io.latchkey.authorize.Interactions;
import io.latchkey.client.ClientDirectory;
import io.latchkey.config.Settings;
import io.latchkey.consent.ConsentService;
import io.latchkey.consent.ScopeCatalog;
import io.latchkey.grant.AuthorizationCodeGrant;
import io.latchkey.grant.GrantHandler;
import io.latchkey.grant.PasswordGrant;
import io.latchkey.grant.PersonTokens;
import io.latchkey.grant.RefreshTokenGrant;
import io.latchkey.key.KeyRing;
import io.latchkey.session.BrowserSessions;
import io.latchkey.session.LogoutService;
import io.latchkey.store.AccountRepository;
import io.latchkey.store.AuthorizationCodeRepository;
import io.latchkey.store.BrowserSessionRepository;
import io.latchkey.store.ConfigurationChanges;
import io.latchkey.store.ConsentRepository;
import io.latchkey.store.GrantFamilyRepository;
import io.latchkey.store.HibernateGrantStorage;
import io.latchkey.store.HibernateThrottleStorage;
import io.latchkey.store.LoginThrottleRepository;
import io.latchkey.store.InteractionRepository;
import io.latchkey.store.IssuedAccessTokenRepository;
import io.latchkey.store.ReferenceTokenRepository;
import io.latchkey.store.RefreshGrantRepository;
import io.latchkey.store.RevokedTokenRepository;
import io.latchkey.store.Transactions;
import io.latchkey.token.AccessTokenIssuer;
import io.latchkey.token.AccessTokenVerifier;
import io.latchkey.token.AuthorizationCodes;
import io.latchkey.token.GrantFamilies;
import io.latchkey.token.GrantStorage;
import io.latchkey.token.IdTokenHints;
import io.latchkey.token.IdTokenIssuer;
import io.latchkey.token.ReferenceTokens;
import io.latchkey.token.RefreshTokens;
import io.latchkey.token.UserInfoEndpoint;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Everything people signing in need: sessions, the authorization flow, the two grants, userinfo, logout. */
public record SignInServices(
        BrowserSessions sessions,
        AuthorizationService authorization,
        LogoutService logout,
        UserInfoEndpoint userInfo,
        List<GrantHandler> grants,
        AccessTokenVerifier verifier,
        GrantFamilies families,
        ConsentService consents,
        ClientDirectory clients,
        ScopeCatalog scopes) {

    public static SignInServices assemble(Settings settings, String issuer, Transactions transactions, KeyRing keys,
                                          ScopeCatalog scopes, ClientDirectory clients, AccountService accounts,
                                          AccessTokenIssuer accessTokens, ConfigurationChanges changes,
                                          AuditTrail audit, Clock clock) {
        // The deny list held in memory, reloaded when a revocation anywhere moves its counter (the server's one
        // change counter reader, which every other cache uses too).
        RevokedTokenRepository revoked = RevokedTokenRepository.held(transactions, changes, clock);
        RefreshGrantRepository refreshRepository = new RefreshGrantRepository();
        BrowserSessions sessions = new BrowserSessions(transactions, new BrowserSessionRepository(),
                settings.sessionIdleTtl(), settings.sessionMaxTtl(), clock);
        GrantFamilyRepository familyRepository = new GrantFamilyRepository(refreshRepository,
                new IssuedAccessTokenRepository(), revoked);
        GrantFamilies families = new GrantFamilies(transactions, familyRepository);
        GrantStorage grantStorage = new HibernateGrantStorage(transactions, new AuthorizationCodeRepository(),
                refreshRepository, familyRepository, new AccountRepository(), audit);
        AuthorizationCodes codes = new AuthorizationCodes(grantStorage, settings.accessTokenTtl(), clock);
        RefreshTokens refreshTokens = new RefreshTokens(grantStorage, settings.refreshTokenIdleTtl(),
                settings.refreshTokenMaxTtl(), clock);
        ConsentService consents = new ConsentService(transactions, new ConsentRepository(), families, audit,
                clock);
        IdTokenIssuer idTokens = new IdTokenIssuer(issuer, settings.accessTokenTtl(), keys, clients, clock);
        RequestObjects requestObjects = new RequestObjects(clients, new RequestObjectVerifier(issuer,
                new RequestObjectKeys(new RemoteJwks(settings.devMode()), clock), clock));
        AuthorizationService authorization = new AuthorizationService(issuer, new AuthorizationValidator(clients),
                requestObjects,
                new Interactions(transactions, new InteractionRepository(), clock), codes,
                consents, accounts, scopes,
                new FrontChannelTokens(accessTokens, idTokens, Optional.of(grantStorage)), clock);
        PersonTokens personTokens = new PersonTokens(accessTokens, idTokens, grantStorage);
        AccessTokenVerifier verifier = new AccessTokenVerifier(issuer, keys, transactions, revoked, clients,
                new CredentialThrottle(new HibernateThrottleStorage(transactions, new LoginThrottleRepository(),
                        new AccountRepository()), clock), clock);
        UserInfoEndpoint userInfo = new UserInfoEndpoint(verifier, accounts, grantStorage, new ReferenceTokens(
                transactions, new ReferenceTokenRepository(), clock));
        LogoutService logout = new LogoutService(new IdTokenHints(issuer, keys), clients, sessions);
        List<GrantHandler> grants = new ArrayList<>(List.of(
                new AuthorizationCodeGrant(grantStorage, codes, refreshTokens, personTokens),
                new RefreshTokenGrant(grantStorage, refreshTokens, personTokens)));
        if (settings.passwordGrant()) {
            grants.add(new PasswordGrant(accounts, grantStorage, refreshTokens, personTokens, audit, clock));
        }
        return new SignInServices(sessions, authorization, logout, userInfo, List.copyOf(grants), verifier, families,
                consents, clients, scopes);
    }
}
