package io.latchkey.store;

import io.latchkey.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link ConcurrentWritesContract} on the embedded default, H2. */
class ConcurrentWritesH2Test extends ConcurrentWritesContract {
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
