package io.latchkey.posture;

import io.latchkey.store.Database;
import io.latchkey.testing.PostgresCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link StoredPostureStateContract} on PostgreSQL (a throwaway cluster; fails when PostgreSQL is not installed). */
class StoredPostureStatePostgresTest extends StoredPostureStateContract {
    private static Database database;

    @BeforeAll
    static void openDatabase() {
        database = PostgresCluster.shared().openNewDatabase("posture");
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
