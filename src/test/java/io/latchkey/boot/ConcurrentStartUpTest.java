package io.latchkey.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.config.SettingKey;
import io.latchkey.config.SettingSource;
import io.latchkey.config.Settings;
import io.latchkey.store.Database;
import io.latchkey.testing.AtOnce;
import io.latchkey.testing.PostgresCluster;
import io.latchkey.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Two nodes started at the same instant on one empty database — the start-up LatchkeyListener runs: Database.open
 * (Flyway), the standard scopes, the import file, the first admin, the first signing key — both start, and
 * leave one copy of everything (one current signing key that both use, one generated secret, one admin).
 */
class ConcurrentStartUpTest {
    private static final String MASTER_KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String IMPORT = """
            {
              "scopes": [ { "name": "orders:read", "description": "Read your orders" } ],
              "applications": [
                { "client_id": "orders-web", "name": "Orders", "type": "web",
                  "redirect_uris": ["https://orders.example.com/callback"],
                  "scopes": ["openid", "offline_access", "orders:read"] },
                { "client_id": "orders-batch", "type": "m2m", "scopes": ["orders:read"] }
              ],
              "users": [ { "username": "alice", "password": "alice-password-0123456789", "name": "Alice" } ]
            }
            """;

    @Test
    void twoNodesStartingAtOnceOnAnEmptyPostgresqlBothStartWithOneCopyOfEverything() throws IOException {
        PostgresCluster cluster = PostgresCluster.shared();
        String url = cluster.createDatabase("start_up");
        twoNodesAtOnce(() -> Database.open(url, PostgresCluster.user(), new char[0]));
    }

    @Test
    void twoNodesStartingAtOnceOnAnEmptyH2BothStartWithOneCopyOfEverything() throws IOException {
        String url = "jdbc:h2:mem:start-up-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        twoNodesAtOnce(() -> Database.open(url, "", new char[0]));
    }

    private interface Opening {
        Database open();
    }

    private static void twoNodesAtOnce(Opening opening) throws IOException {
        Path base = Files.createDirectories(Path.of("target", "start-up")).toAbsolutePath();
        Path run = Files.createTempDirectory(base, "run-");
        Path importFile = Files.writeString(run.resolve("import.json"), IMPORT);
        List<Database> opened = new ArrayList<>();
        try {
            var nodes = AtOnce.run(2, i -> () -> {
                Database database = opening.open();
                synchronized (opened) {
                    opened.add(database);
                }
                return Latchkey.assemble(settings(run.resolve("node-" + i), importFile), "https://login.example.com",
                        database, Map.of(), Clock.systemUTC());
            });

            nodes.forEach(node -> assertTrue(node.succeeded(), "a node failed to start: " + node));
            Latchkey first = nodes.get(0).value().orElseThrow();
            Latchkey second = nodes.get(1).value().orElseThrow();
            Database database = first.database();
            // One current key that signs and one next key already published (DESIGN §4).
            assertEquals(1, TestDatabase.count(database, "select count(*) from signing_key where status = 'current'"));
            assertEquals(1, TestDatabase.count(database, "select count(*) from signing_key where status = 'next'"));
            assertEquals(2, TestDatabase.count(database, "select count(*) from signing_key"));
            assertEquals(first.keys().current().kid(), second.keys().current().kid());
            assertEquals(1, TestDatabase.count(database, "select count(*) from account where admin = true"));
            assertEquals(1, TestDatabase.count(database, "select count(*) from account where username = 'alice'"));
            assertEquals(1, TestDatabase.count(database, "select count(*) from scope where name = 'orders:read'"));
            assertEquals(1, TestDatabase.count(database, "select count(*) from scope where name = 'openid'"));
            // The two imported ones and the built-in application for the admin API's personal access tokens.
            assertEquals(3, TestDatabase.count(database, "select count(*) from application"));
            assertEquals(1, TestDatabase.count(database,
                    "select count(*) from application where client_id = 'latchkey-admin'"));
            for (String clientId : List.of("orders-web", "orders-batch")) {
                assertEquals(1, TestDatabase.count(database, "select count(*) from application_secret s "
                        + "join application a on a.id = s.application_id where a.client_id = ?1", clientId), clientId);
                assertEquals(1, files(run, clientId + ".secret"), "one generated secret written for " + clientId);
            }
            assertEquals(1, files(run, BootstrapImport.ADMIN_PASSWORD_FILE), "one generated admin password");
        } finally {
            opened.forEach(Database::close);
        }
    }

    private static Settings settings(Path dataDir, Path importFile) {
        Map<SettingKey, String> values = new EnumMap<>(SettingKey.class);
        values.put(SettingKey.DATA_DIR, dataDir.toString());
        values.put(SettingKey.MASTER_KEY, MASTER_KEY);
        values.put(SettingKey.IMPORT, importFile.toString());
        values.put(SettingKey.ISSUER, "https://login.example.com");
        return Settings.load(List.of(new SettingSource("test", values)));
    }

    private static long files(Path run, String name) throws IOException {
        try (Stream<Path> found = Files.walk(run)) {
            return found.filter(path -> path.getFileName().toString().equals(name)).count();
        }
    }
}
