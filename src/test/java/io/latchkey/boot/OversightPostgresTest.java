package io.latchkey.boot;

import io.latchkey.store.Database;
import io.latchkey.testing.PostgresCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link OversightContract} on PostgreSQL (a throwaway cluster; fails when PostgreSQL is not installed). */
class OversightPostgresTest extends OversightContract {
    private static Database database;

    @BeforeAll
    static void openDatabase() {
        database = PostgresCluster.shared().openNewDatabase("oversight");
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
