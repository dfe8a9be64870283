package io.latchkey.client;

import io.latchkey.store.Database;
import io.latchkey.testing.PostgresCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link ApplicationCatalogContract} on PostgreSQL (a throwaway cluster; fails when PostgreSQL is not installed). */
class ApplicationCatalogPostgresTest extends ApplicationCatalogContract {
    private static Database database;

    @BeforeAll
    static void openDatabase() {
        database = PostgresCluster.shared().openNewDatabase("application_catalog");
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
