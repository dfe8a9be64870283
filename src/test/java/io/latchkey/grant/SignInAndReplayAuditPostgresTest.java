package io.latchkey.grant;

import io.latchkey.store.Database;
import io.latchkey.testing.PostgresCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link SignInAndReplayAuditContract} on PostgreSQL (a throwaway cluster; fails when PostgreSQL is not installed). */
class SignInAndReplayAuditPostgresTest extends SignInAndReplayAuditContract {
    private static Database database;

    @BeforeAll
    static void openDatabase() {
        database = PostgresCluster.shared().openNewDatabase("signinaudit");
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
