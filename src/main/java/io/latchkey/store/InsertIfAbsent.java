package io.latchkey.store;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.hibernate.Session;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.engine.spi.SessionFactoryImplementor;

/**
 * Inserts a row unless a row with the same key exists, safely when other transactions insert the same key at the
 * same instant (two requests, two nodes); the one place that knows how each database does it.
 *
 * <ul>
 * <li>PostgreSQL: {@code INSERT ... ON CONFLICT DO NOTHING}, which waits for a concurrent inserter and then does
 * nothing if it committed. (MERGE is not safe here: it can still raise unique_violation, and a failed statement
 * aborts the whole PostgreSQL transaction.)
 * <li>H2 (MVStore): a plain INSERT. A failed statement only undoes itself there, so a duplicate key (23505)
 * means "already present"; a key another transaction inserted and has not committed yet makes H2 answer
 * "concurrent update" (90131) at once instead of waiting, so the insert is tried again shortly, until that
 * transaction has committed (duplicate) or rolled back (inserted).
 * </ul>
 * The statement runs on the transaction's connection through JDBC, so a refusal never reaches Hibernate (which
 * would log it as an error and mark the transaction for rollback). It runs at once, not at the next flush.
 */
public final class InsertIfAbsent {
    private static final int H2_DUPLICATE_KEY = 23505;
    private static final int H2_CONCURRENT_UPDATE = 90131;
    private static final long H2_WAIT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private InsertIfAbsent() {
    }

    /**
     * Runs {@code insert} (an {@code INSERT INTO t (...) VALUES (?, ...)} without a conflict clause) with
     * {@code values}; true when this call inserted the row, false when a row with its key was already there.
     * {@link Instant} values are bound as {@code TIMESTAMP WITH TIME ZONE} in UTC.
     */
    public static boolean row(EntityManager em, String insert, Object... values) {
        boolean postgres = isPostgres(em);
        return em.unwrap(Session.class).doReturningWork(connection -> postgres
                ? execute(connection, insert + " ON CONFLICT DO NOTHING", values) == 1
                : insertOnH2(connection, insert, values));
    }

    static boolean isPostgres(EntityManager em) {
        return em.getEntityManagerFactory().unwrap(SessionFactoryImplementor.class).getJdbcServices()
                .getDialect() instanceof PostgreSQLDialect;
    }

    private static boolean insertOnH2(Connection connection, String insert, Object[] values) throws SQLException {
        long deadline = System.nanoTime() + H2_WAIT_NANOS;
        for (long pause = TimeUnit.MILLISECONDS.toNanos(1); ; pause = Math.min(pause * 2, TimeUnit.MILLISECONDS.toNanos(20))) {
            try {
                return execute(connection, insert, values) == 1;
            } catch (SQLException e) {
                if (e.getErrorCode() == H2_DUPLICATE_KEY) {
                    return false;
                }
                if (e.getErrorCode() != H2_CONCURRENT_UPDATE || System.nanoTime() > deadline) {
                    throw new PersistenceException("insert failed: " + e.getMessage(), e);
                }
                LockSupport.parkNanos(pause);
            }
        }
    }

    static int execute(Connection connection, String sql, Object[] values) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                Object value = values[i];
                statement.setObject(i + 1, value instanceof Instant instant ? instant.atOffset(ZoneOffset.UTC) : value);
            }
            return statement.executeUpdate();
        }
    }
}
