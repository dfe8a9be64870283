package io.latchkey.token;

import io.latchkey.store.Database;
import io.latchkey.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link ReferenceTokenReadContract} on H2. */
class ReferenceTokenReadTest extends ReferenceTokenReadContract {
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
