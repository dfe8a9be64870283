package io.latchkey.testing;

import io.latchkey.store.Database;
import java.util.List;
import java.util.UUID;

/** A fresh in-memory H2 database with every Flyway migration applied, and a few raw look-ups for assertions. */
public final class TestDatabase {
    private TestDatabase() {
    }

    public static Database open() {
        return Database.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "", new char[0]);
    }

    /** One number from a native query, e.g. {@code select count(*) from revoked_token where jti = ?1}. */
    public static long count(Database database, String sql, Object... parameters) {
        return database.transactions().inTransaction(em -> {
            var query = em.createNativeQuery(sql);
            for (int i = 0; i < parameters.length; i++) {
                query.setParameter(i + 1, parameters[i]);
            }
            return ((Number) query.getSingleResult()).longValue();
        });
    }

    /** The rows of a native query as lists of column values. */
    @SuppressWarnings("unchecked")
    public static List<Object> column(Database database, String sql, Object... parameters) {
        return database.transactions().inTransaction(em -> {
            var query = em.createNativeQuery(sql);
            for (int i = 0; i < parameters.length; i++) {
                query.setParameter(i + 1, parameters[i]);
            }
            return (List<Object>) query.getResultList();
        });
    }
}
