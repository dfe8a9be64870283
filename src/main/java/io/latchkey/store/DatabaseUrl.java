package io.latchkey.store;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * JDBC URLs of embedded H2 databases, made durable: every commit reaches the database file before the commit
 * returns, so whatever the server has answered survives a crash of its process ({@code kill -9}).
 *
 * <p>H2 keeps committed changes in memory for up to {@code WRITE_DELAY} milliseconds (default 500) before it
 * writes them to the file; with {@code WRITE_DELAY=0} its MVStore auto-commit delay is 0 and every transaction
 * that changed something writes the store at its end (H2 "SET WRITE_DELAY": "This setting can be appended to
 * the database URL: jdbc:h2:./test;WRITE_DELAY=0"; {@code TransactionStore.endTransaction}).
 */
public final class DatabaseUrl {
    static final String DURABLE = "WRITE_DELAY=0";

    private DatabaseUrl() {
    }

    /** The default database: H2 in {@code <data dir>/latchkey.mv.db}, durable. */
    public static String embedded(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.resolve("latchkey") + ";DB_CLOSE_ON_EXIT=FALSE;" + DURABLE;
    }

    /**
     * {@code jdbcUrl} with {@code WRITE_DELAY=0} added when it names an embedded H2 file database without a
     * {@code WRITE_DELAY} of its own; any other URL unchanged.
     */
    public static String durable(String jdbcUrl) {
        if (isEmbeddedH2File(jdbcUrl) && writeDelay(jdbcUrl).isEmpty()) {
            return jdbcUrl + ";" + DURABLE;
        }
        return jdbcUrl;
    }

    /** The write delay an embedded H2 file URL sets other than 0, if it sets one (committed work may be lost). */
    public static Optional<String> lossyWriteDelay(String jdbcUrl) {
        return isEmbeddedH2File(jdbcUrl) ? writeDelay(jdbcUrl).filter(delay -> !delay.equals("0")) : Optional.empty();
    }

    /** {@code jdbc:h2:file:...}, or {@code jdbc:h2:} followed directly by a path; not mem:, tcp:, ssl: or zip:. */
    static boolean isEmbeddedH2File(String jdbcUrl) {
        String url = jdbcUrl.toLowerCase(Locale.ROOT);
        if (!url.startsWith("jdbc:h2:")) {
            return false;
        }
        String rest = url.substring("jdbc:h2:".length());
        if (rest.startsWith("file:") || rest.startsWith("nio:") || rest.startsWith("async:")) {
            return true;
        }
        return rest.startsWith("/") || rest.startsWith("./") || rest.startsWith("../") || rest.startsWith("~")
                || rest.matches("^[a-z]:[\\\\/].*");
    }

    private static Optional<String> writeDelay(String jdbcUrl) {
        String[] parts = jdbcUrl.split(";");
        for (int i = 1; i < parts.length; i++) {
            int equals = parts[i].indexOf('=');
            if (equals > 0 && parts[i].substring(0, equals).trim().equalsIgnoreCase("WRITE_DELAY")) {
                return Optional.of(parts[i].substring(equals + 1).trim());
            }
        }
        return Optional.empty();
    }
}
