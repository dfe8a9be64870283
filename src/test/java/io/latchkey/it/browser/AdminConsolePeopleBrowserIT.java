package io.latchkey.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.it.Deployments;
import io.latchkey.it.IssuedSecrets;
import io.latchkey.it.Server;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console's People pages in chromium, every page checked with axe-core: an administrator creates a person (a
 * wrong email marked and kept), finds them in the list, creates a reset code for them and disables them; someone who
 * is not an administrator is refused. Saves target/screenshots/console-people.png and console-person.png.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdminConsolePeopleBrowserIT extends ChromiumBrowserTest {
    private static final String ADMIN = "it-admin";
    private static final String ADMIN_PASSWORD = IssuedSecrets.remember("it-admin-password-0123");
    private static final String PERSON = "pat-user";
    private static final String PERSON_PASSWORD = IssuedSecrets.remember("pat-user-password-0123");
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.war();
    }

    @Test
    void anAdministratorCreatesAPersonFindsThemIssuesAResetCodeAndDisablesThem() {
        String username = "pb-" + RUN;

        chromium.open(Server.ISSUER + "/admin/people");
        chromium.signIn(ADMIN, ADMIN_PASSWORD);
        chromium.waitForUrl(Server.ISSUER + "/admin/people");
        chromium.find("a[href$='/admin/people/new']").click();
        waitFor("input#username");
        chromium.assertAccessible("console new person");
        chromium.find("#username").sendKeys(username);
        chromium.find("#name").sendKeys("Browser Person");
        chromium.find("#email").sendKeys("not-an-email");
        chromium.find("form[method=post] button[type=submit]").click();
        waitFor("#email-error");
        assertEquals("true", chromium.find("#email").getAttribute("aria-invalid"));
        assertEquals("not-an-email", chromium.find("#email").getAttribute("value"));
        assertEquals("Browser Person", chromium.find("#name").getAttribute("value"));
        chromium.assertAccessible("console new person with a field marked");
        chromium.find("#email").clear();
        chromium.find("#email").sendKeys(username + "@example.com");
        chromium.find("form[method=post] button[type=submit]").click();
        waitFor("code#username");
        assertEquals(username, chromium.find("code#username").getText());
        chromium.assertAccessible("console person created");

        chromium.open(Server.ISSUER + "/admin/people");
        chromium.find("#q").sendKeys("pb-");
        chromium.find("form[role=search] button[type=submit]").click();
        chromium.waitForUrl(Server.ISSUER + "/admin/people?q=");
        chromium.assertAccessible("console people");
        chromium.screenshot("console-people");
        chromium.find("a[href$='/admin/people/" + username + "']").click();
        chromium.waitForUrl(Server.ISSUER + "/admin/people/" + username);
        chromium.assertAccessible("console person");
        chromium.screenshot("console-person");

        chromium.find("form[action$='/reset-code'] button[type=submit]").click();
        chromium.waitForUrl(Server.ISSUER + "/admin/people/" + username + "/reset-code");
        waitFor("#reset-code");
        assertTrue(chromium.find("#reset-code").getAttribute("value").matches("[A-Z2-7]{4}(-[A-Z2-7]{4}){7}"));
        IssuedSecrets.remember(chromium.find("#reset-code").getAttribute("value"));
        chromium.assertAccessible("console reset code");

        chromium.find("form[action$='/enabled'] button[type=submit]").click();
        chromium.waitForUrl(Server.ISSUER + "/admin/people/" + username + "/enabled");
        new WebDriverWait(chromium.driver, Duration.ofSeconds(20))
                .until(d -> d.findElement(By.id("status")).getText().equals("disabled"));
        chromium.assertAccessible("console disabled person");
    }

    /** Waits for an element of the page a form answered with (the form's own page may still be showing). */
    private void waitFor(String css) {
        new WebDriverWait(chromium.driver, Duration.ofSeconds(20))
                .until(d -> !d.findElements(By.cssSelector(css)).isEmpty());
    }

    @Test
    void someoneWhoIsNotAnAdministratorIsRefused() {
        chromium.open(Server.ISSUER + "/admin/people");
        chromium.signIn(PERSON, PERSON_PASSWORD);
        chromium.waitForUrl(Server.ISSUER + "/admin/people");
        assertTrue(chromium.find("h1").getText().contains("Only administrators"), chromium.driver.getPageSource());
        chromium.assertAccessible("console people refused");
    }
}
