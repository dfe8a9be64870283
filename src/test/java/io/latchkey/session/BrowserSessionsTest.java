package io.latchkey.session;

import static io.latchkey.testing.SignInWorld.SESSION_IDLE;
import static io.latchkey.testing.SignInWorld.SESSION_MAX;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.account.Account;
import io.latchkey.security.Secret;
import io.latchkey.store.Database;
import io.latchkey.testing.SignInWorld;
import io.latchkey.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Database-backed browser sessions: idle and absolute limits, cookie stored hashed. */
class BrowserSessionsTest {
    private static Database database;
    private SignInWorld world;
    private BrowserSessions sessions;
    private Account person;

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
        sessions = world.sessions;
        person = world.person();
    }

    @Test
    void aStartedSessionIsFoundByItsCookie() {
        Instant now = world.clock.instant();
        BrowserSessions.Started started = sessions.start(person.id(), BrowserSession.PASSWORD);
        BrowserSession session = sessions.find(started.cookieValue()).orElseThrow();
        assertEquals(started.session(), session);
        assertEquals(person.id(), session.accountId());
        assertEquals(now, session.authTime());
        assertEquals("pwd", session.amr());
        assertEquals(now.plus(SESSION_MAX), session.expiresAt());
        assertEquals(22, session.sid().length(), "128 random bits");
    }

    @Test
    void eachSessionHasItsOwnCookieAndSid() {
        BrowserSessions.Started a = sessions.start(person.id(), BrowserSession.PASSWORD);
        BrowserSessions.Started b = sessions.start(person.id(), BrowserSession.PASSWORD);
        assertNotEquals(a.cookieValue().reveal(), b.cookieValue().reveal());
        assertNotEquals(a.session().sid(), b.session().sid());
    }

    @Test
    void onlyTheHashOfTheCookieIsStoredAndTheSidIsNotTheCookie() {
        BrowserSessions.Started started = sessions.start(person.id(), BrowserSession.PASSWORD);
        Secret cookie = started.cookieValue();
        assertEquals(43, cookie.length(), "256 random bits");
        assertEquals(1, TestDatabase.count(database, "select count(*) from browser_session where id_hash = ?1",
                cookie.hashed()));
        assertEquals(0, TestDatabase.count(database,
                "select count(*) from browser_session where id_hash = ?1 or sid = ?1", cookie.reveal()));
        assertEquals(Optional.empty(), sessions.find(Secret.of(started.session().sid())));
    }

    @Test
    void anUnknownCookieFindsNothing() {
        assertEquals(Optional.empty(), sessions.find(Secret.of("made-up-cookie")));
    }

    @Test
    void aSessionUnusedForTheIdleLimitEnds() {
        Secret cookie = sessions.start(person.id(), BrowserSession.PASSWORD).cookieValue();
        world.clock.advance(SESSION_IDLE.minusSeconds(1));
        assertTrue(sessions.find(cookie).isPresent());
        world.clock.advance(SESSION_IDLE);
        assertEquals(Optional.empty(), sessions.find(cookie));
    }

    @Test
    void aSessionEndsAtExactlyTheIdleLimit() {
        Secret cookie = sessions.start(person.id(), BrowserSession.PASSWORD).cookieValue();
        world.clock.advance(SESSION_IDLE);
        assertEquals(Optional.empty(), sessions.find(cookie));
    }

    @Test
    void useExtendsTheIdleLimit() {
        Secret cookie = sessions.start(person.id(), BrowserSession.PASSWORD).cookieValue();
        for (int i = 0; i < 5; i++) {
            world.clock.advance(SESSION_IDLE.minusMinutes(5));
            assertTrue(sessions.find(cookie).isPresent(), "use " + i);
        }
    }

    @Test
    void useWithinAMinuteDoesNotExtendTheIdleLimit() {
        Secret cookie = sessions.start(person.id(), BrowserSession.PASSWORD).cookieValue();
        world.clock.advanceSeconds(30);
        sessions.find(cookie);
        world.clock.set(world.clock.instant().minusSeconds(30).plus(SESSION_IDLE));
        assertEquals(Optional.empty(), sessions.find(cookie));
    }

    @Test
    void aSessionEndsAtTheAbsoluteLimitHoweverActiveItIs() {
        Instant start = world.clock.instant();
        Secret cookie = sessions.start(person.id(), BrowserSession.PASSWORD).cookieValue();
        Duration step = SESSION_IDLE.dividedBy(2);
        while (world.clock.instant().plus(step).isBefore(start.plus(SESSION_MAX))) {
            world.clock.advance(step);
            assertTrue(sessions.find(cookie).isPresent(), world.clock.instant().toString());
        }
        world.clock.set(start.plus(SESSION_MAX));
        assertEquals(Optional.empty(), sessions.find(cookie));
    }

    @Test
    void theIdleLimitNeverPassesTheAbsoluteLimit() {
        Instant start = world.clock.instant();
        Secret cookie = sessions.start(person.id(), BrowserSession.PASSWORD).cookieValue();
        Duration step = SESSION_IDLE.minusMinutes(1);
        while (world.clock.instant().plus(step).isBefore(start.plus(SESSION_MAX))) {
            world.clock.advance(step);
            sessions.find(cookie);
        }
        assertEquals(1, TestDatabase.count(database,
                "select count(*) from browser_session where id_hash = ?1 and idle_expires_at = expires_at",
                cookie.hashed()));
    }

    @Test
    void anExpiredSessionIsDeletedWhenLookedUp() {
        Secret cookie = sessions.start(person.id(), BrowserSession.PASSWORD).cookieValue();
        world.clock.advance(SESSION_IDLE);
        sessions.find(cookie);
        assertEquals(0, TestDatabase.count(database, "select count(*) from browser_session where id_hash = ?1",
                cookie.hashed()));
    }

    @Test
    void anEndedSessionIsGone() {
        Secret cookie = sessions.start(person.id(), BrowserSession.PASSWORD).cookieValue();
        Secret other = sessions.start(person.id(), BrowserSession.PASSWORD).cookieValue();
        sessions.end(cookie);
        assertEquals(Optional.empty(), sessions.find(cookie));
        assertTrue(sessions.find(other).isPresent());
    }

    @Test
    void theAbsoluteLifetimeIsTheConfiguredOne() {
        assertEquals(SESSION_MAX, sessions.absoluteLifetime());
    }
}
