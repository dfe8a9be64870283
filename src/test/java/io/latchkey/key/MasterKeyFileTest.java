package io.latchkey.key;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterKeyFileTest {
    @TempDir
    Path dataDir;

    @Test
    void createsA32ByteKeyReadableOnlyByItsOwner() throws IOException {
        byte[] key = MasterKeyFile.loadOrCreate(dataDir);
        Path file = dataDir.resolve("master.key");

        assertEquals(32, key.length);
        assertArrayEquals(key, Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim()));
        assumeTrue(file.getFileSystem().supportedFileAttributeViews().contains("posix"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void readsTheSameKeyBackAtTheNextStart() {
        byte[] first = MasterKeyFile.loadOrCreate(dataDir);
        byte[] second = MasterKeyFile.loadOrCreate(dataDir);

        assertArrayEquals(first, second);
    }

    @Test
    void makesADifferentKeyForEachDataDirectory() {
        assertFalse(java.util.Arrays.equals(MasterKeyFile.loadOrCreate(dataDir.resolve("a")),
                MasterKeyFile.loadOrCreate(dataDir.resolve("b"))));
    }

    @Test
    void createsAMissingDataDirectory() {
        Path nested = dataDir.resolve("x/y/data");

        assertEquals(32, MasterKeyFile.loadOrCreate(nested).length);
        assertFalse(Files.notExists(nested.resolve(MasterKeyFile.FILE_NAME)));
    }

    @Test
    void readsAnOperatorsKeyFileWithoutReplacingIt() throws IOException {
        byte[] operators = new byte[32];
        operators[31] = 42;
        Files.writeString(dataDir.resolve("master.key"), Base64.getEncoder().encodeToString(operators) + "\n");

        assertArrayEquals(operators, MasterKeyFile.loadOrCreate(dataDir));
    }

    @Test
    void refusesAKeyFileThatDoesNotHold32Bytes() throws IOException {
        Files.writeString(dataDir.resolve("master.key"), Base64.getEncoder().encodeToString(new byte[16]));

        assertThrows(IllegalStateException.class, () -> MasterKeyFile.loadOrCreate(dataDir));
    }
}
