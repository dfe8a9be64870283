package io.latchkey.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Which databases only this process can write (what a node may then remember of them exactly). */
class DatabaseTest {

    @Test
    void theEmbeddedDefaultAndAnInMemoryDatabaseHaveOneWriter() {
        assertTrue(Database.soleWriter(DatabaseUrl.embedded(Path.of("/var/lib/latchkey"))));
        assertTrue(Database.soleWriter("jdbc:h2:./data/latchkey;WRITE_DELAY=0"));
        assertTrue(Database.soleWriter("jdbc:h2:mem:test;DB_CLOSE_DELAY=-1"));
    }

    @Test
    void aDatabaseOtherProcessesCanOpenHasMoreThanOne() {
        assertFalse(Database.soleWriter("jdbc:postgresql://db.example/latchkey"));
        assertFalse(Database.soleWriter("jdbc:h2:tcp://db.example/latchkey"));
        assertFalse(Database.soleWriter("jdbc:h2:file:/var/lib/latchkey/latchkey;AUTO_SERVER=TRUE"));
        assertFalse(Database.soleWriter("jdbc:h2:file:/var/lib/latchkey/latchkey;auto_server=true"));
        assertFalse(Database.soleWriter("jdbc:h2:file:/var/lib/latchkey/latchkey;FILE_LOCK=NO"));
    }
}
