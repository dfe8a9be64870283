package io.latchkey.audit;

import io.latchkey.store.Database;
import io.latchkey.testing.PostgresCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link AuditTrailContract} on PostgreSQL (a throwaway cluster; fails when PostgreSQL is not installed). */
class AuditTrailPostgresTest extends AuditTrailContract {
    private static Database database;

    @BeforeAll
    static void openDatabase() {
        database = PostgresCluster.shared().openNewDatabase("audit_trail");
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
