package io.latchkey.grant;

import io.latchkey.store.Database;
import io.latchkey.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link SignInAndReplayAuditContract} on the embedded H2 database. */
class SignInAndReplayAuditH2Test extends SignInAndReplayAuditContract {
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
