package io.latchkey.client;

import io.latchkey.store.Database;
import io.latchkey.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link ApplicationCatalogContract} on the embedded H2 database. */
class ApplicationCatalogH2Test extends ApplicationCatalogContract {
    private static Database database;

    @BeforeAll
    static void openDatabase() {
        database = TestDatabase.open();
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    @Override
    Database database() {
        return database;
    }
}
