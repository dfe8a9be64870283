package io.latchkey.client;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.security.Secret;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StoredSecretTest {
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    @Test
    void isLiveForeverWithoutExpiry() {
        assertTrue(new StoredSecret("h", NOW, Optional.empty()).liveAt(NOW.plusSeconds(10L * 365 * 86400)));
    }

    @Test
    void stopsWorkingAtItsExpiryInstant() {
        StoredSecret secret = new StoredSecret("h", NOW, Optional.of(NOW));

        assertTrue(secret.liveAt(NOW.minusMillis(1)));
        assertFalse(secret.liveAt(NOW));
    }

    @Test
    void doesNotShowItsHashInToString() {
        String hash = Secret.of("value").hashed();

        assertFalse(new StoredSecret(hash, NOW, Optional.empty()).toString().contains(hash));
    }
}
