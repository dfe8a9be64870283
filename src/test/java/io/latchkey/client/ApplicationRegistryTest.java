package io.latchkey.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.account.Account;
import io.latchkey.consent.ScopeCatalog;
import io.latchkey.consent.ScopeRegistry;
import io.latchkey.error.ErrorCode;
import io.latchkey.error.OAuthException;
import io.latchkey.security.Secret;
import io.latchkey.store.AccountRepository;
import io.latchkey.store.ApplicationRepository;
import io.latchkey.store.ConfigurationChanges;
import io.latchkey.store.Database;
import io.latchkey.store.IssuedCredentialRepository;
import io.latchkey.store.ReferenceTokenRepository;
import io.latchkey.store.ScopeRepository;
import io.latchkey.testing.SignInWorld;
import io.latchkey.testing.TestClients;
import io.latchkey.testing.TestDatabase;
import io.latchkey.testing.TestKeys;
import io.latchkey.testing.TestRequests;
import io.latchkey.token.AccessTokenClaims;
import io.latchkey.token.AccessTokenIssuer;
import io.latchkey.token.AccessTokenVerifier;
import io.latchkey.token.Introspection;
import io.latchkey.token.IssuedAccessToken;
import io.latchkey.token.ReferenceToken;
import io.latchkey.token.ReferenceTokens;
import io.latchkey.token.TokenInfoEndpoint;
import io.latchkey.token.UserInfoEndpoint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Disabling an application (the command the import file and, later, the admin API apply) over the real
 * database: from then on none of its tokens works at introspection, userinfo or {@code /oauth/info}, and
 * enabling it again brings none of them back. Applications are read through the stored client directory,
 * as the server reads them, one cache lifetime after the change.
 */
class ApplicationRegistryTest {
    private static final Map<String, Object> INACTIVE = Map.of("active", false);
    private static final Set<String> PERSON_SCOPES = Set.of("openid", "offline_access", "orders:read");
    private static Database database;
    private SignInWorld world;
    private ApplicationRegistry registry;
    private StoredClientDirectory clients;
    private AccessTokenVerifier verifier;
    private ReferenceTokens referenceTokens;
    private AccessTokenIssuer referenceIssuer;
    private Account person;
    private String web;
    private String batch;

