package io.latchkey.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.oauth2.sdk.ResponseMode;
import com.nimbusds.openid.connect.sdk.Prompt;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.claims.UserInfo;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import io.latchkey.it.Authorization;
import io.latchkey.it.Deployments;
import io.latchkey.it.Oidc;
import io.latchkey.it.Oidc.RpClient;
import io.latchkey.it.RelyingParty;
import io.latchkey.it.Server;
import java.util.List;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * People signing in to each kind of application through the real pages in chromium, and the applications
 * checking what they get with Nimbus: a web application (secret + PKCE), a SPA and a native application
 * (public, PKCE), the form_post and fragment response modes, a first-party application (no consent page),
 * and a person who denies.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CodeFlowBrowserIT extends ChromiumBrowserTest {

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.war();
    }

    /** Submits the login page; allows on the consent page if Latchkey shows one; gives what the RP received. */
    private RelyingParty.Callback signInAllowing(RelyingParty at, String username, String password) {
        chromium.signIn(username, password);
        String url = chromium.waitForUrl(Server.ISSUER + "/consent?", at.base() + "/");
        if (url.startsWith(Server.ISSUER + "/consent?")) {
            chromium.decide("allow");
        }
        return chromium.arrival(at);
    }

    @Test
    void aPersonSignsInToTheWebApplicationAndConsentsAndTheApplicationGetsValidTokens() {
        Flow flow = Flow.of(Server.WEB_ID, Authorization.WEB_CALLBACK, Authorization.WEB_SCOPE, null, Prompt.Type.CONSENT);
        chromium.open(flow.url());
        chromium.waitForUrl(Server.ISSUER + "/login?");
        assertTrue(chromium.has("input[name=username]") && chromium.has("input[name=password]")
                && chromium.has("input[name=csrf]") && chromium.has("button[type=submit]"), "the login page contract");
        assertTrue(chromium.driver.getPageSource().contains("IT Orders Web"), "the login page names the application");
        chromium.screenshot("login");
        chromium.assertAccessible("sign-in");

        chromium.signIn(Authorization.ALICE, Authorization.ALICE_PASSWORD);
        chromium.waitForUrl(Server.ISSUER + "/consent?");
        assertTrue(chromium.has("button[name=decision][value=allow]") && chromium.has("button[name=decision][value=deny]")
                && chromium.has("input[name=csrf]"), "the consent page contract");
        String consent = chromium.find("main").getText();
        for (String scope : List.of("openid", "profile", "email", "offline_access", "orders:read")) {
            assertTrue(consent.contains(scope), "the consent page lists " + scope + ": " + consent);
        }
        assertTrue(consent.contains("Read orders"), "with the scope's description: " + consent);
        assertEquals(List.of("openid", "profile", "email", "orders:read", "offline_access"),
                chromium.driver.findElements(org.openqa.selenium.By.cssSelector(".scopes code")).stream()
                        .map(org.openqa.selenium.WebElement::getText).toList(),
                "Sign you in first, then who you are, the application's scopes, and for how long");
        chromium.screenshot("consent");
        chromium.assertAccessible("consent");
        chromium.decide("allow");

        RelyingParty.Callback callback = chromium.arrival(rp);
        assertEquals("GET", callback.method());
        String code = flow.code(callback);
        assertTrue(chromium.url().startsWith(Authorization.WEB_CALLBACK + "?"), chromium.url());

        OIDCTokens tokens = Oidc.redeem(RpClient.WEB, code, flow.redirectUri(), flow.verifier);
        JWTClaimsSet access = Oidc.verifyAccessToken(tokens.getAccessToken(), Oidc.ORDERS_API, Server.WEB_ID);
        assertEquals(Set.of("openid", "profile", "email", "offline_access", "orders:read"),
                Set.of(access.getClaim("scope").toString().split(" ")));
        IDTokenClaimsSet id = Oidc.verifyIdToken(tokens, Server.WEB_ID, flow.nonce());
        assertEquals(access.getSubject(), id.getSubject().getValue(), "one subject in both tokens");
        // OIDC Core §5.4: an access token was issued, so the profile and email claims come from UserInfo only.
        assertNull(id.getStringClaim("name"));
        assertNull(id.getStringClaim("email"));

        UserInfo info = Oidc.userInfo(tokens.getAccessToken());
        assertEquals(id.getSubject(), info.getSubject());
        assertEquals("Alice Example", info.getName());
        assertEquals("alice", info.getPreferredUsername());
        assertEquals("alice@example.test", info.getEmailAddress());
        assertEquals(Boolean.TRUE, info.getEmailVerified());

        assertNotNull(tokens.getRefreshToken(), "offline_access gives the web application a refresh token");
        OIDCTokens refreshed = Oidc.refresh(RpClient.WEB, tokens.getRefreshToken().getValue());
        assertNotEquals(tokens.getRefreshToken(), refreshed.getRefreshToken(), "the refresh token rotates");
        Oidc.verifyAccessToken(refreshed.getAccessToken(), Oidc.ORDERS_API, Server.WEB_ID);
    }

    @Test
    void aSinglePageApplicationSignsInWithPkceAndNoSecret() {
        Flow flow = Flow.of(Server.SPA_ID, Authorization.SPA_CALLBACK, "openid profile orders:read");
        chromium.open(flow.url());
        String code = flow.code(signInAllowing(rp, Authorization.BOB, Authorization.BOB_PASSWORD));

        OIDCTokens tokens = Oidc.redeem(RpClient.SPA, code, flow.redirectUri(), flow.verifier);
        Oidc.verifyAccessToken(tokens.getAccessToken(), Oidc.ORDERS_API, Server.SPA_ID);
        IDTokenClaimsSet id = Oidc.verifyIdToken(tokens, Server.SPA_ID, flow.nonce());
        assertNull(id.getStringClaim("name"), "§5.4: the profile claims come from UserInfo");
        assertNull(tokens.getRefreshToken(), "a SPA gets no refresh token unless it opts in");
        UserInfo info = Oidc.userInfo(tokens.getAccessToken());
        assertEquals(id.getSubject(), info.getSubject());
        assertEquals("Bob Example", info.getName());
    }

    @Test
    void aNativeApplicationUsesALoopbackRedirectOnAnyPort() {
        try (RelyingParty app = RelyingParty.start(0)) {
            String redirect = app.base() + "/native/callback";
            Flow flow = Flow.of(Authorization.NATIVE_ID, redirect, "openid profile offline_access");
            chromium.open(flow.url());
            String code = flow.code(signInAllowing(app, Authorization.ALICE, Authorization.ALICE_PASSWORD));

            OIDCTokens tokens = Oidc.redeem(RpClient.NATIVE, code, redirect, flow.verifier);
            JWTClaimsSet access = Oidc.verifyAccessToken(tokens.getAccessToken(), Server.ISSUER, Authorization.NATIVE_ID);
            Oidc.verifyIdToken(tokens, Authorization.NATIVE_ID, flow.nonce());
            assertNotNull(tokens.getRefreshToken(), "it-native opted in to refresh tokens");
            OIDCTokens refreshed = Oidc.refresh(RpClient.NATIVE, tokens.getRefreshToken().getValue());
            assertEquals(access.getSubject(),
                    Oidc.verifyAccessToken(refreshed.getAccessToken(), Server.ISSUER, Authorization.NATIVE_ID).getSubject());
        }
        assertTrue(rp.drain().isEmpty(), "nothing went to the shared relying party");
    }

    @Test
    void formPostBringsTheBrowserBackWithAPostCarryingCodeStateAndIss() {
        Flow flow = Flow.of(Server.WEB_ID, Authorization.WEB_CALLBACK, "openid profile", ResponseMode.FORM_POST, null);
        chromium.open(flow.url());
        RelyingParty.Callback callback = signInAllowing(rp, Authorization.BOB, Authorization.BOB_PASSWORD);

        assertEquals("POST", callback.method(), "form_post: the answer comes as a POST");
        assertNull(callback.rawQuery(), "nothing in the URL");
        assertTrue(callback.contentType().startsWith("application/x-www-form-urlencoded"), callback.contentType());
        assertEquals(Set.of("code", "state", "iss"), callback.parameters().keySet());
        chromium.waitForUrl(Authorization.WEB_CALLBACK);
        assertEquals(Authorization.WEB_CALLBACK, chromium.url(), "the auto-submitting form (CSP-hashed script) ran");
        assertEquals("POST", chromium.find("#method").getText());

        String code = flow.code(callback);
        OIDCTokens tokens = Oidc.redeem(RpClient.WEB, code, flow.redirectUri(), flow.verifier);
        Oidc.verifyIdToken(tokens, Server.WEB_ID, flow.nonce());
        Oidc.verifyAccessToken(tokens.getAccessToken(), Server.ISSUER, Server.WEB_ID);
    }

    @Test
    void fragmentModeKeepsTheAnswerOutOfTheServerRequest() {
        Flow flow = Flow.of(Server.SPA_ID, Authorization.SPA_CALLBACK, "openid", ResponseMode.FRAGMENT, null);
        chromium.open(flow.url());
        RelyingParty.Callback callback = signInAllowing(rp, Authorization.ALICE, Authorization.ALICE_PASSWORD);
        assertEquals("GET", callback.method());
        assertNull(callback.rawQuery(), "the fragment never reaches the relying party's server");
        String url = chromium.waitForUrl(Authorization.SPA_CALLBACK + "#");
        String code = flow.codeFromUrl(url);
        Oidc.verifyIdToken(Oidc.redeem(RpClient.SPA, code, flow.redirectUri(), flow.verifier), Server.SPA_ID, flow.nonce());
    }

    @Test
    void aFirstPartyApplicationNeedsNoConsentPage() {
        Flow flow = Flow.of(Authorization.FIRST_PARTY_ID, Authorization.FIRST_PARTY_CALLBACK, "openid profile");
        chromium.open(flow.url());
        chromium.waitForUrl(Server.ISSUER + "/login?");
        chromium.resetNetworkLog();
        chromium.signIn(Authorization.BOB, Authorization.BOB_PASSWORD);
        String code = flow.code(chromium.arrival(rp));
        List<String> documents = chromium.documentRequests();
        assertTrue(documents.stream().noneMatch(u -> u.startsWith(Server.ISSUER + "/consent")),
                "no consent page for a first-party application: " + documents);
        Oidc.verifyIdToken(Oidc.redeem(RpClient.FIRST_PARTY, code, flow.redirectUri(), flow.verifier),
                Authorization.FIRST_PARTY_ID, flow.nonce());
    }

    @Test
    void aPersonWhoDeniesSendsTheApplicationAccessDeniedWithStateAndIss() {
        Flow flow = Flow.of(Server.WEB_ID, Authorization.WEB_CALLBACK, "openid profile email", null, Prompt.Type.CONSENT);
        chromium.open(flow.url());
        chromium.signIn(Authorization.ALICE, Authorization.ALICE_PASSWORD);
        chromium.decide("deny");
        RelyingParty.Callback callback = chromium.arrival(rp);
        assertEquals("access_denied", flow.error(callback));
    }
}
