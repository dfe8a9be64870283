package io.latchkey.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.latchkey.account.Account;
import io.latchkey.client.Client;
import io.latchkey.consent.ScopeCatalog;
import io.latchkey.key.KeyRing;
import io.latchkey.key.SigningKey;
import io.latchkey.security.Secret;
import io.latchkey.store.ConfigurationChanges;
import io.latchkey.store.Database;
import io.latchkey.testing.MutableClock;
import io.latchkey.testing.SignInWorld;
import io.latchkey.testing.TestClients;
import io.latchkey.testing.TestDatabase;
import io.latchkey.testing.TestKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 7662 over both kinds of token, and exactly {"active":false} for anything the caller may not see. */
class IntrospectionTest {
    private static final String ORDERS_API = "https://api.example.com/orders";
    private static final Map<String, Object> INACTIVE = Map.of("active", false);
    private static final Client WEB = TestClients.webApp("web").build();
    /** A web application that holds orders:read too, but is not the API. */
    private static final Client OTHER_WEB = TestClients.webApp("other").build();
    /** The orders API itself: a service holding a scope whose audience is the API. */
    private static final Client ORDERS_SERVICE = TestClients.m2m("orders-service").build();
    private static final Client NO_API_SERVICE = TestClients.m2m("no-api").withScopes().build();
    private static final Client GATEWAY = TestClients.m2m("gateway").withScopes().withIntrospectAny().build();
    private static Database database;
    private SignInWorld world;
    private Introspection introspection;
    private Account person;
    private Instant start;
    private String family;

