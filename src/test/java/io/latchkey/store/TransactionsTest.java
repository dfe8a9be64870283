package io.latchkey.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.latchkey.testing.ForwardingProxy;
import io.latchkey.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
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

    @Test
    void aPlainReadEndsItsTransactionWithACommitSoH2KeepsTheStatementsItParsed() throws SQLException {
        List<String> ends = new ArrayList<>();
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:reads-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        try (Database recorded = Database.open(recordingEnds(h2, ends))) {
            ends.clear();
            int one = recorded.transactions().read(connection -> {
                try (ResultSet row = connection.prepareStatement("SELECT 1").executeQuery()) {
                    row.next();
                    return row.getInt(1);
                }
            });
            assertEquals(1, one);
            // H2 clears a session's parsed-statement cache on every rollback (SessionLocal.rollbackTo).
            assertEquals(List.of("commit"), ends);

            ends.clear();
            assertThrows(jakarta.persistence.PersistenceException.class, () -> recorded.transactions().read(
                    connection -> connection.prepareStatement("SELECT no_such_column FROM login_throttle")
                            .executeQuery()));
            assertEquals(List.of("rollback"), ends, "a failed read is rolled back");
        }
    }

    /** Connections without auto-commit (as the pool hands them out) that note each commit and rollback. */
    private static DataSource recordingEnds(JdbcDataSource h2, List<String> ends) {
        return ForwardingProxy.of(DataSource.class, h2, (method, arguments, target) -> {
            Object result = target.proceed();
            if (!(result instanceof Connection connection)) {
                return result;
            }
            connection.setAutoCommit(false);
            return ForwardingProxy.of(Connection.class, connection, (call, args, inner) -> {
                if (call.getName().equals("commit") || call.getName().equals("rollback")) {
                    ends.add(call.getName());
                }
                return inner.proceed();
            });
        });
    }

}
