package io.latchkey.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The __Host- prefix outside development mode. */
class CookieNamesTest {

    @Test
    void productionCookiesUseTheHostPrefixAndSecure() {
        assertEquals(new CookieNames("__Host-latchkey_session", "__Host-latchkey_browser", true),
                CookieNames.forMode(false));
    }

    @Test
    void developmentCookiesWorkOverPlainHttp() {
        assertEquals(new CookieNames("latchkey_session", "latchkey_browser", false), CookieNames.forMode(true));
    }
}
