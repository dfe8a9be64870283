package io.latchkey.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.latchkey.account.Account;
import io.latchkey.client.Client;
import io.latchkey.error.ErrorCode;
import io.latchkey.error.OAuthException;
import io.latchkey.store.Database;
import io.latchkey.testing.SignInWorld;
import io.latchkey.testing.TestClients;
import io.latchkey.testing.TestDatabase;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * People's and applications' subjects never collide: an m2m application whose client_id is exactly a person's
 * {@code sub} still gets tokens whose {@code sub} is its own, and every endpoint resolves each token to the
 * right subject.
 */
class SubjectsTest {
    private static final Client WEB = TestClients.webApp("web").build();
    private static Database database;
    private SignInWorld world;
    private Account person;
    /** An m2m application whose client_id is the person's subject. */
    private Client twin;

    @BeforeAll
    static void openDatabase() {
        database = TestDatabase.open();
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    @BeforeEach
    void personAndTwin() {
        world = new SignInWorld(database, WEB);
        person = world.person();
        twin = TestClients.m2m(person.subject()).build();
        world.clients.add(twin);
    }

    private Map<String, Object> introspect(Client caller, IssuedAccessToken token) {
        return world.introspection().introspect(caller, token.value(), Optional.empty());
    }

    @Test
    void anApplicationNamedLikeAPersonGetsItsOwnSubject() {
        IssuedAccessToken service = world.accessTokens.issue(AccessTokenClaims.forService(twin.clientId(),
                Set.of("orders:read")));

        AccessTokenVerifier.VerifiedAccessToken verified = world.verifier.verify(service.value()).orElseThrow();
        assertNotEquals(person.subject(), verified.subject());
        assertEquals("client:" + person.subject(), verified.subject());
        assertEquals(person.subject(), verified.clientId(), "client_id stays the bare client_id");

        Map<String, Object> json = introspect(twin, service);
        assertEquals(true, json.get("active"));
        assertEquals("client:" + person.subject(), json.get("sub"));
        assertEquals(person.subject(), json.get("client_id"));
        assertFalse(json.containsKey("username"), "the application's token names no person");
        assertEquals("client:" + person.subject(), new TokenInfoEndpoint(world.verifier, world.clock)
                .info(service.value(), "192.0.2.1").get("sub"));
    }

    @Test
    void thePersonsOwnTokensStillResolveToThePerson() {
        IssuedAccessToken own = world.accessTokens.issue(AccessTokenClaims.forPerson(person.subject(), "web",
                Set.of("openid", "profile", "orders:read"), world.clock.instant(), AccessTokenClaims.newJti()));

        Map<String, Object> json = introspect(WEB, own);
        assertEquals(person.subject(), json.get("sub"));
        assertEquals(person.username(), json.get("username"));
        Map<String, Object> claims = new UserInfoEndpoint(world.verifier, world.accounts).claims(own.value(), "192.0.2.1");
        assertEquals(person.subject(), claims.get("sub"));
        assertEquals(person.username(), claims.get("preferred_username"));
    }

    @Test
    void userInfoNeverAnswersForAnApplicationsTokenWithThePersonsClaims() {
        // m2m applications cannot hold openid; this token stands for any application token that did.
        IssuedAccessToken service = world.accessTokens.issue(AccessTokenClaims.forService(twin.clientId(),
                Set.of("openid", "profile")));

        OAuthException e = assertThrows(OAuthException.class,
                () -> new UserInfoEndpoint(world.verifier, world.accounts).claims(service.value(), "192.0.2.1"));
        assertEquals(ErrorCode.INVALID_TOKEN, e.error().code());
    }
}
