package io.latchkey.client;

import java.time.Instant;
import java.util.Optional;

/** One client secret as stored: its SHA-256 hash and, once rotated out, when it stops working. */
public record StoredSecret(String hash, Instant createdAt, Optional<Instant> expiresAt) {
    public boolean liveAt(Instant now) {
        return expiresAt.map(now::isBefore).orElse(true);
    }

    @Override
    public String toString() {
        return "StoredSecret[createdAt=" + createdAt + ", expiresAt=" + expiresAt + "]";
    }
}
