package io.latchkey.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.account.Account;
import io.latchkey.store.Database;
import io.latchkey.testing.SignInWorld;
import io.latchkey.testing.TestDatabase;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Remembered consents per person and application; a request is covered only by scopes granted before. */
class ConsentServiceTest {
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
        world = new SignInWorld(database);
        consents = world.consents;
        alice = world.person();
        bob = world.person();
    }

    @Test
    void nothingIsCoveredBeforeAnyConsent() {
        assertFalse(consents.covers(alice.id(), "web", Set.of("openid")));
    }

    @Test
    void aConsentCoversItsScopesAndAnySubset() {
        consents.remember(alice.id(), "web", Set.of("openid", "profile"));
        assertTrue(consents.covers(alice.id(), "web", Set.of("openid", "profile")));
        assertTrue(consents.covers(alice.id(), "web", Set.of("profile")));
    }

    @Test
    void aConsentDoesNotCoverMoreScopes() {
        consents.remember(alice.id(), "web", Set.of("openid"));
        assertFalse(consents.covers(alice.id(), "web", Set.of("openid", "email")));
    }

    @Test
    void laterConsentsAddToEarlierOnes() {
        consents.remember(alice.id(), "web", Set.of("openid"));
        world.clock.advanceSeconds(60);
        consents.remember(alice.id(), "web", Set.of("email"));
        assertTrue(consents.covers(alice.id(), "web", Set.of("openid", "email")));
        assertEquals(1, TestDatabase.count(database,
                "select count(*) from consent where account_id = ?1 and client_id = 'web'", alice.id()));
        assertEquals(1, TestDatabase.count(database,
                "select count(*) from consent where account_id = ?1 and scope = 'email openid'", alice.id()));
    }

    @Test
    void aConsentIsPerApplication() {
        consents.remember(alice.id(), "web", Set.of("openid"));
        assertFalse(consents.covers(alice.id(), "other", Set.of("openid")));
    }

    @Test
    void aConsentIsPerPerson() {
        consents.remember(alice.id(), "web", Set.of("openid"));
        assertFalse(consents.covers(bob.id(), "web", Set.of("openid")));
    }

    @Test
    void scopeNamesAreComparedWhole() {
        consents.remember(alice.id(), "web", Set.of("orders:read"));
        assertFalse(consents.covers(alice.id(), "web", Set.of("orders")));
        assertFalse(consents.covers(alice.id(), "web", Set.of("read")));
    }
}
