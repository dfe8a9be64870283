package io.latchkey.token;

import io.latchkey.store.Database;
import io.latchkey.testing.PostgresCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link ReferenceTokenReadContract} on PostgreSQL (a throwaway cluster; fails when PostgreSQL is not installed). */
class ReferenceTokenReadPostgresTest extends ReferenceTokenReadContract {
    private static Database database;

    @BeforeAll
    static void openDatabase() {
        database = PostgresCluster.shared().openNewDatabase("reference_token_read");
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
