package io.latchkey.posture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.client.ApplicationCatalog;
import io.latchkey.store.ApplicationRepository;
import io.latchkey.store.ApplicationUseRepository;
import io.latchkey.store.Database;
import io.latchkey.testing.SchemaBefore;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * An application that existed before schema 25 counts as watched from the upgrade, not from its creation: the
 * posture review does not call a years-old application unused the day noting begins.
 */
class ApplicationUseMigrationTest {
    private static final String MIGRATION = "application use";

    @Test
    void anApplicationOlderThanTheNotingIsWatchedFromTheUpgrade() {
        SchemaBefore before = SchemaBefore.migration(MIGRATION);
        String url = before.url();
        try (var connection = before.connection();
             var statement = connection.createStatement()) {
            statement.executeUpdate("insert into application (client_id, name, type, enabled, access_token_policy, "
                    + "created_at, updated_at) values ('old-batch', 'Old batch', 'm2m', true, 'None', "
                    + "timestamp with time zone '2020-01-01 00:00:00+00', "
                    + "timestamp with time zone '2020-01-01 00:00:00+00')");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        Instant upgrade = Instant.now();

        Database database = Database.open(url, "", new char[0]);
        try {
            Clock now = Clock.fixed(upgrade.plus(Duration.ofDays(1)), java.time.ZoneOffset.UTC);
            PostureState state = new StoredPostureState(database.transactions(),
                    new ApplicationCatalog(database.transactions(), new ApplicationRepository()),
                    new ApplicationUseRepository(), false, false, Duration.ofDays(90), Duration.ofDays(90), now).get();
            PostureState.ApplicationUse old = state.applications().stream()
                    .filter(use -> use.clientId().equals("old-batch")).findFirst().orElseThrow();
            assertTrue(!old.observedSince().isBefore(upgrade.minus(Duration.ofMinutes(5))),
                    "watched since the upgrade, not 2020: " + old.observedSince());
            assertEquals(Optional.empty(), old.lastTokenIssuedAt());
            assertEquals(List.of(), new UnusedApplication().check(state), "not unused the day after the upgrade");
        } finally {
            database.close();
        }
    }
}
