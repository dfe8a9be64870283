package io.latchkey.store;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import java.util.function.Consumer;
import java.util.function.Function;

/** The one way to touch the database: a unit of work in a resource-local transaction. */
public final class Transactions {
    private final EntityManagerFactory factory;

    public Transactions(EntityManagerFactory factory) {
        this.factory = factory;
    }

    public <T> T inTransaction(Function<EntityManager, T> work) {
        return inTransaction(work, null);
    }

    /**
     * {@link #inTransaction(Function)}, except that an exception of type {@code kept} from the work commits what
     * the work wrote before it is thrown on: a refusal whose side effects must stay (a code burnt by a failed
     * check, a refresh token family revoked on reuse). Any other exception rolls back.
     */
    public <T> T inTransactionKeepingOn(Class<? extends RuntimeException> kept, Function<EntityManager, T> work) {
        return inTransaction(work, kept);
    }

    private <T> T inTransaction(Function<EntityManager, T> work, Class<? extends RuntimeException> kept) {
        try (EntityManager em = factory.createEntityManager()) {
            EntityTransaction tx = em.getTransaction();
            tx.begin();
            try {
                T result = work.apply(em);
                tx.commit();
                return result;
            } catch (RuntimeException | Error e) {
                if (kept != null && kept.isInstance(e) && tx.isActive()) {
                    try {
                        tx.commit();
                    } catch (RuntimeException commitFailed) {
                        commitFailed.addSuppressed(e);
                        throw commitFailed;
                    }
                    throw e;
                }
                if (tx.isActive()) {
                    tx.rollback();
                }
                throw e;
            }
        }
    }

    public void run(Consumer<EntityManager> work) {
        inTransaction(em -> {
            work.accept(em);
            return null;
        });
    }
}