    @BeforeAll
    static void openDatabase() {
        database = TestDatabase.open();
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    @BeforeEach
    void newWorld() {
        world = new SignInWorld(database, WEB, OTHER_WEB, ORDERS_SERVICE, NO_API_SERVICE, GATEWAY);
        introspection = world.introspection();
        person = world.person();
        start = world.clock.instant();
        family = UUID.randomUUID().toString();
    }

    private IssuedAccessToken personToken(Set<String> scopes) {
        return world.accessTokens.issue(AccessTokenClaims.forPerson(person.subject(), "web", scopes,
                start.minusSeconds(30), AccessTokenClaims.newJti()));
    }

    private Secret refreshToken() {
        return world.refreshTokens.start(family, "web", person.id(), Set.of("openid", "offline_access", "orders:read"),
                start.minusSeconds(30), "sid-1");
    }

    private Map<String, Object> introspect(Client caller, Secret token) {
        return introspection.introspect(caller, token, Optional.empty());
    }

    @Test
    void aPersonsAccessTokenIntrospectedByItsClientIsActiveWithEveryClaim() {
        IssuedAccessToken token = personToken(Set.of("orders:read"));
        Map<String, Object> json = introspect(WEB, token.value());
        assertEquals(true, json.get("active"));
        assertEquals("orders:read", json.get("scope"));
        assertEquals("web", json.get("client_id"));
        assertEquals(person.subject(), json.get("sub"));
        assertEquals(person.username(), json.get("username"));
        assertEquals(start.plus(SignInWorld.ACCESS_TTL).getEpochSecond(), json.get("exp"));
        assertEquals(start.getEpochSecond(), json.get("iat"));
        assertEquals(TestKeys.ISSUER, json.get("iss"));
        assertEquals(ORDERS_API, json.get("aud"), "one audience is a string");
        assertEquals("Bearer", json.get("token_type"));
        assertEquals(token.jti(), json.get("jti"));
        assertEquals(Set.of("active", "scope", "client_id", "sub", "username", "exp", "iat", "iss", "aud",
                "token_type", "jti"), json.keySet());
    }

    @Test
    void aTokenForSeveralAudiencesListsThemAllAndItsScopesSpaceSeparated() {
        Map<String, Object> json = introspect(WEB, personToken(Set.of("orders:read", "openid")).value());
        assertEquals(Set.of(ORDERS_API, TestKeys.ISSUER), json.get("aud"), "several audiences are an array");
        assertEquals(Set.of("openid", "orders:read"), Set.of(((String) json.get("scope")).split(" ")));
    }

    @Test
    void aServicesOwnTokenHasNoUsername() {
        IssuedAccessToken token = world.accessTokens.issue(AccessTokenClaims.forService("orders-service",
                Set.of("orders:read")));
        Map<String, Object> json = introspect(ORDERS_SERVICE, token.value());
        assertEquals(true, json.get("active"));
        assertEquals("client:orders-service", json.get("sub"));
        assertFalse(json.containsKey("username"));
    }

    @Test
    void aServicesApisFollowEveryChangeOfItsScopesOrOfItsApplication() {
        // The caller's APIs are remembered between requests; each change of the scopes (the catalog's change
        // counter) or of the application (a new Client from the directory) must be seen by the very next request.
        AtomicReference<String> ordersAudience = new AtomicReference<>(ORDERS_API);
        AtomicLong scopesVersion = new AtomicLong();
        ConfigurationChanges changes = new ConfigurationChanges(kind -> scopesVersion.get(), world.clock);
        ScopeCatalog catalog = new ScopeCatalog(() -> Map.of("orders:read", new ScopeCatalog.Scope("orders:read",
                "Read your orders", Optional.of(ordersAudience.get()))), changes, world.clock);
        Introspection remembering = new Introspection(TestKeys.ISSUER, world.verifier, world.transactions,
                world.refreshRepository, world.accounts, catalog, world.clock);
        Secret token = personToken(Set.of("orders:read")).value();
        assertEquals(true, remembering.introspect(ORDERS_SERVICE, token, Optional.empty()).get("active"));
        assertEquals(true, remembering.introspect(ORDERS_SERVICE, token, Optional.empty()).get("active"));

        ordersAudience.set("https://api.example.com/billing");
        scopesVersion.incrementAndGet();
        world.clock.advance(ConfigurationChanges.CHECK_INTERVAL.plusMillis(1));
        assertEquals(INACTIVE, remembering.introspect(ORDERS_SERVICE, token, Optional.empty()),
                "orders:read now belongs to another API: the service's APIs no longer include the token's");

        ordersAudience.set(ORDERS_API);
        scopesVersion.incrementAndGet();
        world.clock.advance(ConfigurationChanges.CHECK_INTERVAL.plusMillis(1));
        assertEquals(true, remembering.introspect(ORDERS_SERVICE, token, Optional.empty()).get("active"));
        Client withoutTheScope = TestClients.m2m("orders-service").withScopes().build();
        assertEquals(INACTIVE, remembering.introspect(withoutTheScope, token, Optional.empty()),
                "the application changed (no orders:read any more): its APIs are computed again");
        assertEquals(true, remembering.introspect(ORDERS_SERVICE, token, Optional.empty()).get("active"));
    }

    @Test
    void aServiceHoldingAScopeOfTheTokensApiMayIntrospectIt() {
        Map<String, Object> json = introspect(ORDERS_SERVICE, personToken(Set.of("openid", "orders:read")).value());
        assertEquals(true, json.get("active"));
        assertEquals("web", json.get("client_id"));
    }

    @Test
    void aWebApplicationHoldingTheSameScopeIsNotTheApiAndSeesNothing() {
        assertEquals(INACTIVE, introspect(OTHER_WEB, personToken(Set.of("orders:read")).value()));
    }

    @Test
    void aServiceWithoutTheTokensApiSeesNothing() {
        assertEquals(INACTIVE, introspect(NO_API_SERVICE, personToken(Set.of("orders:read")).value()));
    }

    @Test
    void aServiceHoldingAnApiScopeCannotSeeATokenThatIsNotForThatApi() {
        assertEquals(INACTIVE, introspect(ORDERS_SERVICE, personToken(Set.of("openid", "profile")).value()));
    }

    @Test
    void anotherClientsAccessTokenIsExactlyInactive() {
        assertEquals(INACTIVE, introspect(OTHER_WEB, personToken(Set.of("openid")).value()));
    }

    @Test
    void anApplicationAllowedToIntrospectAnythingSeesAnotherClientsToken() {
        Map<String, Object> json = introspect(GATEWAY, personToken(Set.of("openid")).value());
        assertEquals(true, json.get("active"));
        assertEquals("web", json.get("client_id"));
    }

    @Test
    void anAccessTokenPastItsLifetimeIsInactive() {
        IssuedAccessToken token = personToken(Set.of("orders:read"));
        world.clock.advance(SignInWorld.ACCESS_TTL.minusSeconds(1));
        assertEquals(true, introspect(WEB, token.value()).get("active"), "still live just before");
        world.clock.advance(Duration.ofSeconds(2));
        assertEquals(INACTIVE, introspect(WEB, token.value()));
    }

    @Test
    void aRevokedAccessTokenIsInactive() {
        IssuedAccessToken token = personToken(Set.of("orders:read"));
        world.transactions.run(em -> world.families.revokeAccessToken(em, token.jti(), start, token.expiresAt()));
        assertEquals(INACTIVE, introspect(WEB, token.value()));
        assertEquals(INACTIVE, introspect(GATEWAY, token.value()));
    }

    static Stream<String> notTokens() {
        return Stream.of("garbage", "a.b.c", "", "...", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.",
                "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0");
    }

    @ParameterizedTest
    @MethodSource("notTokens")
    void textThatIsNoTokenIsInactive(String text) {
        assertEquals(INACTIVE, introspect(GATEWAY, Secret.of(text)));
        assertEquals(INACTIVE, introspection.introspect(GATEWAY, Secret.of(text), Optional.of("refresh_token")));
    }

    @Test
    void anAccessTokenWithATamperedSignatureIsInactive() {
        String jwt = personToken(Set.of("orders:read")).value().reveal();
        int i = jwt.lastIndexOf('.') + 20;
        String tampered = jwt.substring(0, i) + (jwt.charAt(i) == 'A' ? 'B' : 'A') + jwt.substring(i + 1);
        assertNotEquals(jwt, tampered);
        assertEquals(INACTIVE, introspect(WEB, Secret.of(tampered)));
    }

    @Test
    void anAccessTokenWithATamperedPayloadIsInactive() {
        String jwt = personToken(Set.of("orders:read")).value().reveal();
        String[] parts = jwt.split("\\.");
        String other = personToken(Set.of("openid")).value().reveal();
        String swapped = parts[0] + "." + other.split("\\.")[1] + "." + parts[2];
        assertEquals(INACTIVE, introspect(WEB, Secret.of(swapped)));
    }

    @Test
    void anAccessTokenSignedByAnotherKeyIsInactiveEvenUnderOurKid() {
        SigningKey impostor = new SigningKey(TestKeys.KEY.kid(), TestKeys.OTHER.publicKey(),
                TestKeys.OTHER.privateKey(), MutableClock.START);
        for (KeyRing ring : new KeyRing[] {KeyRing.of(TestKeys.OTHER), KeyRing.of(impostor)}) {
            AccessTokenIssuer forger = new AccessTokenIssuer(TestKeys.ISSUER, SignInWorld.ACCESS_TTL, ring,
                    world.scopes, world.clock);
            Secret forged = forger.issue(AccessTokenClaims.forPerson(person.subject(), "web", Set.of("orders:read"),
                    start, AccessTokenClaims.newJti())).value();
            assertEquals(INACTIVE, introspect(WEB, forged));
            assertEquals(INACTIVE, introspect(GATEWAY, forged));
        }
    }

    @Test
    void aLiveRefreshTokenIsActiveForItsClient() {
        Map<String, Object> json = introspect(WEB, refreshToken());
        assertEquals(true, json.get("active"));
        assertEquals("refresh_token", json.get("token_type"));
        assertEquals("web", json.get("client_id"));
        assertEquals(person.subject(), json.get("sub"));
        assertEquals(person.username(), json.get("username"));
        assertEquals(Set.of("openid", "offline_access", "orders:read"),
                Set.of(((String) json.get("scope")).split(" ")));
        assertEquals(start.plus(SignInWorld.REFRESH_IDLE).getEpochSecond(), json.get("exp"), "idle end comes first");
        assertEquals(start.getEpochSecond(), json.get("iat"));
        assertEquals(TestKeys.ISSUER, json.get("iss"));
        assertFalse(json.containsKey("aud"), "a refresh token is for its client only");
        assertFalse(json.containsKey("jti"));
    }

    @Test
    void aRefreshTokenExpiresAtTheFamilyEndWhenThatComesBeforeItsIdleEnd() {
        // Made by hand as a token from before schema 31 is (no locator: it is its own).
        Secret token = Secret.of("hand-made-refresh-token-" + UUID.randomUUID());
        Instant familyEnd = start.plus(Duration.ofHours(1));
        world.transactions.run(em -> world.refreshRepository.add(em, new StoredRefreshFamily(token.hashed(),
                token.hashed(), new RefreshTokens.RefreshGrant(family, "web", person.id(),
                        Set.of("openid", "offline_access"), start, "sid-1", familyEnd), start, start, 0,
                start.plus(SignInWorld.REFRESH_IDLE), Optional.empty(), Optional.empty())));
        assertEquals(familyEnd.getEpochSecond(), introspect(WEB, token).get("exp"));
        world.clock.set(familyEnd);
        assertEquals(INACTIVE, introspect(WEB, token));
    }

    @Test
    void aRotatedRefreshTokenIsInactiveAndItsSuccessorActive() {
        Secret first = refreshToken();
        Secret next = world.refreshTokens.rotate(first, "web", Set.of()).next();
        assertEquals(INACTIVE, introspect(WEB, first));
        assertEquals(true, introspect(WEB, next).get("active"));
    }

    @Test
    void aRevokedRefreshTokenIsInactive() {
        Secret token = refreshToken();
        world.families.revoke(family, world.clock.instant());
        assertEquals(INACTIVE, introspect(WEB, token));
        assertEquals(INACTIVE, introspect(GATEWAY, token));
    }

    @Test
    void aRefreshTokenUnusedForTheIdleLifetimeIsInactive() {
        Secret token = refreshToken();
        world.clock.advance(SignInWorld.REFRESH_IDLE.minusSeconds(1));
        assertEquals(true, introspect(WEB, token).get("active"));
        world.clock.advanceSeconds(1);
        assertEquals(INACTIVE, introspect(WEB, token));
    }

    @Test
    void aRefreshTokenOfADisabledPersonIsInactive() {
        Secret token = refreshToken();
        world.setEnabled(person, false);
        assertEquals(INACTIVE, introspect(WEB, token));
    }

    @Test
    void anotherClientsRefreshTokenIsInactiveEvenForTheApiService() {
        Secret token = refreshToken();
        assertEquals(INACTIVE, introspect(OTHER_WEB, token));
        assertEquals(INACTIVE, introspect(ORDERS_SERVICE, token), "the refresh token carries orders:read");
    }

    @Test
    void anApplicationAllowedToIntrospectAnythingSeesAnotherClientsRefreshToken() {
        Map<String, Object> json = introspect(GATEWAY, refreshToken());
        assertEquals(true, json.get("active"));
        assertEquals("refresh_token", json.get("token_type"));
        assertEquals("web", json.get("client_id"));
    }

    @Test
    void aRefreshTokenHintStillFindsAnAccessToken() {
        Map<String, Object> json = introspection.introspect(WEB, personToken(Set.of("orders:read")).value(),
                Optional.of("refresh_token"));
        assertEquals(true, json.get("active"));
        assertEquals("Bearer", json.get("token_type"));
    }

    @Test
    void anAccessTokenHintStillFindsARefreshToken() {
        Map<String, Object> json = introspection.introspect(WEB, refreshToken(), Optional.of("access_token"));
        assertEquals(true, json.get("active"));
        assertEquals("refresh_token", json.get("token_type"));
    }

    @Test
    void anUnknownHintIsIgnored() {
        assertEquals("refresh_token", introspection.introspect(WEB, refreshToken(), Optional.of("id_token"))
                .get("token_type"));
        assertEquals("Bearer", introspection.introspect(WEB, personToken(Set.of("openid")).value(),
                Optional.of("id_token")).get("token_type"));
    }
}
