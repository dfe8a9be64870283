package io.latchkey.boot;

import io.latchkey.store.Database;
import io.latchkey.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** {@link ConfigurationExportContract} on embedded H2 databases. */
class ConfigurationExportH2Test extends ConfigurationExportContract {
    private final List<Database> opened = new ArrayList<>();

    @AfterEach
    void closeDatabases() {
        opened.forEach(Database::close);
    }

    @Override
    Database emptyDatabase() {
        Database database = TestDatabase.open();
        opened.add(database);
        return database;
    }
}
