package io.latchkey.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.it.Authorization;
import io.latchkey.it.CookieBrowser;
import io.latchkey.it.Deployments;
import io.latchkey.it.IssuedSecrets;
import io.latchkey.it.Server;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console's application pages in chromium, every page shown checked with axe-core: an administrator creates a
 * web application (the secret shown once, with a copy button that the page's own script adds under the strict
 * CSP), edits it (a wrong field marked, then saved), sees who consented and which tokens are live and revokes them;
 * and the README's screenshots of the application page and of the list.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdminConsoleApplicationsBrowserIT {
    private static final String ADMIN = "it-admin";
    private static final String ADMIN_PASSWORD = IssuedSecrets.remember("it-admin-password-0123");
    private static final String PERSON = "pat-user";
    private static final String PERSON_PASSWORD = IssuedSecrets.remember("pat-user-password-0123");
    private static final String REDIRECT = "https://console-apps-browser.example/cb";
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);

    /** Its own chromium, without the shared relying party: every redirect here goes to a host nobody serves. */
    private static Chromium chromium;

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.war();
    }

    @BeforeAll
    static void startBrowser() {
        chromium = Chromium.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void anAdministratorCreatesEditsAndReviewsTheConsentsAndTokensOfAnApplication() {
        String clientId = "it-capps-browser-" + RUN;
        String page = Server.ISSUER + "/admin/applications/" + clientId;
        chromium.open(Server.ISSUER + "/admin/applications");
        chromium.signIn(ADMIN, ADMIN_PASSWORD);
        chromium.waitForUrl(Server.ISSUER + "/admin/applications");
        chromium.find("a[href$='/admin/new-application']").click();
        chromium.waitForUrl(Server.ISSUER + "/admin/new-application");
        chromium.assertAccessible("console new application");
        chromium.find("#client_id").sendKeys(clientId);
        chromium.find("#name").sendKeys("Orders back office");
        chromium.find("#redirect_uris").sendKeys(REDIRECT);
        chromium.find("#scopes").clear();
        chromium.find("#scopes").sendKeys("openid profile orders:read");
        chromium.find("form[method=post] button[type=submit]").click();
        chromium.waitForUrl(Server.ISSUER + "/admin/applications");
        IssuedSecrets.remember(chromium.find("#new-secret").getAttribute("value"));
        assertTrue(chromium.find("#copy-secret").isDisplayed(), "the script ran under the CSP and showed the button");
        chromium.find("#copy-secret").click();
        new WebDriverWait(chromium.driver, Duration.ofSeconds(5))
                .until(driver -> !driver.findElement(By.id("copy-status")).getText().isEmpty());
        chromium.assertAccessible("console application created, secret copied");

        // Edit: a lifetime that is not a number is marked and kept; then saved with a new reference-token policy.
        chromium.open(page);
        chromium.find("#name").clear();
        chromium.find("#name").sendKeys("Orders back office (EU)");
        chromium.find("#max_token_lifetime_days").clear();
        chromium.find("#max_token_lifetime_days").sendKeys("a month");
        new Select(chromium.find("#access_tokens")).selectByValue("AuthenticatedUsers");
        chromium.find("form[action$='/settings'] button[type=submit]").click();
        chromium.waitForUrl(page + "/settings");
        assertEquals("true", chromium.find("#max_token_lifetime_days").getAttribute("aria-invalid"));
        assertEquals("max_token_lifetime_days-error",
                chromium.find("#max_token_lifetime_days").getAttribute("aria-describedby"));
        assertEquals("a month", chromium.find("#max_token_lifetime_days").getAttribute("value"));
        assertEquals("Orders back office (EU)", chromium.find("#name").getAttribute("value"));
        chromium.assertAccessible("console application settings with a field marked");
        chromium.find("#max_token_lifetime_days").clear();
        chromium.find("#max_token_lifetime_days").sendKeys("30");
        chromium.find("form[action$='/settings'] button[type=submit]").click();
        chromium.waitForUrl(page + "/settings");
        assertTrue(chromium.find("[role=status]").getText().startsWith("Saved:"), chromium.driver.getPageSource());
        assertEquals("AuthenticatedUsers", chromium.find("#access-tokens-now").getText());
        chromium.assertAccessible("console application saved");

        // Someone consents and someone makes a personal token (the new policy allows it).
        URI back = new CookieBrowser().signIn(Authorization.of(clientId, REDIRECT, "openid profile"),
                Authorization.ALICE, Authorization.ALICE_PASSWORD);
        assertTrue(back.toString().startsWith(REDIRECT + "?"), back::toString);
        CookieBrowser person = new CookieBrowser();
        person.submitLogin(person.get(Server.ISSUER + "/login"), PERSON, PERSON_PASSWORD);
        String csrf = CookieBrowser.form(person.get(Server.ISSUER + "/account/tokens")).field("csrf");
        HttpResponse<String> made = person.post(Server.ISSUER + "/account/tokens", Map.of("csrf", csrf, "kind", "pat",
                "name", "reporting laptop", "client_id", clientId, "scope", "openid profile", "lifetime_days", "7"));
        assertEquals(200, made.statusCode(), made::body);

        chromium.open(page);
        assertEquals("alice", chromium.find("#consents tbody th").getText());
        assertTrue(chromium.find("#tokens tbody th").getText().startsWith("reporting laptop"));
        chromium.assertAccessible("console application with consents and tokens");
        chromium.screenshot("console-application");

        chromium.find("#tokens form[action$='/tokens/revoke'] button").click();
        chromium.waitForUrl(page + "/tokens/revoke");
        assertTrue(chromium.find("[role=status]").getText().contains("was revoked"), chromium.driver.getPageSource());
        assertTrue(chromium.driver.findElements(By.cssSelector("#tokens")).isEmpty(), "no live token left");
        chromium.assertAccessible("console application token revoked");
        chromium.find("#consents form[action$='/consents/revoke'] button").click();
        chromium.waitForUrl(page + "/consents/revoke");
        assertTrue(chromium.find("[role=status]").getText().startsWith("The consent was revoked"),
                chromium.driver.getPageSource());
        assertFalse(chromium.driver.getPageSource().contains("<th scope=\"row\">alice</th>"));
        chromium.assertAccessible("console application consent revoked");

        chromium.open(Server.ISSUER + "/admin/applications");
        chromium.assertAccessible("console applications with findings");
        chromium.screenshot("console-applications");

        // Deleted with its confirmation (the suite shares one database: an application open to every person would
        // change what the token form offers to the other ITs' people).
        chromium.open(page);
        chromium.find("#confirm-delete").click();
        chromium.find("form[action$='/delete'] button[type=submit]").click();
        // The application's own page starts with the list's URL too: wait for the list's search box, which the
        // application's page does not have (waitForUrl alone once read the page that posted the delete).
        chromium.waitFor("input#q[name=q]");
        assertEquals(Server.ISSUER + "/admin/applications", chromium.url());
        assertFalse(chromium.driver.getPageSource().contains(clientId), "deleted: " + clientId);
    }
}
