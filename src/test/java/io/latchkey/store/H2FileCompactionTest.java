package io.latchkey.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.h2.mvstore.FileStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The background compaction of an embedded H2 file that writes every commit at once: without it, a table that only
 * grows leaves old chunks alive with a few of their pages in use, and their number keeps growing.
 */
class H2FileCompactionTest {
    /** Dead chunks are dropped at the next commit instead of after 45 s, so that the test sees them go. */
    private static final String AT_ONCE = ";RETENTION_TIME=0";

    @TempDir
    Path dir;

    @Test
    void rewritesTheChunksThatAGrowingTableLeavesAliveWithFewPagesInUse() throws SQLException {
        DataSource db = h2(DatabaseUrl.embedded(dir) + AT_ONCE);
        try (Connection keepOpen = db.getConnection()) {
            writeOneRowPerCommit(db, 3000);
            FileStore<?> file = H2FileCompaction.storeOf(db).orElseThrow().getFileStore();
            int before = file.getChunksFillRate();
            assertTrue(before < H2FileCompaction.TARGET_CHUNK_FILL_RATE,
                    "3000 commits of one row each leave chunks mostly empty: " + before + " %");

            int written = 3000;
            H2FileCompaction compaction = H2FileCompaction.startIfNeeded(db).orElseThrow();
            try {
                // Rounds by hand, with commits in between as under load (the thread's own rounds may run too).
                for (int round = 0; round < 100 && compaction.runOnce(); round++) {
                    writeOneRowPerCommit(db, 1);
                    written++;
                }
                int after = file.getChunksFillRate();
                assertTrue(after >= H2FileCompaction.TARGET_CHUNK_FILL_RATE,
                        "chunks " + before + " % full before, " + after + " % after");
                assertEquals(written, rows(db), "no row lost by the rewrite");
            } finally {
                compaction.close();
            }
        }
    }

    @Test
    void startsOnlyForAnH2FileWithoutABackgroundWriterOfItsOwn() throws SQLException {
        DataSource durable = h2(DatabaseUrl.embedded(dir.resolve("durable")));
        DataSource delayed = h2("jdbc:h2:file:" + dir.resolve("delayed/latchkey") + ";WRITE_DELAY=500");
        DataSource memory = h2("jdbc:h2:mem:compaction-test");
        try (Connection a = durable.getConnection(); Connection b = delayed.getConnection();
             Connection c = memory.getConnection()) {
            H2FileCompaction started = H2FileCompaction.startIfNeeded(durable).orElseThrow();
            started.close();
            assertFalse(H2FileCompaction.startIfNeeded(delayed).isPresent(), "H2's own thread compacts this one");
            assertFalse(H2FileCompaction.startIfNeeded(memory).isPresent(), "nothing to compact in memory");
        }
    }

    @Test
    void theDatabaseStopsItsCompactionWhenItCloses() {
        Database database = Database.open(DatabaseUrl.embedded(dir.resolve("closing")), "", new char[0]);
        assertTrue(compactionThreadRuns(), "the embedded default is compacted");
        database.close();
        assertFalse(compactionThreadRuns(), "no thread left behind after close");
    }

    private static boolean compactionThreadRuns() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getName().equals("latchkey-h2-compaction"));
    }

    private static void writeOneRowPerCommit(DataSource db, int commits) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS grows (id BIGINT AUTO_INCREMENT PRIMARY KEY, "
                        + "target VARCHAR(64) NOT NULL, detail VARCHAR(200) NOT NULL)");
                s.execute("CREATE INDEX IF NOT EXISTS grows_target ON grows (target, id)");
                c.commit();
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO grows (target, detail) VALUES (?, ?)")) {
                for (int i = 0; i < commits; i++) {
                    insert.setString(1, "account:" + (i % 97));
                    insert.setString(2, "x".repeat(150));
                    insert.executeUpdate();
                    c.commit();
                }
            }
        }
    }

    private static long rows(DataSource db) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             var result = s.executeQuery("SELECT COUNT(*) FROM grows")) {
            result.next();
            return result.getLong(1);
        }
    }

    private static DataSource h2(String url) {
        JdbcDataSource source = new JdbcDataSource();
        source.setURL(url);
        return source;
    }
}
