package io.latchkey.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.account.Account;
import io.latchkey.error.OAuthException;
import io.latchkey.security.Secret;
import io.latchkey.store.ConsentRepository;
import io.latchkey.store.Database;
import io.latchkey.testing.SignInWorld;
import io.latchkey.testing.TestClients;
import io.latchkey.testing.TestDatabase;
import io.latchkey.token.AccessTokenClaims;
import io.latchkey.token.IssuedAccessToken;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** "My applications": a person's consents listed, and forgotten together with the application's grants. */
class ConsentServiceListTest {
    private static Database database;
    private SignInWorld world;
    private ConsentService consents;
    private Account alice;
    private Account bob;

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
        world = new SignInWorld(database, TestClients.webApp("web").build(), TestClients.webApp("other").build(),
                TestClients.webApp("orders").build());
        consents = new ConsentService(world.transactions, new ConsentRepository(), world.families, world.clock);
        alice = world.person();
        bob = world.person();
    }

    @Test
    void aPersonWithoutConsentsHasAnEmptyList() {
        assertEquals(List.of(), consents.list(alice.id()));
    }

    @Test
    void theListHasEachApplicationWithItsScopesAndWhenMostRecentFirst() {
        Instant first = world.clock.instant();
        consents.remember(alice.id(), "web", Set.of("profile", "openid"));
        world.clock.advance(Duration.ofMinutes(5));
        consents.remember(alice.id(), "orders", Set.of("orders:read"));
        consents.remember(bob.id(), "other", Set.of("openid"));

        List<ConsentService.Granted> list = consents.list(alice.id());
        assertEquals(List.of(
                new ConsentService.Granted("orders", Set.of("orders:read"), first.plus(Duration.ofMinutes(5))),
                new ConsentService.Granted("web", Set.of("openid", "profile"), first)), list);
        assertEquals(List.of("openid", "profile"), List.copyOf(list.get(1).scopes()));
    }

    @Test
    void forgettingRemovesTheConsentAndRevokesThatApplicationsGrantsForThatPersonOnly() {
        consents.remember(alice.id(), "web", Set.of("openid", "offline_access"));
        consents.remember(alice.id(), "orders", Set.of("openid"));
        consents.remember(bob.id(), "web", Set.of("openid"));
        Grant aliceWeb = grant(alice, "web");
        Grant aliceWebAgain = grant(alice, "web");
        Grant aliceOrders = grant(alice, "orders");
        Grant bobWeb = grant(bob, "web");

        assertTrue(consents.forget(alice.id(), "web"));

        assertEquals(List.of("orders"), consents.list(alice.id()).stream().map(ConsentService.Granted::clientId)
                .toList());
        assertFalse(consents.covers(alice.id(), "web", Set.of("openid")));
        assertTrue(consents.covers(bob.id(), "web", Set.of("openid")));
        for (Grant revoked : List.of(aliceWeb, aliceWebAgain)) {
            assertThrows(OAuthException.class, () -> world.refreshTokens.rotate(revoked.refresh(), "web", Set.of()));
            assertTrue(world.verifier.verify(revoked.access().value()).isEmpty());
        }
        assertTrue(world.verifier.verify(aliceOrders.access().value()).isPresent());
        assertTrue(world.verifier.verify(bobWeb.access().value()).isPresent());
        world.refreshTokens.rotate(aliceOrders.refresh(), "orders", Set.of());
        world.refreshTokens.rotate(bobWeb.refresh(), "web", Set.of());
    }

    @Test
    void forgettingWhatWasNeverGrantedChangesNothing() {
        consents.remember(alice.id(), "web", Set.of("openid"));
        assertFalse(consents.forget(alice.id(), "nothing"));
        assertFalse(consents.forget(bob.id(), "web"));
        assertEquals(1, consents.list(alice.id()).size());
    }

    private record Grant(Secret refresh, IssuedAccessToken access) {
    }

    /** A refresh token family with one recorded access token, as a sign-in with offline_access leaves. */
    private Grant grant(Account person, String clientId) {
        String family = UUID.randomUUID().toString();
        Instant now = world.clock.instant();
        Secret refresh = world.refreshTokens.start(family, clientId, person.id(), Set.of("openid", "offline_access"),
                now, "sid-" + family);
        IssuedAccessToken access = world.accessTokens.issue(AccessTokenClaims.forPerson(person.subject(), clientId,
                Set.of("openid"), now, AccessTokenClaims.newJti()));
        world.families.recordAccessToken(family, clientId, access);
        return new Grant(refresh, access);
    }
}
