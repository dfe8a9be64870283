package io.latchkey.store;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * JDBC URLs of H2 databases, completed with the settings Latchkey relies on (an operator's own value is kept):
 * <ul>
 * <li>{@code WRITE_DELAY=0} on an embedded file database: every commit reaches the database file before the commit
 * returns, so whatever the server has answered survives a crash of its process ({@code kill -9}). H2 otherwise keeps
 * committed changes in memory for up to {@code WRITE_DELAY} ms (default 500) before writing them; with 0 its
 * MVStore auto-commit delay is 0 and every transaction that changed something writes the store at its end (H2
 * "SET WRITE_DELAY": "This setting can be appended to the database URL: jdbc:h2:./test;WRITE_DELAY=0").
 * <li>{@code LOCK_TIMEOUT=10000} on every H2 database: a request queued behind others on one row (many requests
 * presenting one refresh token at once) waits up to 10 s for the row lock, where H2's default of 2 s would answer
 * some of them with a lock timeout, a 500 (PostgreSQL waits without a limit by default). H2 "SET LOCK_TIMEOUT":
 * "This setting can be appended to the database URL".
 * <li>{@code QUERY_CACHE_SIZE=64} on an H2 database in this process (file or mem): H2 keeps each connection's last
 * {@code QUERY_CACHE_SIZE} parsed statements (default 8) and parses any other statement again. One refresh alone runs
 * eight distinct statements on its connection (the throttle read, the token's select, update and insert, the account,
 * COMMIT, ROLLBACK, the change counters), and the pool hands every request any of its connections, so with the default
 * most statements were parsed anew on every request (H2 "QUERY_CACHE_SIZE": "The size of the query cache, in number
 * of cached statements. Each session has it's own cache with the given size").
 * <li>{@code CACHE_SIZE=4096} on an embedded file database: H2 keeps at most 4 MB of its file's pages in memory
 * instead of 16. Every commit writes the pages it changed anew and puts them in that cache; under a steady stream of
 * refresh rotations the cache turned over in a second or two, long enough for its pages to reach the tenured
 * generation and short enough to die there: a full collection every 3 s (about 100 ms each, with one core idle). With
 * 4 MB, under the same load (scripts/bench-sign-in, refreshes): one every 7 s, p99 25 ms instead of 83, the same CPU
 * per refresh, a tenured generation 5 MiB smaller (H2 "CACHE_SIZE": "The size of the cache in KB"; the hot rows of
 * every request path fit many times over).
 * </ul>
 */
public final class DatabaseUrl {
    static final String DURABLE = "WRITE_DELAY=0";
    static final String PATIENT = "LOCK_TIMEOUT=10000";
    static final String PARSED_ONCE = "QUERY_CACHE_SIZE=64";
    static final String SMALL_PAGE_CACHE = "CACHE_SIZE=4096";

    private DatabaseUrl() {
    }

    /** The default database: H2 in {@code <data dir>/latchkey.mv.db}, durable. */
    public static String embedded(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.resolve("latchkey") + ";DB_CLOSE_ON_EXIT=FALSE;" + DURABLE + ";" + PATIENT + ";"
                + PARSED_ONCE + ";" + SMALL_PAGE_CACHE;
    }

    /** {@code jdbcUrl} with the settings above added where it is an H2 URL that does not set them itself. */
    public static String complete(String jdbcUrl) {
        String url = jdbcUrl;
        if (isEmbeddedH2File(url) && setting(url, "WRITE_DELAY").isEmpty()) {
            url = url + ";" + DURABLE;
        }
        if (url.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:") && setting(url, "LOCK_TIMEOUT").isEmpty()) {
            url = url + ";" + PATIENT;
        }
        if (isInProcessH2(url) && setting(url, "QUERY_CACHE_SIZE").isEmpty()) {
            url = url + ";" + PARSED_ONCE;
        }
        if (isEmbeddedH2File(url) && setting(url, "CACHE_SIZE").isEmpty()) {
            url = url + ";" + SMALL_PAGE_CACHE;
        }
        return url;
    }

    /** The write delay an embedded H2 file URL sets other than 0, if it sets one (committed work may be lost). */
    public static Optional<String> lossyWriteDelay(String jdbcUrl) {
        return isEmbeddedH2File(jdbcUrl) ? setting(jdbcUrl, "WRITE_DELAY").filter(delay -> !delay.equals("0"))
                : Optional.empty();
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

    /** An embedded file or in-memory H2 database, opened by this process (its settings are ours to choose). */
    static boolean isInProcessH2(String jdbcUrl) {
        return isEmbeddedH2File(jdbcUrl) || jdbcUrl.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:mem:");
    }

    private static Optional<String> setting(String jdbcUrl, String name) {
        String[] parts = jdbcUrl.split(";");
        for (int i = 1; i < parts.length; i++) {
            int equals = parts[i].indexOf('=');
            if (equals > 0 && parts[i].substring(0, equals).trim().equalsIgnoreCase(name)) {
                return Optional.of(parts[i].substring(equals + 1).trim());
            }
        }
        return Optional.empty();
    }
}
