package io.latchkey.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.latchkey.security.Secret;
import io.latchkey.testing.ContainerTestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.Assumptions;

/**
 * Makes a browser session's sign-in an hour old, in the Tomcat suite's database (PostgreSQL, named by
 * {@code it.tomcat.settings}), so that the console's recent-sign-in rule can be seen without waiting; skips the test
 * where the server's database cannot be reached (the WildFly suite).
 */
public final class AgedSignIn {
    private AgedSignIn() {
    }

    /** @param sessionCookie the value of the browser's {@link CookieBrowser#SESSION_COOKIE} */
    public static void age(String sessionCookie) {
        String settings = System.getProperty("it.tomcat.settings", "");
        Properties properties = settings.isEmpty() ? new Properties() : ContainerTestDatabase.read(Path.of(settings));
        String url = properties.getProperty("latchkey.db-url", "");
        Assumptions.assumeTrue("tomcat".equals(System.getProperty("it.server")) && !url.isEmpty(),
                "needs the Tomcat suite's database to age a sign-in");
        String hash = Secret.of(sessionCookie).hashed();
        try (Connection db = DriverManager.getConnection(url, properties.getProperty("latchkey.db-user"),
                properties.getProperty("latchkey.db-password", ""));
             PreparedStatement older = db.prepareStatement(
                     "UPDATE browser_session SET auth_time = auth_time - INTERVAL '1 hour' WHERE id_hash = ?")) {
            older.setString(1, hash);
            assertEquals(1, older.executeUpdate(), "this browser's session");
        } catch (SQLException e) {
            throw new AssertionError("could not age the sign-in in " + url, e);
        }
    }
}
