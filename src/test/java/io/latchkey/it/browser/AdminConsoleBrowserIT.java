package io.latchkey.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.latchkey.it.Deployments;
import io.latchkey.it.IssuedSecrets;
import io.latchkey.it.Server;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The admin console in chromium, every page checked with axe-core: an administrator finds an application, rotates
 * its secret (the previous one keeps working during the overlap, checked at the token endpoint) and disables it
 * (refused at once at the token endpoint); someone who is not an administrator is refused.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdminConsoleBrowserIT extends ChromiumBrowserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "it-admin";
    private static final String ADMIN_PASSWORD = IssuedSecrets.remember("it-admin-password-0123");
    private static final String PERSON = "pat-user";
    private static final String PERSON_PASSWORD = IssuedSecrets.remember("pat-user-password-0123");
    private static final String ADMIN_SERVICE = "it-admin-service";
    private static final String ADMIN_SERVICE_SECRET =
            IssuedSecrets.remember("it-admin-service-secret-0123456789abcdefghij");
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.war();
    }

    @Test
    void anAdministratorRotatesASecretWithOverlapAndDisablesTheApplication() throws Exception {
        String clientId = "it-console-browser-" + RUN;
        String first = created(clientId);

        chromium.open(Server.ISSUER + "/admin");
        chromium.signIn(ADMIN, ADMIN_PASSWORD);
        chromium.waitForUrl(Server.ISSUER + "/admin");
        chromium.assertAccessible("console overview");

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
        assertEquals(200, clientToken(clientId, second).statusCode());
        assertEquals(200, clientToken(clientId, first).statusCode(), "the previous secret works during the overlap");

        chromium.find("form[action$='/enabled'] button[type=submit]").click();
        chromium.waitForUrl(Server.ISSUER + "/admin/applications/" + clientId + "/enabled");
        assertEquals("disabled", chromium.find("#status").getText());
        chromium.assertAccessible("console disabled application");
        assertEquals(401, clientToken(clientId, second).statusCode(), "refused at once");
        assertEquals(401, clientToken(clientId, first).statusCode(), "refused at once");
    }

    @Test
    void someoneWhoIsNotAnAdministratorIsRefused() {
        chromium.open(Server.ISSUER + "/admin");
        chromium.signIn(PERSON, PERSON_PASSWORD);
        chromium.waitForUrl(Server.ISSUER + "/admin");
        assertTrue(chromium.find("h1").getText().contains("Only administrators"), chromium.driver.getPageSource());
        chromium.assertAccessible("console refused");
    }

    private static String created(String clientId) throws Exception {
        HttpResponse<String> response = Server.token(ADMIN_SERVICE, ADMIN_SERVICE_SECRET,
                "grant_type=client_credentials&scope=" + Server.form("latchkey:admin"));
        assertEquals(200, response.statusCode(), response::body);
        String token = IssuedSecrets.remember(JSON.readTree(response.body()).path("access_token").asText());
        HttpResponse<String> created = Server.send(HttpRequest.newBuilder(Server.uri("/api/admin/applications"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"client_id\":\"" + clientId
                        + "\",\"type\":\"m2m\",\"scopes\":[\"orders:read\"]}")).build());
        assertEquals(201, created.statusCode(), created::body);
        return IssuedSecrets.remember(JSON.readTree(created.body()).path("secret").asText());
    }

    private static HttpResponse<String> clientToken(String clientId, String secret) {
        return Server.token(clientId, secret, "grant_type=client_credentials&scope=" + Server.form("orders:read"));
    }
}
