package io.latchkey.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.it.Deployments;
import io.latchkey.it.IssuedSecrets;
import io.latchkey.it.Server;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The pages people use outside a sign-in to an application, in chromium, each checked with axe-core at desktop
 * and phone width: the landing page, the account pages (a signed-out visitor signs in and comes back), the token
 * form with a field marked and with a new token, and the signed-in page with its links.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AccountPagesBrowserIT extends ChromiumBrowserTest {
    private static final String PERSON = "pat-user";
    private static final String PERSON_PASSWORD = IssuedSecrets.remember("pat-user-password-0123");

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.war();
    }

    /** The check itself can fail, and says what to fix: the rule and the node. */
    @Test
    void theAccessibilityCheckNamesTheRuleAndTheNodeThatBreaksIt() {
        chromium.open("data:text/html,<!DOCTYPE html><html lang=en><title>t</title><main>"
                + "<img id=unlabelled src=x.png><input id=nameless type=text></main></html>");
        AssertionError failure = assertThrows(AssertionError.class, () -> chromium.assertAccessible("broken"));
        String message = failure.getMessage();
        assertTrue(message.contains("rule image-alt") && message.contains("#unlabelled"), message);
        assertTrue(message.contains("rule label") && message.contains("#nameless"), message);
        assertTrue(message.contains("[desktop]") && message.contains("[phone]"), message);
    }

    @Test
    void theLandingPageIsAccessible() {
        chromium.open(Server.ISSUER + "/");
        assertTrue(chromium.has("a[href$='/login']"), chromium.driver.getPageSource());
        chromium.assertAccessible("landing");
    }

    @Test
    void aSignedOutVisitorSignsInAndComesBackToTheTokenFormWhichMarksAWrongFieldAndKeepsTheRest() {
        chromium.open(Server.ISSUER + "/account/tokens");
        chromium.signIn(PERSON, PERSON_PASSWORD);
        chromium.waitForUrl(Server.ISSUER + "/account/tokens");
        assertTrue(chromium.has("input[type=hidden][name=client_id][value=it-pat-app]"), chromium.driver.getPageSource());
        chromium.assertAccessible("token form");

        chromium.find("input[name=name]").sendKeys("laptop CLI");
        WebElement lifetime = chromium.find("input[name=lifetime_days]");
        lifetime.clear();
        lifetime.sendKeys("7");
        submitTokenForm();
        assertEquals("true", chromium.find("input[name=scope][value=openid]").getAttribute("aria-invalid"));
        assertEquals("Choose at least one scope.", chromium.find("#scope-error").getText());
        assertEquals("laptop CLI", chromium.find("input[name=name]").getAttribute("value"));
        assertEquals("7", chromium.find("input[name=lifetime_days]").getAttribute("value"));
        chromium.screenshot("token-form-field-error");
        chromium.assertAccessible("token form with a field marked");

        chromium.find("input[name=scope][value='orders:read']").click();
        submitTokenForm();
        assertTrue(chromium.find("#new-token").getAttribute("value").startsWith("lk_pat_"));
        chromium.screenshot("token-created");
        chromium.assertAccessible("new token");

        chromium.open(Server.ISSUER + "/account/applications");
        chromium.assertAccessible("my applications");
    }

    /**
     * Submits the token form and waits for the page that answers it. The form posts to its own URL, so waiting
     * for the URL alone may read the old page while the new one replaces it (a StaleElementReferenceException).
     */
    private void submitTokenForm() {
        WebElement submit = chromium.find("form[method=post] button[type=submit]");
        submit.click();
        // Gone from the document: chromedriver says so with a stale reference, or (mid-navigation) with an
        // inspector error "Node with given id does not belong to the document", which ExpectedConditions.stalenessOf
        // does not take for staleness.
        new WebDriverWait(chromium.driver, Duration.ofSeconds(20)).until(driver -> {
            try {
                submit.isEnabled();
                return false;
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                return true;
            } catch (org.openqa.selenium.WebDriverException e) {
                if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                    return true;
                }
                throw e;
            }
        });
        chromium.waitForUrl(Server.ISSUER + "/account/tokens");
    }

    @Test
    void theSignedInPageLinksToTheAccountPagesAndSignOut() {
        chromium.open(Server.ISSUER + "/account/applications");
        chromium.signIn(PERSON, PERSON_PASSWORD);
        chromium.waitForUrl(Server.ISSUER + "/account/applications");
        chromium.open(Server.ISSUER + "/login");
        assertTrue(chromium.find("h1").getText().contains("signed in"), chromium.driver.getPageSource());
        List<String> links = chromium.driver.findElements(By.cssSelector("main a")).stream()
                .map(a -> a.getAttribute("href")).toList();
        assertEquals(List.of(Server.ISSUER + "/account/applications", Server.ISSUER + "/account/tokens",
                Server.ISSUER + "/oauth/logout"), links);
        chromium.screenshot("signed-in");
        chromium.assertAccessible("signed-in");
    }
}
