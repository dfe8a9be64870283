package io.latchkey.store;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

/**
 * Rows of {@code cluster_lock} that a transaction locks ({@code SELECT ... FOR UPDATE}) to do one thing at a time
 * across every node sharing the database; the lock is held until the transaction ends.
 */
public final class ClusterLock {
    /** Held by the start-up writes: the standard scopes, the import file, the first admin, the first signing key. */
    public static final String START_UP = "start-up";
    /** Held by a change that would leave one administrator fewer, while it checks that another one remains. */
    public static final String ADMINISTRATORS = "administrators";
    /** Held by every change of the signing keys (rotation, revocation), so each happens on exactly one node. */
    public static final String SIGNING_KEYS = "signing-keys";
    private static final int H2_LOCK_TIMEOUT = 50200;
    private static final long WAIT_NANOS = TimeUnit.MINUTES.toNanos(2);

    private ClusterLock() {
    }

    /**
     * Locks the row {@code name} for the caller's transaction, waiting while another transaction holds it (on H2,
     * whose lock timeout is 2 s, by trying again; PostgreSQL waits by itself).
     */
    public static void hold(EntityManager em, String name) {
        long deadline = System.nanoTime() + WAIT_NANOS;
        em.unwrap(org.hibernate.Session.class).doWork(connection -> {
            while (true) {
                try (PreparedStatement select = connection.prepareStatement(
                        "SELECT name FROM cluster_lock WHERE name = ? FOR UPDATE")) {
                    select.setString(1, name);
                    try (ResultSet row = select.executeQuery()) {
                        if (!row.next()) {
                            throw new IllegalStateException("cluster_lock has no row '" + name + "'");
                        }
                        return;
                    }
                } catch (SQLException e) {
                    if (e.getErrorCode() != H2_LOCK_TIMEOUT || System.nanoTime() > deadline) {
                        throw new PersistenceException("cannot lock " + name + ": " + e.getMessage(), e);
                    }
                }
            }
        });
    }
}
