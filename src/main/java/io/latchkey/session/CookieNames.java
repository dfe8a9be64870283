package io.latchkey.session;

/**
 * The cookies Latchkey sets. Outside development mode they carry the {@code __Host-} prefix, which the
 * browser only accepts with {@code Secure}, {@code Path=/} and no {@code Domain}: no subdomain can plant
 * or overwrite them.
 */
public record CookieNames(String session, String browser, boolean secure) {
    public static CookieNames forMode(boolean devMode) {
        return devMode
                ? new CookieNames("latchkey_session", "latchkey_browser", false)
                : new CookieNames("__Host-latchkey_session", "__Host-latchkey_browser", true);
    }
}
