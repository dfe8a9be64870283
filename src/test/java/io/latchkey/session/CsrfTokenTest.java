package io.latchkey.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.security.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** A stateless CSRF field bound to the browser cookie. */
class CsrfTokenTest {
    private static final Secret BROWSER = Secret.of("browser-cookie-one-0123456789abcdefghijkl");
    private static final Secret OTHER_BROWSER = Secret.of("browser-cookie-two-0123456789abcdefghijkl");

    @Test
    void theFieldMatchesItsOwnBrowser() {
        assertTrue(CsrfToken.matches(BROWSER, CsrfToken.forBrowser(BROWSER)));
    }

    @Test
    void theFieldOfAnotherBrowserDoesNotMatch() {
        assertNotEquals(CsrfToken.forBrowser(BROWSER), CsrfToken.forBrowser(OTHER_BROWSER));
        assertFalse(CsrfToken.matches(BROWSER, CsrfToken.forBrowser(OTHER_BROWSER)));
    }

    @Test
    void theFieldIsHmacSha256OfAFixedLabelKeyedWithTheCookie() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(BROWSER.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal("latchkey csrf v1".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(expected, CsrfToken.forBrowser(BROWSER));
    }

    @Test
    void theFieldIsNotTheCookie() {
        assertFalse(CsrfToken.matches(BROWSER, BROWSER.reveal()));
        assertNotEquals(BROWSER.reveal(), CsrfToken.forBrowser(BROWSER));
    }

    @Test
    void aMissingEmptyOrAlteredFieldDoesNotMatch() {
        String field = CsrfToken.forBrowser(BROWSER);
        assertFalse(CsrfToken.matches(BROWSER, null));
        assertFalse(CsrfToken.matches(BROWSER, ""));
        assertFalse(CsrfToken.matches(BROWSER, field.substring(1)));
        assertFalse(CsrfToken.matches(BROWSER, field + "A"));
        assertFalse(CsrfToken.matches(BROWSER, field.toUpperCase()));
    }

    @Test
    void withoutABrowserCookieNothingMatches() {
        assertFalse(CsrfToken.matches(null, "anything"));
        assertFalse(CsrfToken.matches(Secret.of(""), "anything"));
    }
}
