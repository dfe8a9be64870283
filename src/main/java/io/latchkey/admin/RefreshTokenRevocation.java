package io.latchkey.admin;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code POST /api/admin/refresh-token-families/revoke}: whose families to revoke, exactly one of
 * {@code account} (a subject: every family of that person, at every application) or {@code application} (a
 * client_id: every family of that application, for every person).
 */
public record RefreshTokenRevocation(@JsonProperty("account") String account,
                                     @JsonProperty("application") String application) {
}
