package io.latchkey.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;

/**
 * A new in-memory H2 database at the schema just before one migration (named by its description), for tests of what
 * that migration does to the rows an older server left: write them through {@link #connection()}, then open the
 * database with {@code Database.open(url(), "", new char[0])}, which applies the rest.
 */
public final class SchemaBefore {
    private final String url;
    private final Flyway before;

    private SchemaBefore(String url, Flyway before) {
        this.url = url;
        this.before = before;
    }

    public static SchemaBefore migration(String description) {
        String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        Flyway all = Flyway.configure().dataSource(url, "", "").locations("classpath:db/migration").load();
        List<MigrationInfo> migrations = Arrays.asList(all.info().all());
        int index = migrations.stream().map(MigrationInfo::getDescription).toList().indexOf(description);
        if (index < 1) {
            throw new IllegalArgumentException("no migration after the first is described as " + description);
        }
        Flyway before = Flyway.configure().dataSource(url, "", "").locations("classpath:db/migration")
                .target(migrations.get(index - 1).getVersion()).load();
        before.migrate();
        return new SchemaBefore(url, before);
    }

    /** The database's URL. */
    public String url() {
        return url;
    }

    /** A connection to the database at that schema (close it). */
    public Connection connection() throws SQLException {
        return before.getConfiguration().getDataSource().getConnection();
    }
}
