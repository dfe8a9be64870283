package io.latchkey.store;

import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;

/** Work that follows a transaction only once it has committed (an audit record of a change the caller made in it). */
public final class AfterCommit {
    private AfterCommit() {
    }

    /** Runs {@code work} after the caller's transaction commits; not at all when it rolls back. */
    public static void run(EntityManager em, Runnable work) {
        em.unwrap(org.hibernate.Session.class).getTransaction().registerSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    work.run();
                }
            }
        });
    }
}
