package io.latchkey.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Embedded H2 file URLs get WRITE_DELAY=0 unless they set one; other URLs are left alone. */
class DatabaseUrlTest {

    @Test
    void theDefaultDatabaseIsDurable() {
        assertEquals("jdbc:h2:file:/srv/latchkey/latchkey;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0",
                DatabaseUrl.embedded(Path.of("/srv/latchkey")));
    }

    @Test
    void addsTheSettingToAnEmbeddedFileUrlWithoutOne() {
        assertEquals("jdbc:h2:file:/data/lk;WRITE_DELAY=0", DatabaseUrl.durable("jdbc:h2:file:/data/lk"));
        assertEquals("jdbc:h2:./data/lk;AUTO_SERVER=TRUE;WRITE_DELAY=0",
                DatabaseUrl.durable("jdbc:h2:./data/lk;AUTO_SERVER=TRUE"));
        assertEquals("jdbc:h2:~/lk;WRITE_DELAY=0", DatabaseUrl.durable("jdbc:h2:~/lk"));
    }

    @Test
    void keepsAnOperatorsOwnWriteDelayAndNamesALossyOne() {
        assertEquals("jdbc:h2:file:/data/lk;write_delay=200", DatabaseUrl.durable("jdbc:h2:file:/data/lk;write_delay=200"));
        assertEquals(Optional.of("200"), DatabaseUrl.lossyWriteDelay("jdbc:h2:file:/data/lk;write_delay=200"));
        assertEquals(Optional.empty(), DatabaseUrl.lossyWriteDelay("jdbc:h2:file:/data/lk;WRITE_DELAY=0"));
    }

    @Test
    void leavesOtherDatabasesAlone() {
        for (String url : new String[] {"jdbc:h2:mem:test;DB_CLOSE_DELAY=-1", "jdbc:h2:tcp://db:9092/lk",
                "jdbc:postgresql://db/latchkey"}) {
            assertEquals(url, DatabaseUrl.durable(url));
            assertEquals(Optional.empty(), DatabaseUrl.lossyWriteDelay(url));
        }
    }
}
