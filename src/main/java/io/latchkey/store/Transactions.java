package io.latchkey.store;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;
import org.hibernate.engine.spi.SessionFactoryImplementor;

/**
 * The one way to touch the database: a unit of work in a resource-local transaction, either run as a function
 * ({@link #inTransaction}: committed when it returns, rolled back when it throws) or held by the caller
 * ({@link #begin}: committed only by an explicit {@link UnitOfWork#commit()}, rolled back on close otherwise).
 */
public final class Transactions {
    private final EntityManagerFactory factory;
    private volatile ConnectionProvider connections;

    public Transactions(EntityManagerFactory factory) {
        this.factory = factory;
    }

    /** One read on a JDBC connection. */
    @FunctionalInterface
    public interface Read<T> {
        T apply(Connection connection) throws SQLException;
    }

    /**
     * One read of committed rows on a connection of the pool, without an EntityManager: for the hottest look-ups (a
     * presented token by its hash, the throttle counters read before every client authentication), where a unit of
     * work's session, flush and commit cost more than the read itself.
     * The transaction the read began is committed before the connection goes back (it wrote nothing), rolled
     * back when the read failed; a failure is a
     * {@link PersistenceException}, as in a unit of work.
     */
    public <T> T read(Read<T> read) {
        ConnectionProvider provider = connections;
        if (provider == null) {
            provider = factory.unwrap(SessionFactoryImplementor.class).getServiceRegistry()
                    .requireService(ConnectionProvider.class);
            connections = provider;
        }
        try {
            Connection connection = provider.getConnection();
            try {
                T result = read.apply(connection);
                if (!connection.getAutoCommit()) {
                    // Not a rollback: H2 forgets every statement the session has parsed on each rollback
                    // (SessionLocal.rollbackTo clears its query cache), so the next read would parse its SQL again.
                    connection.commit();
                }
                return result;
            } catch (SQLException | RuntimeException e) {
                if (!connection.getAutoCommit()) {
                    connection.rollback();
                }
                throw e;
            } finally {
                provider.closeConnection(connection);
            }
        } catch (SQLException e) {
            throw new PersistenceException("a read on the database failed: " + e.getMessage(), e);
        }
    }

    public <T> T inTransaction(Function<EntityManager, T> work) {
        try (UnitOfWork unit = begin()) {
            T result = work.apply(unit.entityManager());
            unit.commit();
            return result;
        }
    }

    /**
     * {@link #inTransaction(Function)} for a command whose refusals are values: a {@link CommandRefusal} thrown by
     * the work rolls the transaction back, and the outcome it carries is answered.
     */
    public <T> T inTransactionUnlessRefused(Class<T> outcomeType, Function<EntityManager, T> work) {
        try {
            return inTransaction(work);
        } catch (CommandRefusal refusal) {
            return refusal.outcome(outcomeType);
        }
    }

    public void run(Consumer<EntityManager> work) {
        inTransaction(em -> {
            work.accept(em);
            return null;
        });
    }

    /** A transaction begun now, which the caller commits; closing it without a commit rolls it back. */
    public UnitOfWork begin() {
        EntityManager em = factory.createEntityManager();
        try {
            em.getTransaction().begin();
            return new UnitOfWork(em);
        } catch (RuntimeException e) {
            em.close();
            throw e;
        }
    }

    /** One open transaction and its EntityManager; for the storage implementations in this package. */
    public static final class UnitOfWork implements AutoCloseable {
        private final EntityManager em;

        private UnitOfWork(EntityManager em) {
            this.em = em;
        }

        public EntityManager entityManager() {
            return em;
        }

        public void commit() {
            em.getTransaction().commit();
        }

        /** Rolls back what was not committed, and releases the connection. */
        @Override
        public void close() {
            try {
                EntityTransaction tx = em.getTransaction();
                if (tx.isActive()) {
                    tx.rollback();
                }
            } finally {
                em.close();
            }
        }
    }
}