    @BeforeAll
    static void openDatabase() {
        database = TestDatabase.open();
        database.transactions().run(em -> {
            ScopeRegistry scopes = new ScopeRegistry(new ScopeRepository(),
                    ConfigurationChanges.stored(database.transactions(), Clock.systemUTC()), Clock.systemUTC());
            scopes.ensureStandardScopes(em);
            scopes.upsert(em, new ScopeCatalog.Scope("orders:read", "Read your orders",
                    Optional.of("https://api.example.com/orders")));
        });
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    @BeforeEach
    void applications() {
        world = new SignInWorld(database);
        ConfigurationChanges changes = ConfigurationChanges.stored(world.transactions, world.clock);
        registry = new ApplicationRegistry(new ApplicationRepository(), new IssuedCredentialRepository(), changes,
                world.clock);
        clients = new StoredClientDirectory(world.transactions, new ApplicationRepository(), changes, world.clock);
        referenceTokens = new ReferenceTokens(world.transactions, new ReferenceTokenRepository(), world.clock);
        verifier = new AccessTokenVerifier(TestKeys.ISSUER, world.keys, world.transactions, world.revoked, clients,
                new AccountRepository(), world.clock, referenceTokens);
        referenceIssuer = new AccessTokenIssuer(TestKeys.ISSUER, SignInWorld.ACCESS_TTL, world.keys, world.scopes,
                Optional.of(referenceTokens), world.clock);
        web = "web-" + UUID.randomUUID();
        batch = "batch-" + UUID.randomUUID();
        apply(webApp(true));
        apply(m2m(true));
        person = world.person();
    }

    private ApplicationDefinition webApp(boolean enabled) {
        return new ApplicationDefinition(web, "Web", ClientType.WEB, List.of(TestClients.WEB_REDIRECT), List.of(),
                PERSON_SCOPES, PERSON_SCOPES, Optional.of(Secret.of(TestClients.SECRET)), enabled,
                AccessTokenPolicy.AUTHENTICATED_USERS, false, false, false, 90, false, Set.of(ResponseType.CODE), false, PkcePolicy.REQUIRED, false);
    }

    private ApplicationDefinition m2m(boolean enabled) {
        return new ApplicationDefinition(batch, "Batch", ClientType.M2M, List.of(), List.of(), Set.of("orders:read"),
                Set.of("orders:read"), Optional.of(Secret.of(TestClients.SECRET)), enabled,
                AccessTokenPolicy.AUTHENTICATED_USERS, false, false, false, 90, false, Set.of(ResponseType.CODE), false, PkcePolicy.REQUIRED, false);
    }

    /**
     * Applies a definition as the import does (this node's directory sees it at once), then lets a second pass, so
     * that tokens issued next are not in the second a disable refuses.
     */
    private void apply(ApplicationDefinition definition) {
        world.transactions.run(em -> registry.upsert(em, definition));
        world.clock.advance(Duration.ofSeconds(1));
    }

    private Client client(String clientId) {
        return clients.find(clientId).orElseThrow();
    }

    private IssuedAccessToken personJwt() {
        return world.accessTokens.issue(AccessTokenClaims.forPerson(person.subject(), web, PERSON_SCOPES,
                world.clock.instant(), AccessTokenClaims.newJti()));
    }

    private IssuedAccessToken serviceJwt() {
        return world.accessTokens.issue(AccessTokenClaims.forService(batch, Set.of("orders:read")));
    }

    private Map<String, Object> introspect(Client caller, Secret token) {
        return new Introspection(TestKeys.ISSUER, verifier, world.transactions, world.refreshRepository,
                world.accounts, world.scopes, world.clock).introspect(caller, token, Optional.empty());
    }

    private Map<String, Object> info(Secret token) {
        return new TokenInfoEndpoint(verifier, world.clock).info(token, "192.0.2.1");
    }

    private void assertUserInfoRefuses(Secret token) {
        OAuthException e = assertThrows(OAuthException.class,
                () -> new UserInfoEndpoint(verifier, world.accounts).claims(token, "192.0.2.1"));
        assertEquals(ErrorCode.INVALID_TOKEN, e.error().code());
    }

    @Test
    void disablingAWebApplicationEndsEveryTokenItHoldsForGood() {
        IssuedAccessToken jwt = personJwt();
        IssuedAccessToken opaque = referenceIssuer.issue(AccessTokenClaims.forPerson(person.subject(), web,
                PERSON_SCOPES, world.clock.instant(), AccessTokenClaims.newJti()), true, Optional.of(person.id()));
        Secret refresh = world.refreshTokens.start(UUID.randomUUID().toString(), web, person.id(), PERSON_SCOPES,
                world.clock.instant(), "sid-1");
        Secret pat = referenceTokens.store(person, client(web), ReferenceToken.Kind.PAT, "laptop",
                Set.of("orders:read"), Duration.ofDays(30)).value();
        Secret code = world.codes.issue(web, person.id(), TestClients.WEB_REDIRECT, true, TestRequests.CHALLENGE,
                Optional.empty(), PERSON_SCOPES, world.clock.instant(), "sid-1");
        assertEquals(true, introspect(client(web), jwt.value()).get("active"), "live before the disable");
        assertEquals(true, introspect(client(web), refresh).get("active"), "live before the disable");
        assertTrue(verifier.verify(pat).isPresent() && verifier.verify(opaque.value()).isPresent());

        apply(webApp(false));

        assertEquals(INACTIVE, introspect(client(batch), jwt.value()));
        assertEquals(INACTIVE, info(jwt.value()));
        assertUserInfoRefuses(jwt.value());
        assertEquals(INACTIVE, info(opaque.value()));
        assertEquals(INACTIVE, info(pat));
        assertEquals(Optional.empty(), world.codes.redeem(code), "its authorization codes are gone");

        apply(webApp(true));

        assertEquals(INACTIVE, introspect(client(web), jwt.value()), "a JWT from before stays inactive");
        assertUserInfoRefuses(jwt.value());
        assertEquals(INACTIVE, info(opaque.value()));
        assertEquals(INACTIVE, info(pat));
        assertEquals(INACTIVE, introspect(client(web), refresh));
        OAuthException refused = assertThrows(OAuthException.class,
                () -> world.refreshTokens.rotate(refresh, web, Set.of()));
        assertEquals(ErrorCode.INVALID_GRANT, refused.error().code(), "refresh tokens from before stay revoked");
        assertEquals(true, introspect(client(web), personJwt().value()).get("active"), "new tokens work");
    }

    @Test
    void disablingAServiceEndsItsClientCredentialsAndServiceAccessTokensForGood() {
        IssuedAccessToken jwt = serviceJwt();
        Secret sat = referenceTokens.store(person, client(batch), ReferenceToken.Kind.SAT, "nightly",
                Set.of("orders:read"), Duration.ofDays(30)).value();
        assertEquals(true, info(jwt.value()).get("active"));
        assertEquals(true, info(sat).get("active"));

        apply(m2m(false));

        assertEquals(INACTIVE, info(jwt.value()));
        assertEquals(INACTIVE, info(sat));
        assertEquals(INACTIVE, introspect(client(web), jwt.value()));

        apply(m2m(true));

        assertEquals(INACTIVE, info(jwt.value()), "a JWT from before stays inactive");
        assertEquals(INACTIVE, info(sat), "a SAT from before stays revoked");
        assertEquals(true, info(serviceJwt().value()).get("active"), "new tokens work");
    }

    @Test
    void anApplicationDisabledBeforeTheseRulesLosesWhatItHeldWhenTheImportIsNextApplied() {
        Secret refresh = world.refreshTokens.start(UUID.randomUUID().toString(), web, person.id(), PERSON_SCOPES,
                world.clock.instant(), "sid-1");
        // What an older version left behind: disabled, nothing taken back.
        world.transactions.run(em -> em.createNativeQuery(
                "update application set enabled = false, tokens_not_before = null where client_id = ?1")
                .setParameter(1, web).executeUpdate());

        apply(webApp(false));
        apply(webApp(true));

        assertThrows(OAuthException.class, () -> world.refreshTokens.rotate(refresh, web, Set.of()));
    }

    @Test
    void reapplyingTheSameDisabledDefinitionChangesNothing() {
        apply(webApp(false));
        Instant first = client(web).tokensNotBefore().orElseThrow();
        world.clock.advance(Duration.ofMinutes(5));

        apply(webApp(false));

        assertEquals(first, client(web).tokensNotBefore().orElseThrow());
    }
}
