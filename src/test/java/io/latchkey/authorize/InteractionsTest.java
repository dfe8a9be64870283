package io.latchkey.authorize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.security.Secret;
import io.latchkey.store.Database;
import io.latchkey.testing.SignInWorld;
import io.latchkey.testing.TestClients;
import io.latchkey.testing.TestDatabase;
import io.latchkey.testing.TestRequests;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pending requests: stored hashed, bound to one browser, 30 minutes, finished once. */
class InteractionsTest {
    private static Database database;
    private static final Secret BROWSER = Secret.of("browser-cookie-one-0123456789abcdefghijkl");
    private static final Secret OTHER_BROWSER = Secret.of("browser-cookie-two-0123456789abcdefghijkl");
    private SignInWorld world;
    private final RequestParameters parameters = TestRequests.authorization("web", TestClients.WEB_REDIRECT);

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
        world = new SignInWorld(database);
    }

    @Test
    void theBrowserThatStartedARequestFindsItWithItsParameters() {
        String id = world.interactions.create(BROWSER, "web", parameters, false);
        Interactions.Pending pending = world.interactions.find(id, BROWSER).orElseThrow();
        assertEquals("web", pending.clientId());
        assertEquals(parameters.singleValues(), pending.parameters().singleValues());
        assertFalse(pending.loginDone());
    }

    @Test
    void theLoginDoneMarkRoundTripsAndIsNotAParameter() {
        String id = world.interactions.create(BROWSER, "web", parameters, true);
        Interactions.Pending pending = world.interactions.find(id, BROWSER).orElseThrow();
        assertTrue(pending.loginDone());
        assertFalse(pending.parameters().has(Interactions.LOGIN_DONE));
    }

    @Test
    void anotherBrowserCannotOpenIt() {
        String id = world.interactions.create(BROWSER, "web", parameters, false);
        assertEquals(Optional.empty(), world.interactions.find(id, OTHER_BROWSER));
    }

    @Test
    void itExpiresAfterThirtyMinutes() {
        String id = world.interactions.create(BROWSER, "web", parameters, false);
        world.clock.advance(Interactions.LIFETIME.minusSeconds(1));
        assertTrue(world.interactions.find(id, BROWSER).isPresent());
        world.clock.advance(Duration.ofSeconds(1));
        assertEquals(Optional.empty(), world.interactions.find(id, BROWSER));
    }

    @Test
    void finishSucceedsForExactlyOneCaller() {
        String id = world.interactions.create(BROWSER, "web", parameters, false);
        assertTrue(world.interactions.finish(id));
        assertFalse(world.interactions.finish(id));
        assertEquals(Optional.empty(), world.interactions.find(id, BROWSER));
    }

    @Test
    void onlyTheHashOfTheIdIsStored() {
        String id = world.interactions.create(BROWSER, "web", parameters, false);
        assertEquals(1, TestDatabase.count(database,
                "select count(*) from authorization_interaction where id_hash = ?1", Secret.of(id).hashed()));
        assertEquals(0, TestDatabase.count(database,
                "select count(*) from authorization_interaction where id_hash = ?1 or browser_hash = ?1", id));
        assertEquals(43, id.length(), "256 random bits in base64url");
    }
}
