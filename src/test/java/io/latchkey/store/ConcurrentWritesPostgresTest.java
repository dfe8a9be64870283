package io.latchkey.store;

import io.latchkey.testing.PostgresCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link ConcurrentWritesContract} on PostgreSQL (a throwaway cluster; fails when PostgreSQL is not installed). */
class ConcurrentWritesPostgresTest extends ConcurrentWritesContract {
    private static Database database;

    @BeforeAll
    static void openDatabase() {
        database = PostgresCluster.shared().openNewDatabase("concurrent_writes");
    }

    @AfterAll
    static void closeDatabase() {
        if (database != null) {
            database.close();
        }
    }

    @Override
    Database database() {
        return database;
    }
}
