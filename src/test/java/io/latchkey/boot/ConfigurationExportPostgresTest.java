package io.latchkey.boot;

import io.latchkey.store.Database;
import io.latchkey.testing.PostgresCluster;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** {@link ConfigurationExportContract} on PostgreSQL (throwaway databases; fails when PostgreSQL is not installed). */
class ConfigurationExportPostgresTest extends ConfigurationExportContract {
    private final List<Database> opened = new ArrayList<>();

    @AfterEach
    void closeDatabases() {
        opened.forEach(Database::close);
    }

    @Override
    Database emptyDatabase() {
        Database database = PostgresCluster.shared().openNewDatabase("configuration_export_" + opened.size());
        opened.add(database);
        return database;
    }
}
