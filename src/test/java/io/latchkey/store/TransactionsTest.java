package io.latchkey.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.latchkey.testing.TestDatabase;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A unit of work commits or rolls back as a whole; a kept refusal commits what was written before it. */
class TransactionsTest {
    private static Database database;

    @BeforeAll
    static void openDatabase() {
        database = TestDatabase.open();
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    private static final class Refused extends RuntimeException {
    }

    private static Void write(jakarta.persistence.EntityManager em, String key) {
        em.persist(new LoginThrottleEntity(key, 1, null, Instant.parse("2026-01-01T00:00:00Z")));
        em.flush();
        return null;
    }

    private static long rows(String key) {
        return TestDatabase.count(database, "select count(*) from login_throttle where throttle_key = ?1", key);
    }

    @Test
    void anExceptionRollsBackWhatTheWorkWrote() {
        assertThrows(Refused.class, () -> database.transactions().inTransaction(em -> {
            write(em, "rolled-back");
            throw new Refused();
        }));
        assertEquals(0, rows("rolled-back"));
    }

    @Test
    void aKeptExceptionCommitsWhatTheWorkWroteAndIsThrownOn() {
        Refused refused = new Refused();
        Refused thrown = assertThrows(Refused.class, () -> database.transactions()
                .inTransactionKeepingOn(Refused.class, em -> {
                    write(em, "kept");
                    throw refused;
                }));
        assertSame(refused, thrown);
        assertEquals(1, rows("kept"));
    }

    @Test
    void anExceptionOfAnotherTypeStillRollsBackWhenAnotherIsKept() {
        assertThrows(IllegalStateException.class, () -> database.transactions()
                .inTransactionKeepingOn(Refused.class, em -> {
                    write(em, "other");
                    throw new IllegalStateException("not a refusal");
                }));
        assertEquals(0, rows("other"));
    }
}
