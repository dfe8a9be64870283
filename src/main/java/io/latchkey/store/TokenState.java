package io.latchkey.store;

import java.time.Instant;

/**
 * Where a stored token stands for an administrator's listing: still usable, taken back, or past its end. A
 * revoked token counts as revoked even after it would have expired (that it was revoked is what matters).
 */
public enum TokenState {
    ACTIVE, REVOKED, EXPIRED;

    public static TokenState of(Instant revokedAt, Instant expiresAt, Instant now) {
        if (revokedAt != null) {
            return REVOKED;
        }
        return now.isBefore(expiresAt) ? ACTIVE : EXPIRED;
    }
}
