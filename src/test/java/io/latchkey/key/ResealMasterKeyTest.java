package io.latchkey.key;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jsonwebtoken.Jwts;
import io.latchkey.store.Database;
import io.latchkey.store.SigningKeyRepository;
import io.latchkey.testing.MutableClock;
import io.latchkey.testing.PostgresCluster;
import io.latchkey.testing.TestDatabase;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The master-key rotation command's work: every signing key re-sealed under the new key, all or nothing. */
class ResealMasterKeyTest {
    private static final byte[] OLD_KEY = filled(1);
    private static final byte[] NEW_KEY = filled(2);
    private static final byte[] WRONG_KEY = filled(3);

    @Test
    void onH2() {
        try (Database database = TestDatabase.open()) {
            resealsUnderTheNewKeyAndTheOldOneNoLongerOpensThem(database);
        }
    }

    @Test
    void onPostgres() {
        try (Database database = PostgresCluster.shared().openNewDatabase("reseal")) {
            resealsUnderTheNewKeyAndTheOldOneNoLongerOpensThem(database);
        }
    }

    private static void resealsUnderTheNewKeyAndTheOldOneNoLongerOpensThem(Database database) {
        KeyRing before = ring(database, OLD_KEY);
        String kid = before.current().kid();
        String signedBefore = before.signer().sign(Jwts.builder().subject("before"));

        assertThrows(KeyCipher.KeyDecryptionException.class,
                () -> ResealMasterKey.reseal(database, WRONG_KEY, NEW_KEY, Clock.systemUTC()),
                "a master key that does not open the keys re-seals nothing");
        ring(database, OLD_KEY);
        assertThrows(IllegalStateException.class,
                () -> ResealMasterKey.reseal(database, OLD_KEY, OLD_KEY.clone(), Clock.systemUTC()));

        assertEquals(2, ResealMasterKey.reseal(database, OLD_KEY, NEW_KEY, Clock.systemUTC()),
                "the current and the next key");

        KeyRing after = ring(database, NEW_KEY);
        assertEquals(kid, after.current().kid(), "the same key signs on");
        String signedAfter = after.signer().sign(Jwts.builder().subject("after"));
        for (String token : List.of(signedBefore, signedAfter)) {
            for (KeyRing verifier : List.of(before, after)) {
                Jwts.parser().keyLocator(verifier.verificationKeys()).build().parseSignedClaims(token);
            }
        }
        assertThrows(KeyCipher.KeyDecryptionException.class, () -> ring(database, OLD_KEY),
                "the old master key no longer opens them");
        assertThrows(KeyCipher.KeyDecryptionException.class,
                () -> ResealMasterKey.reseal(database, OLD_KEY, WRONG_KEY, Clock.systemUTC()));
        assertEquals(kid, ring(database, NEW_KEY).current().kid(), "a failed re-seal left them as they were");
    }

    private static KeyRing ring(Database database, byte[] masterKey) {
        return KeyRing.load(database.transactions(), new SigningKeyRepository(), new KeyCipher(masterKey),
                new MutableClock());
    }

    private static byte[] filled(int value) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) value);
        return key;
    }
}
