package io.latchkey.session;

import java.time.Instant;

/**
 * A signed-in browser: who, since when ({@code auth_time}), how ({@code amr}), and the public session id
 * ({@code sid}, OIDC Front-Channel/Back-Channel Logout) that tokens may carry — never the cookie value.
 */
public record BrowserSession(String sid, long accountId, Instant authTime, String amr, Instant expiresAt) {
    public static final String PASSWORD = "pwd";
}
