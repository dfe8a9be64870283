package io.latchkey.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.latchkey.store.Database;
import io.latchkey.testing.TestDatabase;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;

/**
 * The migration that gives applications' tokens their own subject rewrites the service access tokens stored
 * before it (subject = bare client_id) and leaves people's tokens alone.
 */
class ApplicationSubjectMigrationTest {
    private static final String MIGRATION = "application subjects and token not before";

    @Test
    void storedServiceTokensTakeTheApplicationSubjectAndPeoplesKeepTheirs() {
        String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        Flyway all = Flyway.configure().dataSource(url, "", "").locations("classpath:db/migration").load();
        List<MigrationInfo> migrations = Arrays.asList(all.info().all());
        int mine = migrations.stream().map(MigrationInfo::getDescription).toList().indexOf(MIGRATION);
        Flyway before = Flyway.configure().dataSource(url, "", "").locations("classpath:db/migration")
                .target(migrations.get(mine - 1).getVersion()).load();
        before.migrate();
        try (var connection = before.getConfiguration().getDataSource().getConnection();
             var statement = connection.createStatement()) {
            statement.executeUpdate("insert into account (subject, username, email_verified, admin, enabled, "
                    + "created_at, updated_at) values ('QdlDRWgXVCZ3mM8roMK6mQ', 'alice', false, false, true, "
                    + "current_timestamp, current_timestamp)");
            statement.executeUpdate("insert into reference_token (token_hash, kind, name, client_id, account_id, "
                    + "subject, created_by, scope, created_at, expires_at) values "
                    + "('h-sat', 'sat', 'nightly', 'batch', null, 'batch', 1, 'orders:read', current_timestamp, "
                    + "current_timestamp), "
                    + "('h-pat', 'pat', 'laptop', 'web', 1, 'QdlDRWgXVCZ3mM8roMK6mQ', 1, 'orders:read', "
                    + "current_timestamp, current_timestamp)");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }

        Database database = Database.open(url, "", new char[0]);
        try {
            assertEquals(List.of("client:batch"), TestDatabase.column(database,
                    "select subject from reference_token where token_hash = 'h-sat'"));
            assertEquals(List.of("QdlDRWgXVCZ3mM8roMK6mQ"), TestDatabase.column(database,
                    "select subject from reference_token where token_hash = 'h-pat'"));
        } finally {
            database.close();
        }
    }
}
