package io.latchkey.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.latchkey.testing.TestDatabase;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A unit of work commits or rolls back as a whole; a begun one commits only when its holder says so. */
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
    void aBegunUnitCommitsOnlyWhenToldTo() {
        try (Transactions.UnitOfWork unit = database.transactions().begin()) {
            write(unit.entityManager(), "committed");
            unit.commit();
        }
        try (Transactions.UnitOfWork unit = database.transactions().begin()) {
            write(unit.entityManager(), "closed-uncommitted");
        }
        assertEquals(1, rows("committed"));
        assertEquals(0, rows("closed-uncommitted"));
    }
}
