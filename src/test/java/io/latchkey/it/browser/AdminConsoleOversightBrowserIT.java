package io.latchkey.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.latchkey.it.Deployments;
import io.latchkey.it.IssuedSecrets;
import io.latchkey.it.Server;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * The console's oversight pages in chromium, each checked with axe-core: the overview, the posture review (a
 * finding reviewed and fixed with its one-click form), tokens, signing keys and the audit log; the README's
 * screenshots of the overview, the posture findings, the keys and the audit log.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdminConsoleOversightBrowserIT extends ChromiumBrowserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "it-admin";
    private static final String ADMIN_PASSWORD = IssuedSecrets.remember("it-admin-password-0123");
    private static final String ADMIN_SERVICE = "it-admin-service";
    private static final String ADMIN_SERVICE_SECRET =
            IssuedSecrets.remember("it-admin-service-secret-0123456789abcdefghij");
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.war();
    }

    @Test
    void anAdministratorReviewsAPostureFindingFixesItAndVisitsEveryOversightPage() throws Exception {
        String clientId = "it-browser-posture-" + RUN;
        assertEquals(201, createServiceWithAdminScope(clientId));

        chromium.open(Server.ISSUER + "/admin");
        chromium.signIn(ADMIN, ADMIN_PASSWORD);
        chromium.waitForUrl(Server.ISSUER + "/admin");
        assertTrue(Integer.parseInt(chromium.find("#findings-high").getText()) >= 1);
        chromium.assertAccessible("console overview with counts");
        chromium.screenshot("console-overview");

        chromium.find("a[href$='/admin/posture#severity-high']").click();
        chromium.waitForUrl(Server.ISSUER + "/admin/posture");
        String finding = "article[data-rule='service_with_admin_scope'][data-subject='" + clientId + "']";
        assertTrue(chromium.find(finding).getText().contains("latchkey:admin"), "the evidence names the scope");
        chromium.assertAccessible("console posture");
        chromium.screenshot("console-posture");

        int high = Integer.parseInt(chromium.find("#count-high").getText());
        chromium.find(finding + " form button[type=submit]").click();
        chromium.waitForUrl(Server.ISSUER + "/admin/posture/fix");
        assertTrue(chromium.find("#notice").getText().startsWith("Fixed: "), chromium.driver.getPageSource());
        assertTrue(chromium.driver.findElements(By.cssSelector(finding)).isEmpty(), "the finding is gone");
        assertEquals(high - 1, Integer.parseInt(chromium.find("#count-high").getText()));
        chromium.assertAccessible("console posture after a fix");

        chromium.find("nav.console-nav a[href$='/admin/tokens']").click();
        chromium.waitForUrl(Server.ISSUER + "/admin/tokens");
        assertEquals("page", chromium.find("nav.console-nav a[href$='/admin/tokens']").getAttribute("aria-current"));
        chromium.assertAccessible("console tokens");

        chromium.find("nav.console-nav a[href$='/admin/scopes']").click();
        chromium.waitForUrl(Server.ISSUER + "/admin/scopes");
        chromium.find("#name").sendKeys("not a scope name");
        chromium.find("#description").sendKeys("Refused: a scope name has no spaces");
        chromium.find("form[action$='/admin/scopes'] button[type=submit]").click();
        new WebDriverWait(chromium.driver, Duration.ofSeconds(30))
                .until(d -> !d.findElements(By.id("name-error")).isEmpty());
        assertEquals("true", chromium.find("#name").getAttribute("aria-invalid"));
        chromium.assertAccessible("console scopes with a field marked");

        chromium.find("nav.console-nav a[href$='/admin/keys']").click();
        chromium.waitForUrl(Server.ISSUER + "/admin/keys");
        assertFalse(chromium.driver.findElements(By.cssSelector("dd.state")).isEmpty());
        chromium.assertAccessible("console signing keys");
        chromium.screenshot("console-keys");

        chromium.find("nav.console-nav a[href$='/admin/audit']").click();
        chromium.waitForUrl(Server.ISSUER + "/admin/audit");
        chromium.find("#target").sendKeys("application:" + clientId);
        chromium.find("form[role=search] button[type=submit]").click();
        chromium.waitForUrl(Server.ISSUER + "/admin/audit?");
        assertTrue(chromium.find("table.console-table").getText().contains("application.update"),
                "the fix is audited");
        assertTrue(chromium.find("td.changed").getText().contains("scopes"));
        chromium.assertAccessible("console audit log");
        chromium.open(Server.ISSUER + "/admin/audit");
        chromium.screenshot("console-audit");

        chromium.open(Server.ISSUER + "/admin/audit?from=yesterday");
        assertEquals("true", chromium.find("#from").getAttribute("aria-invalid"));
        chromium.assertAccessible("console audit log with a filter marked");
    }

    private static int createServiceWithAdminScope(String clientId) throws Exception {
        HttpResponse<String> token = Server.token(ADMIN_SERVICE, ADMIN_SERVICE_SECRET,
                "grant_type=client_credentials&scope=" + Server.form("latchkey:admin"));
        assertEquals(200, token.statusCode(), token::body);
        String bearer = IssuedSecrets.remember(JSON.readTree(token.body()).path("access_token").asText());
        return Server.send(HttpRequest.newBuilder(Server.uri("/api/admin/applications"))
                .header("Authorization", "Bearer " + bearer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"client_id\":\"" + clientId
                        + "\",\"type\":\"m2m\",\"scopes\":[\"latchkey:admin\",\"orders:read\"]}")).build())
                .statusCode();
    }
}
