package io.latchkey.token;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.latchkey.account.Account;
import io.latchkey.security.Secret;
import io.latchkey.store.Database;
import io.latchkey.testing.SignInWorld;
import io.latchkey.testing.TestClients;
import io.latchkey.testing.TestDatabase;
import io.latchkey.testing.TestKeys;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET /oauth/info: whom and what a valid access token is for, and how long it has left; else inactive. */
class TokenInfoEndpointTest {
    private static final String ORDERS_API = "https://api.example.com/orders";
    private static Database database;
    private SignInWorld world;
    private TokenInfoEndpoint endpoint;
    private Account person;
    private Instant start;

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
        world = new SignInWorld(database, TestClients.webApp("web").build());
        endpoint = new TokenInfoEndpoint(world.verifier, world.clock);
        person = world.person();
        start = world.clock.instant();
    }

    private IssuedAccessToken issue(Set<String> scopes) {
        return world.accessTokens.issue(AccessTokenClaims.forPerson(person.subject(), "web", scopes, start,
                AccessTokenClaims.newJti()));
    }

    @Test
    void anActiveTokenShowsItsClientScopeSubjectAudienceAndRemainingLifetime() {
        IssuedAccessToken token = issue(Set.of("orders:read"));
        world.clock.advanceSeconds(100);
        Map<String, Object> info = endpoint.info(token.value(), "192.0.2.1");
        assertEquals(true, info.get("active"));
        assertEquals("web", info.get("client_id"));
        assertEquals("orders:read", info.get("scope"));
        assertEquals(person.subject(), info.get("sub"));
        assertEquals(ORDERS_API, info.get("aud"));
        assertEquals(start.plus(SignInWorld.ACCESS_TTL).getEpochSecond(), info.get("exp"));
        assertEquals(SignInWorld.ACCESS_TTL.toSeconds() - 100, info.get("expires_in"));
        assertEquals(List.of("active", "client_id", "scope", "sub", "aud", "exp", "expires_in"),
                List.copyOf(info.keySet()));
    }

    @Test
    void expiresInFollowsTheClockDownToOneSecond() {
        IssuedAccessToken token = issue(Set.of("openid"));
        assertEquals(SignInWorld.ACCESS_TTL.toSeconds(), endpoint.info(token.value(), "192.0.2.1").get("expires_in"));
        world.clock.advance(SignInWorld.ACCESS_TTL.minusSeconds(1));
        assertEquals(1L, endpoint.info(token.value(), "192.0.2.1").get("expires_in"));
    }

    @Test
    void aTokenForSeveralAudiencesListsThemAllAndItsScopesSpaceSeparated() {
        Map<String, Object> info = endpoint.info(issue(Set.of("openid", "orders:read")).value(), "192.0.2.1");
        assertEquals(Set.of(ORDERS_API, TestKeys.ISSUER), info.get("aud"));
        assertEquals(Set.of("openid", "orders:read"), Set.of(((String) info.get("scope")).split(" ")));
    }

    @Test
    void anInvalidTokenIsExactlyInactive() {
        assertEquals(Map.of("active", false), endpoint.info(Secret.of("garbage"), "192.0.2.1"));
        assertEquals(Map.of("active", false), endpoint.info(Secret.of("a.b.c"), "192.0.2.1"));
    }

    @Test
    void anExpiredTokenIsExactlyInactive() {
        IssuedAccessToken token = issue(Set.of("openid"));
        world.clock.advance(SignInWorld.ACCESS_TTL.plusSeconds(1));
        assertEquals(Map.of("active", false), endpoint.info(token.value(), "192.0.2.1"));
    }

    @Test
    void aRevokedTokenIsExactlyInactive() {
        IssuedAccessToken token = issue(Set.of("openid"));
        world.transactions.run(em -> world.families.revokeAccessToken(em, token.jti(), start, token.expiresAt()));
        assertEquals(Map.of("active", false), endpoint.info(token.value(), "192.0.2.1"));
    }
}
