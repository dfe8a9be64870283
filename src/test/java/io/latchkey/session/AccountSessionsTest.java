package io.latchkey.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.account.Account;
import io.latchkey.audit.Actor;
import io.latchkey.audit.AuditEvent;
import io.latchkey.store.BrowserSessionRepository;
import io.latchkey.store.Database;
import io.latchkey.testing.SignInWorld;
import io.latchkey.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A person's browser sessions as the console lists and ends them. */
class AccountSessionsTest {
    private static final Actor OPERATOR = Actor.account("operator", "req-1", "127.0.0.1");
    private static Database database;
    private SignInWorld world;
    private AccountSessions sessions;

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
        sessions = new AccountSessions(world.transactions, new BrowserSessionRepository(), world.audit, world.clock);
    }

    @Test
    void listsOnlyThePersonsLiveSessionsNewestFirst() {
        Account person = world.person();
        BrowserSessions.Started older = world.sessions.start(person.id(), BrowserSession.PASSWORD);
        world.clock.advance(Duration.ofMinutes(1));
        BrowserSessions.Started newer = world.sessions.start(person.id(), BrowserSession.PASSWORD);
        world.sessions.start(world.person().id(), BrowserSession.PASSWORD);

        List<AccountSessions.SessionRecord> live = sessions.live(person.id());
        assertEquals(List.of(newer.session().sid(), older.session().sid()),
                live.stream().map(AccountSessions.SessionRecord::sid).toList());
        assertEquals(newer.session().authTime(), live.get(0).authTime());

        world.clock.advance(SignInWorld.SESSION_IDLE);
        assertEquals(List.of(), sessions.live(person.id()), "idle sessions are over");
    }

    @Test
    void endsOneSessionByItsSidOnlyForItsOwnerAndAudits() {
        Account person = world.person();
        Account someoneElse = world.person();
        BrowserSessions.Started one = world.sessions.start(person.id(), BrowserSession.PASSWORD);
        BrowserSessions.Started two = world.sessions.start(person.id(), BrowserSession.PASSWORD);

        assertFalse(sessions.end(OPERATOR, someoneElse.id(), someoneElse.username(), one.session().sid()),
                "not someone else's session");
        assertTrue(world.sessions.find(one.cookieValue()).isPresent());

        assertTrue(sessions.end(OPERATOR, person.id(), person.username(), one.session().sid()));
        assertTrue(world.sessions.find(one.cookieValue()).isEmpty(), "that browser is signed out");
        assertTrue(world.sessions.find(two.cookieValue()).isPresent(), "the other is not");
        assertFalse(sessions.end(OPERATOR, person.id(), person.username(), one.session().sid()), "already ended");

        List<AuditEvent> events = world.audit.withAction("session.ended");
        assertEquals(3, events.size());
        assertEquals("account:" + person.username(), events.get(1).target());
        assertEquals(AuditEvent.Outcome.SUCCESS, events.get(1).outcome());
        assertEquals(AuditEvent.Outcome.FAILURE, events.get(2).outcome());
    }

    @Test
    void endsEverySessionOfThePersonAndNoOneElses() {
        Account person = world.person();
        BrowserSessions.Started one = world.sessions.start(person.id(), BrowserSession.PASSWORD);
        BrowserSessions.Started two = world.sessions.start(person.id(), BrowserSession.PASSWORD);
        BrowserSessions.Started other = world.sessions.start(world.person().id(), BrowserSession.PASSWORD);

        assertEquals(2, sessions.endAll(OPERATOR, person.id(), person.username()));
        assertTrue(world.sessions.find(one.cookieValue()).isEmpty());
        assertTrue(world.sessions.find(two.cookieValue()).isEmpty());
        assertTrue(world.sessions.find(other.cookieValue()).isPresent());
        assertEquals(0, sessions.endAll(OPERATOR, person.id(), person.username()));
    }
}
