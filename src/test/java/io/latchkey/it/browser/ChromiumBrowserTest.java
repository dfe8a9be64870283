package io.latchkey.it.browser;

import io.latchkey.it.RelyingParty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every browser test shares: one headless chromium per class, the relying party that receives the
 * callbacks, and a signed-out browser with an empty relying party before each test.
 */
abstract class ChromiumBrowserTest {
    protected static Chromium chromium;
    protected static RelyingParty rp;

    @BeforeAll
    static void startBrowser() {
        rp = RelyingParty.shared();
        chromium = Chromium.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @BeforeEach
    void signedOut() {
        chromium.forgetEverything();
        rp.clear();
    }
}
