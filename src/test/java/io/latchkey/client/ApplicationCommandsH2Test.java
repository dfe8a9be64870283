package io.latchkey.client;

import io.latchkey.store.Database;
import io.latchkey.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link ApplicationCommandsContract} on the embedded H2 database. */
class ApplicationCommandsH2Test extends ApplicationCommandsContract {
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
