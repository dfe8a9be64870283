package io.latchkey.token;

import java.time.Instant;
import java.util.Optional;

/**
 * A refresh token family as stored: the hash of its locator ({@code familyKey}) and of its live token, the grant it
 * carries, when it began and was last refreshed ({@code refreshes} times), when its live token stops being usable
 * unused, until when the JWT access tokens issued by its refreshes can be valid, and whether it was revoked.
 */
public record StoredRefreshFamily(String familyKey, String tokenHash, RefreshTokens.RefreshGrant grant,
                                  Instant createdAt, Instant refreshedAt, int refreshes, Instant idleExpiresAt,
                                  Optional<Instant> accessTokensExpireAt, Optional<Instant> revokedAt) {
}
