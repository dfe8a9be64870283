package io.latchkey.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.it.AgedSignIn;
import io.latchkey.it.CookieBrowser;
import io.latchkey.it.Deployments;
import io.latchkey.it.IssuedSecrets;
import io.latchkey.it.Server;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The admin console in chromium, every page checked with axe-core: an administrator creates a web application, rotates
 * its secret (the previous one keeps working during the overlap, checked at the token endpoint) and disables it
 * (refused at once at the token endpoint); someone who is not an administrator is refused.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdminConsoleBrowserIT extends ChromiumBrowserTest {
    private static final String ADMIN = "it-admin";
    private static final String ADMIN_PASSWORD = IssuedSecrets.remember("it-admin-password-0123");
    private static final String PERSON = "pat-user";
    private static final String PERSON_PASSWORD = IssuedSecrets.remember("pat-user-password-0123");
    private static final String REDIRECT = "https://console-browser.example/cb";
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.war();
    }

    @Test
    void anAdministratorCreatesAWebApplicationRotatesItsSecretWithOverlapAndDisablesIt() {
        String clientId = "it-console-browser-" + RUN;

        chromium.open(Server.ISSUER + "/admin");
        chromium.signIn(ADMIN, ADMIN_PASSWORD);
        chromium.waitForUrl(Server.ISSUER + "/admin");
        chromium.assertAccessible("console overview");

        chromium.open(Server.ISSUER + "/admin/new-application?type=web");
        chromium.find("#client_id").sendKeys(clientId);
        chromium.find("#name").sendKeys("Browser web app");
        chromium.find("#redirect_uris").sendKeys("https://wrong.example/cb#fragment");
        chromium.find("form[method=post] button[type=submit]").click();
        chromium.waitForUrl(Server.ISSUER + "/admin/applications");
        assertEquals("true", chromium.find("#redirect_uris").getAttribute("aria-invalid"));
        assertEquals(clientId, chromium.find("#client_id").getAttribute("value"));
        chromium.assertAccessible("console new application with a field marked");
        chromium.find("#redirect_uris").clear();
        chromium.find("#redirect_uris").sendKeys(REDIRECT);
        chromium.find("form[method=post] button[type=submit]").click();
        chromium.waitForUrl(Server.ISSUER + "/admin/applications");
        String first = IssuedSecrets.remember(chromium.waitFor("#new-secret").getAttribute("value"));
        chromium.assertAccessible("console application created");
        assertEquals(400, clientAuthentication(clientId, first), "the first secret authenticates");

        chromium.open(Server.ISSUER + "/admin/applications");
        chromium.find("#q").sendKeys(clientId);
        chromium.find("form[role=search] button[type=submit]").click();
        chromium.waitForUrl(Server.ISSUER + "/admin/applications?q=");
        chromium.assertAccessible("console applications");
        chromium.find("a[href$='/admin/applications/" + clientId + "']").click();
        chromium.waitForUrl(Server.ISSUER + "/admin/applications/" + clientId);
        chromium.assertAccessible("console application");

        chromium.find("form[action$='/secrets/rotate'] button[type=submit]").click();
        chromium.waitForUrl(Server.ISSUER + "/admin/applications/" + clientId + "/secrets/rotate");
        String second = IssuedSecrets.remember(chromium.find("#new-secret").getAttribute("value"));
        assertNotEquals(first, second);
        chromium.assertAccessible("console new secret");
        assertEquals(400, clientAuthentication(clientId, second));
        assertEquals(400, clientAuthentication(clientId, first), "the previous secret works during the overlap");

        chromium.find("form[action$='/enabled'] button[type=submit]").click();
        chromium.waitForUrl(Server.ISSUER + "/admin/applications/" + clientId + "/enabled");
        assertEquals("disabled", chromium.find("#status").getText());
        chromium.assertAccessible("console disabled application");
        assertEquals(401, clientAuthentication(clientId, second), "refused at once");
        assertEquals(401, clientAuthentication(clientId, first), "refused at once");
    }

    @Test
    void someoneWhoIsNotAnAdministratorIsRefused() {
        chromium.open(Server.ISSUER + "/admin");
        chromium.signIn(PERSON, PERSON_PASSWORD);
        chromium.waitForUrl(Server.ISSUER + "/admin");
        assertTrue(chromium.find("h1").getText().contains("Only administrators"), chromium.driver.getPageSource());
        chromium.assertAccessible("console refused");
    }

    @Test
    void rotatingASecretAsksForThePasswordAgainWhenTheSignInIsOldThenComesBackToTheApplication() {
        String clientId = "it-console-reauth-" + RUN;
        chromium.open(Server.ISSUER + "/admin");
        chromium.signIn(ADMIN, ADMIN_PASSWORD);
        chromium.waitForUrl(Server.ISSUER + "/admin");
        String first = created(clientId);
        // Pages no other browser test walks: the APIs and a scope's page.
        chromium.open(Server.ISSUER + "/admin/apis");
        chromium.assertAccessible("console APIs");
        chromium.open(Server.ISSUER + "/admin/scopes/orders:read");
        assertTrue(chromium.find("h1").getText().contains("orders:read"), chromium.driver.getPageSource());
        chromium.assertAccessible("console scope");

        AgedSignIn.age(chromium.driver.manage().getCookieNamed(CookieBrowser.SESSION_COOKIE).getValue());
        chromium.open(Server.ISSUER + "/admin/applications/" + clientId);
        chromium.find("form[action$='/secrets/rotate'] button[type=submit]").click();
        chromium.waitForUrl(Server.ISSUER + "/admin/sign-in?");
        assertFalse(chromium.has("#new-secret"), "nothing rotated before the password");
        assertEquals(400, clientAuthentication(clientId, first), "the secret is still the only one");
        chromium.assertAccessible("console sign in again");
        chromium.find("#password").sendKeys(ADMIN_PASSWORD);
        chromium.find("form[method=post] button[type=submit]").click();
        chromium.waitForUrl(Server.ISSUER + "/admin/applications/" + clientId);

        chromium.find("form[action$='/secrets/rotate'] button[type=submit]").click();
        chromium.waitForUrl(Server.ISSUER + "/admin/applications/" + clientId + "/secrets/rotate");
        String second = IssuedSecrets.remember(chromium.find("#new-secret").getAttribute("value"));
        assertNotEquals(first, second);
        assertEquals(400, clientAuthentication(clientId, second), "the new secret authenticates");
    }

    @Test
    void aFormForgedOnAnotherSiteChangesNothing() {
        String clientId = "it-console-forged-" + RUN;
        chromium.open(Server.ISSUER + "/admin");
        chromium.signIn(ADMIN, ADMIN_PASSWORD);
        chromium.waitForUrl(Server.ISSUER + "/admin");
        String secret = created(clientId);
        chromium.open(Server.ISSUER + "/admin/applications/" + clientId);
        String version = chromium.find("form[action$='/enabled'] input[name=version]").getAttribute("value");

        // Another site's page posts the disable form into the administrator's signed-in browser, with a made-up
        // csrf field (it cannot read the real one).
        String forged = "<!DOCTYPE html><html lang=\"en\"><head><title>Win a prize</title></head><body>"
                + "<form method=\"post\" action=\"" + Server.ISSUER + "/admin/applications/" + clientId + "/enabled\">"
                + "<input type=\"hidden\" name=\"csrf\" value=\"guessed\">"
                + "<input type=\"hidden\" name=\"version\" value=\"" + version + "\">"
                + "<input type=\"hidden\" name=\"enabled\" value=\"false\">"
                + "<button id=\"go\" type=\"submit\">Claim</button></form></body></html>";
        chromium.open("data:text/html;charset=utf-8," + java.net.URLEncoder.encode(forged,
                java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
        chromium.find("#go").click();
        chromium.waitForUrl(Server.ISSUER + "/");

        assertEquals(400, clientAuthentication(clientId, secret), "still enabled: the forged form was refused");
        chromium.open(Server.ISSUER + "/admin/applications/" + clientId);
        assertEquals("enabled", chromium.find("#status").getText());
    }

    /** Creates a web application in the console as the signed-in administrator; its secret, shown once. */
    private static String created(String clientId) {
        chromium.open(Server.ISSUER + "/admin/new-application?type=web");
        chromium.find("#client_id").sendKeys(clientId);
        chromium.find("#name").sendKeys("Console browser " + clientId);
        chromium.find("#redirect_uris").sendKeys(REDIRECT);
        chromium.find("form[method=post] button[type=submit]").click();
        chromium.waitForUrl(Server.ISSUER + "/admin/applications");
        return IssuedSecrets.remember(chromium.find("#new-secret").getAttribute("value"));
    }

    /**
     * The token endpoint's answer to a made-up code: 400 invalid_grant once the client has authenticated, 401 when
     * its authentication is refused (a wrong secret, a disabled application).
     */
    private static int clientAuthentication(String clientId, String secret) {
        return Server.token(clientId, secret, "grant_type=authorization_code&code=made-up&redirect_uri="
                + Server.form(REDIRECT)).statusCode();
    }
}
