package io.latchkey.posture;

import io.latchkey.store.Database;
import io.latchkey.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link StoredPostureStateContract} on the embedded H2 database. */
class StoredPostureStateH2Test extends StoredPostureStateContract {
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
