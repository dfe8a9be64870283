package io.latchkey.token;

import io.latchkey.security.Secret;
import java.time.Instant;
import java.util.Set;

/** An access token just issued: its value (redacted in logs), its id, scopes and expiry. */
public record IssuedAccessToken(Secret value, String jti, Set<String> scopes, Instant issuedAt, Instant expiresAt) {
}
