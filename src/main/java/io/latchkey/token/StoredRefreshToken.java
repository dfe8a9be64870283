package io.latchkey.token;

import java.time.Instant;
import java.util.Optional;

/**
 * A refresh token as stored: the hash of its value, the grant it carries, when it stops being usable unused,
 * and whether it was rotated or revoked. {@code accessToken} is the JWT access token issued with it, if it was
 * recorded on its row.
 */
public record StoredRefreshToken(String tokenHash, RefreshTokens.RefreshGrant grant, Instant issuedAt,
                                 Instant idleExpiresAt, Optional<Instant> rotatedAt, Optional<Instant> revokedAt,
                                 Optional<RefreshTokens.AccessTokenRecord> accessToken) {
}
