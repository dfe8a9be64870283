package io.latchkey.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.latchkey.store.Database;
import io.latchkey.testing.SchemaBefore;
import io.latchkey.testing.TestDatabase;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The migration that gives applications' tokens their own subject rewrites the service access tokens stored
 * before it (subject = bare client_id) and leaves people's tokens alone.
 */
class ApplicationSubjectMigrationTest {
    private static final String MIGRATION = "application subjects and token not before";

    @Test
    void storedServiceTokensTakeTheApplicationSubjectAndPeoplesKeepTheirs() {
        SchemaBefore before = SchemaBefore.migration(MIGRATION);
        String url = before.url();
        try (var connection = before.connection();
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
