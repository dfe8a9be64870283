package io.latchkey.store;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import java.sql.Connection;
import java.sql.SQLException;
import jakarta.persistence.PersistenceException;
import java.util.function.Consumer;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import java.util.function.Function;

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

    /** JDBC work on one pooled connection: {@link #read}. */
    @FunctionalInterface
    public interface ConnectionWork<T> {
        T apply(Connection connection) throws SQLException;
    }

    /**
     * A read on a pooled connection with no Hibernate session and no transaction of its own (beyond the one
     * statement's): for the one small select that runs before every client authentication, where opening a session
     * and a transaction cost more than the select. It sees only what is committed. Whatever the pool's auto-commit
     * setting, the connection goes back with nothing open.
     */
    public <T> T read(ConnectionWork<T> work) {
        ConnectionProvider provider = connections;
        if (provider == null) {
            provider = factory.unwrap(SessionFactoryImplementor.class).getServiceRegistry()
                    .requireService(ConnectionProvider.class);
            connections = provider;
        }
        try {
            Connection connection = provider.getConnection();
            try {
                T result = work.apply(connection);
                if (!connection.getAutoCommit()) {
                    connection.rollback();
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
            throw new PersistenceException("a read outside a transaction failed", e);
        }
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
