package io.latchkey.key;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.latchkey.audit.Actor;
import io.latchkey.audit.AuditEvent;
import io.latchkey.store.Database;
import io.latchkey.store.SigningKeyRepository;
import io.latchkey.testing.MutableClock;
import io.latchkey.testing.TestDatabase;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The signing-key events of start-up: the first key generated, the keys loaded, a key that cannot be opened. */
class KeyRingAuditTest {
    private static final byte[] MASTER_KEY = new byte[32];
    private static final byte[] OTHER_KEY = new byte[32];

    static {
        Arrays.fill(OTHER_KEY, (byte) 7);
    }

    @Test
    void recordsTheGeneratedKeyThenEachLoadAndAKeyThatDoesNotOpen() {
        try (Database database = TestDatabase.open()) {
            List<AuditEvent> first = new CopyOnWriteArrayList<>();
            KeyRing ring = KeyRing.load(database.transactions(), new SigningKeyRepository(),
                    new KeyCipher(MASTER_KEY), first::add, new MutableClock());
            String kid = ring.current().kid();

            String nextKid = ring.published().stream().map(SigningKey::kid).filter(k -> !k.equals(kid)).findFirst()
                    .orElseThrow();
            assertEquals(List.of(
                    AuditEvent.success(Actor.SYSTEM, "signing_key.generated", "signing_key:" + kid, List.of(),
                            "the current RS256 key"),
                    AuditEvent.success(Actor.SYSTEM, "signing_key.generated", "signing_key:" + nextKid, List.of(),
                            "the next RS256 key"),
                    AuditEvent.success(Actor.SYSTEM, "signing_key.loaded", "signing_key:" + kid, List.of(),
                            "2 keys published, signing with " + kid)), first);

            List<AuditEvent> second = new CopyOnWriteArrayList<>();
            KeyRing.load(database.transactions(), new SigningKeyRepository(), new KeyCipher(MASTER_KEY), second::add,
                    new MutableClock());
            assertEquals(List.of("signing_key.loaded"), second.stream().map(AuditEvent::action).toList(),
                    "a node that finds the key only loads it");

            List<AuditEvent> wrongKey = new CopyOnWriteArrayList<>();
            assertThrows(KeyCipher.KeyDecryptionException.class, () -> KeyRing.load(database.transactions(),
                    new SigningKeyRepository(), new KeyCipher(OTHER_KEY), wrongKey::add, new MutableClock()));
            assertEquals(1, wrongKey.size());
            assertEquals(AuditEvent.Outcome.FAILURE, wrongKey.get(0).outcome());
            assertEquals("signing_key.loaded", wrongKey.get(0).action());
            assertEquals("signing_key:" + kid, wrongKey.get(0).target());
        }
    }

    @Test
    void resealingUnderANewMasterKeyOpensTheKeysWithItAndNoLongerWithTheOldOne() {
        try (Database database = TestDatabase.open()) {
            List<AuditEvent> events = new CopyOnWriteArrayList<>();
            KeyRing ring = KeyRing.load(database.transactions(), new SigningKeyRepository(),
                    new KeyCipher(MASTER_KEY), events::add, new MutableClock());
            String kid = ring.current().kid();

            assertEquals(2, ring.reseal(Actor.SYSTEM, new KeyCipher(OTHER_KEY)), "the current and the next key");

            KeyRing reopened = KeyRing.load(database.transactions(), new SigningKeyRepository(),
                    new KeyCipher(OTHER_KEY), events::add, new MutableClock());
            assertEquals(kid, reopened.current().kid());
            assertEquals(ring.current().privateKey(), reopened.current().privateKey());
            assertThrows(KeyCipher.KeyDecryptionException.class, () -> KeyRing.load(database.transactions(),
                    new SigningKeyRepository(), new KeyCipher(MASTER_KEY), events::add, new MutableClock()));
            assertEquals(1, events.stream().filter(e -> e.action().equals("signing_key.resealed")).count());
        }
    }
}
