package io.latchkey.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.latchkey.token.RefreshTokenFamilies;

/**
 * The answer to a family revocation: its target ({@code account:<subject>} or {@code application:<client_id>}, as
 * the audit trail names it) and how many families, refresh tokens and opaque access tokens this request revoked
 * (0 when none were live: revoking again changes nothing).
 */
public record RefreshTokensRevoked(@JsonProperty("target") String target,
                                   @JsonProperty("families") int families,
                                   @JsonProperty("refresh_tokens") int refreshTokens,
                                   @JsonProperty("access_tokens") int accessTokens) {

    static RefreshTokensRevoked of(RefreshTokenFamilies.Revoked revoked) {
        return new RefreshTokensRevoked(revoked.target(), revoked.families(), revoked.refreshTokens(),
                revoked.accessTokens());
    }
}
