package io.latchkey.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * H2 URLs get WRITE_DELAY=0 (file databases), a 10 s lock timeout and (databases in this process) a query cache of 64
 * statements unless they set their own; others are left alone.
 */
class DatabaseUrlTest {

    @Test
    void theDefaultDatabaseIsDurable() {
        assertEquals("jdbc:h2:file:/srv/latchkey/latchkey;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;LOCK_TIMEOUT=10000;QUERY_CACHE_SIZE=64;"
                + "CACHE_SIZE=4096",
                DatabaseUrl.embedded(Path.of("/srv/latchkey")));
        assertEquals(DatabaseUrl.embedded(Path.of("/srv/latchkey")),
                DatabaseUrl.complete(DatabaseUrl.embedded(Path.of("/srv/latchkey"))));
    }

    @Test
    void addsTheSettingsToAnEmbeddedFileUrlWithoutThem() {
        assertEquals("jdbc:h2:file:/data/lk;WRITE_DELAY=0;LOCK_TIMEOUT=10000;QUERY_CACHE_SIZE=64;CACHE_SIZE=4096",
                DatabaseUrl.complete("jdbc:h2:file:/data/lk"));
        assertEquals("jdbc:h2:./data/lk;AUTO_SERVER=TRUE;WRITE_DELAY=0;LOCK_TIMEOUT=10000;QUERY_CACHE_SIZE=64;"
                + "CACHE_SIZE=4096",
                DatabaseUrl.complete("jdbc:h2:./data/lk;AUTO_SERVER=TRUE"));
        assertEquals("jdbc:h2:~/lk;WRITE_DELAY=0;LOCK_TIMEOUT=10000;QUERY_CACHE_SIZE=64;CACHE_SIZE=4096", DatabaseUrl.complete("jdbc:h2:~/lk"));
    }

    @Test
    void keepsAnOperatorsOwnValuesAndNamesALossyWriteDelay() {
        assertEquals("jdbc:h2:file:/data/lk;write_delay=200;lock_timeout=500;query_cache_size=16;cache_size=65536",
                DatabaseUrl.complete("jdbc:h2:file:/data/lk;write_delay=200;lock_timeout=500;query_cache_size=16;"
                        + "cache_size=65536"));
        assertEquals(Optional.of("200"), DatabaseUrl.lossyWriteDelay("jdbc:h2:file:/data/lk;write_delay=200"));
        assertEquals(Optional.empty(), DatabaseUrl.lossyWriteDelay("jdbc:h2:file:/data/lk;WRITE_DELAY=0"));
    }

    @Test
    void anInMemoryDatabaseGetsTheLockTimeoutAndTheQueryCacheARemoteOneOnlyTheLockTimeout() {
        assertEquals("jdbc:h2:mem:test;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000;QUERY_CACHE_SIZE=64",
                DatabaseUrl.complete("jdbc:h2:mem:test;DB_CLOSE_DELAY=-1"));
        assertEquals("jdbc:h2:tcp://db:9092/lk;LOCK_TIMEOUT=10000", DatabaseUrl.complete("jdbc:h2:tcp://db:9092/lk"));
        assertEquals(Optional.empty(), DatabaseUrl.lossyWriteDelay("jdbc:h2:tcp://db:9092/lk;WRITE_DELAY=500"));
    }

    @Test
    void anOpenedEmbeddedDatabaseKeepsFourMegabytesOfPages(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        try (Connection connection = DriverManager.getConnection(DatabaseUrl.embedded(dir));
             ResultSet row = connection.createStatement().executeQuery(
                     "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'CACHE_SIZE'")) {
            row.next();
            assertEquals("4096", row.getString(1));
        }
    }

    @Test
    void anOpenedDatabaseCachesSixtyFourParsedStatementsPerConnection() throws Exception {
        String url = DatabaseUrl.complete("jdbc:h2:mem:" + UUID.randomUUID());
        try (Connection connection = DriverManager.getConnection(url);
             ResultSet row = connection.createStatement().executeQuery(
                     "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'QUERY_CACHE_SIZE'")) {
            row.next();
            assertEquals("64", row.getString(1));
        }
    }

    @Test
    void leavesPostgresqlAlone() {
        assertEquals("jdbc:postgresql://db/latchkey", DatabaseUrl.complete("jdbc:postgresql://db/latchkey"));
    }
}
