package io.latchkey.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.openid.connect.sdk.Prompt;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import io.latchkey.it.Authorization;
import io.latchkey.it.Deployments;
import io.latchkey.it.IssuedSecrets;
import io.latchkey.it.Oidc;
import io.latchkey.it.Oidc.RpClient;
import io.latchkey.it.RelyingParty;
import io.latchkey.it.Server;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The browser session across requests in chromium: prompt=none with and without a session, RP-initiated
 * logout with an id_token_hint (straight back to the application) and without one (confirmation page), and
 * the error page a person sees for a request that cannot be sent back.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PromptAndLogoutBrowserIT extends ChromiumBrowserTest {

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.war();
    }

    /** What the web application holds after alice signed in: the tokens and its checked ID token. */
    private record SignedIn(OIDCTokens tokens, IDTokenClaimsSet id) {
    }

    /** Signs alice in to the web application through the pages and redeems the code. */
    private SignedIn signInToTheWebApplication() {
        Flow flow = Flow.of(Server.WEB_ID, Authorization.WEB_CALLBACK, "openid profile");
        chromium.open(flow.url());
        chromium.signIn(Authorization.ALICE, Authorization.ALICE_PASSWORD);
        if (chromium.waitForUrl(Server.ISSUER + "/consent?", Authorization.RP + "/").startsWith(Server.ISSUER)) {
            chromium.decide("allow");
        }
        OIDCTokens tokens = Oidc.redeem(RpClient.WEB, flow.code(chromium.arrival(rp)), flow.redirectUri(), flow.verifier);
        return new SignedIn(tokens, Oidc.verifyIdToken(tokens, Server.WEB_ID, flow.nonce()));
    }

    /** prompt=none: the relying party gets login_required (with state and iss) and no page is shown. */
    private void assertPromptNoneSaysLoginRequired() {
        Flow silent = Flow.of(Server.WEB_ID, Authorization.WEB_CALLBACK, "openid profile", null, Prompt.Type.NONE);
        chromium.resetNetworkLog();
        chromium.open(silent.url());
        assertEquals("login_required", silent.error(chromium.arrival(rp)));
        Flow.assertNoPageShown(chromium.documentRequests());
    }

    @Test
    void promptNoneWithoutASessionIsLoginRequiredAtTheApplication() {
        assertPromptNoneSaysLoginRequired();
    }

    @Test
    void promptNoneWithASessionGivesACodeWithoutShowingAnyPage() {
        IDTokenClaimsSet firstId = signInToTheWebApplication().id();

        Flow silent = Flow.of(Server.WEB_ID, Authorization.WEB_CALLBACK, "openid profile", null, Prompt.Type.NONE);
        long historyBefore = (Long) chromium.script("return history.length");
        chromium.resetNetworkLog();
        chromium.open(silent.url());
        String code = silent.code(chromium.arrival(rp));
        List<String> documents = chromium.documentRequests();
        Flow.assertNoPageShown(documents);
        assertEquals(2, documents.size(), "the authorization request and its 303 to the application: " + documents);
        assertEquals(historyBefore + 1, (Long) chromium.script("return history.length"), "one new page: the application's");

        OIDCTokens second = Oidc.redeem(RpClient.WEB, code, silent.redirectUri(), silent.verifier);
        IDTokenClaimsSet secondId = Oidc.verifyIdToken(second, Server.WEB_ID, silent.nonce());
        assertEquals(firstId.getSubject(), secondId.getSubject());
        assertEquals(firstId.getAuthenticationTime(), secondId.getAuthenticationTime(), "the same sign-in, no new one");
        assertEquals(firstId.getStringClaim("sid"), secondId.getStringClaim("sid"), "the same session");
    }

    @Test
    void logoutWithAnIdTokenHintGoesBackToTheApplicationWithStateAndEndsTheSession() {
        OIDCTokens tokens = signInToTheWebApplication().tokens();
        String state = new State().getValue();
        String logout = Server.ISSUER + "/oauth/logout?id_token_hint=" + Server.form(IssuedSecrets.remember(tokens.getIDTokenString()))
                + "&post_logout_redirect_uri=" + Server.form(Authorization.WEB_SIGNED_OUT) + "&state=" + Server.form(state);
        chromium.resetNetworkLog();
        chromium.open(logout);
        RelyingParty.Callback back = chromium.arrival(rp);
        assertEquals("/web/signed-out", back.path());
        assertEquals(Map.of("state", List.of(state)), back.parameters());
        assertEquals(Authorization.WEB_SIGNED_OUT + "?state=" + state, chromium.url());
        List<String> documents = chromium.documentRequests();
        assertEquals(2, documents.size(), "the hint names the session: no confirmation page, straight back: " + documents);
        assertTrue(documents.get(1).startsWith(Authorization.WEB_SIGNED_OUT), documents.toString());

        assertPromptNoneSaysLoginRequired();
    }

    @Test
    void logoutWithoutAHintAsksFirstThenShowsTheSignedOutPage() {
        signInToTheWebApplication();
        chromium.open(Server.ISSUER + "/oauth/logout");
        assertTrue(chromium.has("button[name=confirm][value=yes]") && chromium.has("input[name=csrf]"),
                "a confirmation page: " + chromium.driver.getPageSource());
        chromium.screenshot("logout-confirm");
        chromium.assertAccessible("sign-out confirmation");
        chromium.find("button[name=confirm][value=yes]").click();
        new org.openqa.selenium.support.ui.WebDriverWait(chromium.driver, Duration.ofSeconds(20))
                .until(d -> !d.getPageSource().contains("name=\"confirm\""));
        assertTrue(chromium.find("main").getText().toLowerCase().contains("signed out"), chromium.find("main").getText());
        chromium.screenshot("signed-out");
        chromium.assertAccessible("signed-out");

        assertPromptNoneSaysLoginRequired();
    }

    @Test
    void logoutWithClientIdButNoHintConfirmsThenGoesBackWithState() {
        signInToTheWebApplication();
        String state = new State().getValue();
        chromium.open(Server.ISSUER + "/oauth/logout?client_id=" + Server.WEB_ID + "&post_logout_redirect_uri="
                + Server.form(Authorization.WEB_SIGNED_OUT) + "&state=" + Server.form(state));
        assertTrue(chromium.has("button[name=confirm][value=yes]"), "no hint, so the person confirms");
        assertTrue(rp.drain().isEmpty(), "not sent back before confirming");
        chromium.find("button[name=confirm][value=yes]").click();
        RelyingParty.Callback back = chromium.arrival(rp);
        assertEquals("/web/signed-out", back.path());
        assertEquals(Map.of("state", List.of(state)), back.parameters());

        assertPromptNoneSaysLoginRequired();
    }

    @Test
    void anUnregisteredRedirectUriShowsTheErrorPageAndSendsNothingToAnyone() {
        Flow flow = Flow.of(Server.WEB_ID, "http://127.0.0.1:28765/web/callback/evil", "openid");
        chromium.open(flow.url());
        assertTrue(chromium.url().startsWith(Server.ISSUER + "/oauth/authorize?"), "no redirect: " + chromium.url());
        String page = chromium.find("main").getText();
        assertTrue(page.contains("invalid_request"), "the RFC error code is visible: " + page);
        assertFalse(page.contains("/web/callback/evil"), "the URI is not echoed");
        chromium.screenshot("error");
        chromium.assertAccessible("error");
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertTrue(rp.drain().isEmpty(), "the relying party received nothing");
    }
}
