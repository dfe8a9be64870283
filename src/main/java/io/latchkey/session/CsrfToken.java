package io.latchkey.session;

import io.latchkey.security.Secret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * CSRF protection without server state: every form carries {@code HMAC-SHA256(browser cookie, "csrf")}.
 * Another site can make the browser send the cookie but cannot read it, so it cannot compute the field;
 * the cookie is HttpOnly and never appears in a page itself.
 */
public final class CsrfToken {
    private CsrfToken() {
    }

    public static String forBrowser(Secret browserCookie) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(browserCookie.utf8(), "HmacSHA256"));
            byte[] tag = mac.doFinal("latchkey csrf v1".getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    /** Constant-time check of a submitted field against the browser's cookie. */
    public static boolean matches(Secret browserCookie, String submitted) {
        if (submitted == null || browserCookie == null || browserCookie.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(forBrowser(browserCookie).getBytes(StandardCharsets.US_ASCII),
                submitted.getBytes(StandardCharsets.US_ASCII));
    }
}
