package io.latchkey.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The audit trail from outside: a failed and a successful sign-in and a consent each leave their event, stored
 * (the stored trail writes the {@code audit:} line only once the row is committed, and warns when it is not) and
 * tied to the request by its {@code X-Request-Id}; the password typed never appears.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AuditTrailIT {
    private static final String LOGIN = Server.ISSUER + "/login";
    private static final String MY_APPLICATIONS = Server.ISSUER + "/account/applications";

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.war();
    }

    @Test
    void signInsAndAConsentAreAuditedWithTheirRequestIds() throws Exception {
        CookieBrowser browser = new CookieBrowser();
        String wrongPassword = IssuedSecrets.remember("audit-wrong-password-" + UUID.randomUUID());
        HttpResponse<String> failed = browser.submitLogin(browser.get(LOGIN), Authorization.BOB, wrongPassword);
        assertEquals(401, failed.statusCode(), failed::body);
        HttpResponse<String> loginPage = browser.get(LOGIN);
        HttpResponse<String> signedIn = browser.submitLogin(loginPage, Authorization.BOB,
                Authorization.BOB_PASSWORD);
        assertEquals(200, signedIn.statusCode(), signedIn::body);

        // Take back any earlier consent of bob to the web application (another test's), so that it is asked for
        // again; the CSRF field is the browser's, the same on every form.
        HttpResponse<String> revoked = browser.post(MY_APPLICATIONS + "/revoke", Map.of(
                "csrf", CookieBrowser.form(loginPage).field("csrf"), "client_id", Server.WEB_ID));
        assertEquals(303, revoked.statusCode(), revoked::body);
        String consentPage = CookieBrowser.seeOther(browser.authorize(Authorization.web()));
        assertTrue(consentPage.startsWith(Server.ISSUER + "/consent?"), consentPage);
        HttpResponse<String> allowed = browser.decide(browser.get(consentPage), "allow");
        assertEquals(303, allowed.statusCode(), allowed::body);

        String subject = "account:[A-Za-z0-9_-]+";
        List<Pattern> expected = List.of(
                Pattern.compile("audit: sign_in failure by anonymous on sign_in request "
                        + Pattern.quote(requestId(failed)) + " from 127\\.0\\.0\\.1: wrong username or password"),
                Pattern.compile("audit: sign_in success by " + subject + " on " + subject + " request "
                        + Pattern.quote(requestId(signedIn)) + " from 127\\.0\\.0\\.1: with a password"),
                Pattern.compile("audit: consent\\.granted success by " + subject + " on consent:[A-Za-z0-9_-]+/"
                        + Pattern.quote(Server.WEB_ID) + " request " + Pattern.quote(requestId(allowed))
                        + " from 127\\.0\\.0\\.1: scope [a-z: _]*openid"),
                Pattern.compile("audit: signing_key\\.loaded success by system on signing_key:"));
        String log = "";
        for (int attempt = 0; attempt < 40; attempt++) {
            log = serverLog();
            String text = log;
            if (expected.stream().allMatch(p -> p.matcher(text).find())) {
                break;
            }
            Thread.sleep(250);
        }
        for (Pattern pattern : expected) {
            assertTrue(pattern.matcher(log).find(), () -> "no line like " + pattern + " in the audit lines:\n"
                    + auditLines(serverLog()));
        }
        assertFalse(log.contains("could not store this audit event"), () -> auditLines(serverLog()));
        assertFalse(log.contains(wrongPassword), "the password typed is not logged");
    }

    private static String requestId(HttpResponse<?> response) {
        return response.headers().firstValue("X-Request-Id").orElseThrow();
    }

    private static String auditLines(String log) {
        return log.lines().filter(line -> line.contains("audit:")).collect(Collectors.joining("\n"));
    }

    private static String serverLog() {
        Path logs = Path.of(System.getProperty("it.server.logs"));
        try (Stream<Path> walk = Files.walk(logs)) {
            StringBuilder text = new StringBuilder();
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                text.append(new String(Files.readAllBytes(file), StandardCharsets.UTF_8)).append('\n');
            }
            return text.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
