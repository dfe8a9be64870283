package io.latchkey.it;

import static io.latchkey.it.ConsoleSession.ADMIN;
import static io.latchkey.it.ConsoleSession.ADMIN_PASSWORD;
import static io.latchkey.it.ConsoleSession.PERSON;
import static io.latchkey.it.ConsoleSession.PERSON_PASSWORD;
import static io.latchkey.it.ConsoleSession.createdApplication;
import static io.latchkey.it.ConsoleSession.csrfOf;
import static io.latchkey.it.ConsoleSession.signedIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The admin console over HTTP: only administrators get in (a signed-out visitor signs in and comes back, anyone
 * else gets 403), every form is refused without its csrf field, and the applications forms act at once on the
 * token endpoint — a rotated secret overlaps with the previous one, a disabled application is refused.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdminConsoleIT {
    /** Applications made here carry this run's mark: the server's database outlives a test run. */
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);
    private static final Pattern SECRET = Pattern.compile("id=\"new-secret\"[^>]*value=\"([^\"]+)\"");

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.war();
    }

    @Test
    void aSignedOutVisitorSignsInAndComesBackToTheConsole() {
        CookieBrowser browser = new CookieBrowser();
        String login = CookieBrowser.seeOther(browser.get(Server.ISSUER + "/admin/applications"));
        assertEquals(Server.ISSUER + "/login?return_to=%2Fadmin%2Fapplications", login);

        CookieBrowser.Form form = CookieBrowser.form(browser.get(login));
        assertEquals("/admin/applications", form.field("return_to"));
        HttpResponse<String> signedIn = browser.post(Server.ISSUER + "/login", Map.of("csrf", form.field("csrf"),
                "return_to", form.field("return_to"), "username", ADMIN, "password", ADMIN_PASSWORD));
        assertEquals(Server.ISSUER + "/admin/applications", CookieBrowser.seeOther(signedIn));
        HttpResponse<String> list = browser.get(Server.ISSUER + "/admin/applications");
        assertEquals(200, list.statusCode(), list::body);
        assertTrue(list.body().contains(Server.WEB_ID), list::body);
        assertTrue(list.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'none'"));
    }

    @Test
    void someoneWhoIsNotAnAdministratorIsRefusedEveryPageAndForm() {
        String clientId = created("it-console-refused-" + RUN);
        String secret = firstSecret;
        CookieBrowser browser = signedIn(PERSON, PERSON_PASSWORD);
        for (String page : new String[] {"/admin", "/admin/applications", "/admin/applications/" + Server.WEB_ID,
                "/admin/sign-in"}) {
            HttpResponse<String> response = browser.get(Server.ISSUER + page);
            assertEquals(403, response.statusCode(), page);
            assertTrue(response.body().contains("Only administrators may use the console"), response::body);
            assertFalse(response.body().contains(Server.WEB_ID + "</code>"), response::body);
        }
        // Even with a valid csrf field of its own browser, the form is refused and nothing changes.
        String csrf = CookieBrowser.form(browser.get(Server.ISSUER + "/account/tokens")).field("csrf");
        HttpResponse<String> disable = browser.post(Server.ISSUER + "/admin/applications/" + clientId + "/enabled",
                Map.of("csrf", csrf, "enabled", "false", "version", "1"));
        assertEquals(403, disable.statusCode(), disable::body);
        assertEquals(200, clientToken(clientId, secret).statusCode());
    }

    @Test
    void theOverviewCountsApplicationsAndTheListFilters() {
        CookieBrowser browser = signedIn(ADMIN, ADMIN_PASSWORD);
        HttpResponse<String> overview = browser.get(Server.ISSUER + "/admin");
        assertEquals(200, overview.statusCode(), overview::body);
        Matcher disabled = Pattern.compile("id=\"disabled-total\">(\\d+)<").matcher(overview.body());
        assertTrue(disabled.find(), overview::body);
        assertTrue(Integer.parseInt(disabled.group(1)) >= 1, "it-disabled is disabled: " + overview.body());
        Matcher signIns = Pattern.compile("id=\"sign-ins\">(\\d+)<").matcher(overview.body());
        assertTrue(signIns.find() && Integer.parseInt(signIns.group(1)) >= 1, "this one at least: " + overview.body());
        assertTrue(overview.body().contains("<code>sign_in</code>"), "the latest audit events: " + overview.body());

        String webOnly = browser.get(Server.ISSUER + "/admin/applications?type=web").body();
        assertTrue(webOnly.contains(">" + Server.WEB_ID + "<"), webOnly);
        assertFalse(webOnly.contains(">" + Server.SPA_ID + "<"), webOnly);
        String disabledOnly = browser.get(Server.ISSUER + "/admin/applications?status=disabled").body();
        assertTrue(disabledOnly.contains(">" + Server.DISABLED_ID + "<"), disabledOnly);
        assertFalse(disabledOnly.contains(">" + Server.WEB_ID + "<"), disabledOnly);
        String searched = browser.get(Server.ISSUER + "/admin/applications?q=nodefault").body();
        assertTrue(searched.contains(">" + Server.NO_DEFAULT_ID + "<"), searched);
        assertFalse(searched.contains(">" + Server.WEB_ID + "<"), searched);
    }

    @Test
    void everyFormIsRefusedWithoutItsCsrfFieldOrFromAnotherSite() {
        String clientId = created("it-console-csrf-" + RUN);
        CookieBrowser browser = signedIn(ADMIN, ADMIN_PASSWORD);
        String page = Server.ISSUER + "/admin/applications/" + clientId;
        String csrf = csrfOf(browser.get(page));
        for (String action : new String[] {"/enabled", "/secrets/rotate", "/secrets/retire"}) {
            HttpResponse<String> without = browser.post(page + action, Map.of("enabled", "false", "version", "1",
                    "secret_id", "1"));
            assertEquals(403, without.statusCode(), action);
            HttpResponse<String> forged = browser.post(page + action, Map.of("csrf", csrf + "x", "enabled", "false",
                    "version", "1", "secret_id", "1"));
            assertEquals(403, forged.statusCode(), action);
            HttpResponse<String> foreign = browser.send(HttpRequest.newBuilder(URI.create(page + action))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", "https://evil.example")
                    .POST(HttpRequest.BodyPublishers.ofString("csrf=" + csrf + "&enabled=false&version=1")).build());
            assertEquals(403, foreign.statusCode(), action);
        }
        HttpResponse<String> after = browser.get(page);
        assertTrue(after.body().contains("id=\"status\">enabled<"), after::body);
        assertEquals(1, Pattern.compile("<td>current</td>").matcher(after.body()).results().count(), after::body);
    }

    @Test
    void aRotatedSecretIsShownOnceAndOverlapsThenDisablingRefusesAtOnce() {
        String clientId = created("it-console-rotate-" + RUN);
        String first = IssuedSecrets.remember(firstSecret);
        assertEquals(200, clientToken(clientId, first).statusCode());
        CookieBrowser browser = signedIn(ADMIN, ADMIN_PASSWORD);
        String page = Server.ISSUER + "/admin/applications/" + clientId;

        HttpResponse<String> rotated = browser.post(page + "/secrets/rotate", Map.of("csrf", csrfOf(browser.get(page))));
        assertEquals(200, rotated.statusCode(), rotated::body);
        Matcher secret = SECRET.matcher(rotated.body());
        assertTrue(secret.find(), rotated::body);
        String second = IssuedSecrets.remember(secret.group(1));
        assertNotEquals(first, second);
        assertEquals(200, clientToken(clientId, second).statusCode());
        assertEquals(200, clientToken(clientId, first).statusCode(), "the previous secret works during the overlap");
        HttpResponse<String> again = browser.get(page);
        assertFalse(again.body().contains(second), "the new value is shown only once");

        Matcher version = Pattern.compile("name=\"version\" value=\"(\\d+)\"").matcher(again.body());
        assertTrue(version.find(), again::body);
        HttpResponse<String> disabled = browser.post(page + "/enabled",
                Map.of("csrf", csrfOf(again), "enabled", "false", "version", version.group(1)));
        assertEquals(200, disabled.statusCode(), disabled::body);
        assertTrue(disabled.body().contains("The application was disabled."), disabled::body);
        assertEquals(401, clientToken(clientId, second).statusCode(), "refused at once");

        HttpResponse<String> stale = browser.post(page + "/enabled",
                Map.of("csrf", csrfOf(again), "enabled", "true", "version", version.group(1)));
        assertEquals(409, stale.statusCode(), "a form made from an older version is refused: " + stale.body());
        Matcher current = Pattern.compile("name=\"version\" value=\"(\\d+)\"").matcher(stale.body());
        assertTrue(current.find(), stale::body);
        HttpResponse<String> enabled = browser.post(page + "/enabled",
                Map.of("csrf", csrfOf(stale), "enabled", "true", "version", current.group(1)));
        assertEquals(200, enabled.statusCode(), enabled::body);
        assertEquals(200, clientToken(clientId, second).statusCode());
    }

    @Test
    void theNewApplicationFormKeepsWhatWasTypedMarksTheWrongFieldThenCreatesAndShowsTheSecretOnce() {
        CookieBrowser browser = signedIn(ADMIN, ADMIN_PASSWORD);
        HttpResponse<String> m2mForm = browser.get(Server.ISSUER + "/admin/new-application?type=m2m");
        assertEquals(200, m2mForm.statusCode(), m2mForm::body);
        assertFalse(m2mForm.body().contains("name=\"redirect_uris\""), "an m2m application has no redirect URIs");
        HttpResponse<String> form = browser.get(Server.ISSUER + "/admin/new-application?type=web");
        assertTrue(form.body().contains("name=\"redirect_uris\""), form::body);
        String clientId = "it-console-web-" + RUN;
        Map<String, String> fields = new java.util.HashMap<>(Map.of("csrf", csrfOf(form), "type", "web",
                "client_id", clientId, "name", "Console web app", "redirect_uris", "https://evil.example/cb#fragment",
                "scopes", "openid profile"));

        HttpResponse<String> refused = browser.post(Server.ISSUER + "/admin/applications", fields);
        assertEquals(400, refused.statusCode(), refused::body);
        assertTrue(Pattern.compile("<textarea id=\"redirect_uris\"[^>]*aria-invalid=\"true\"[^>]*>https://evil.example/cb#fragment<")
                .matcher(refused.body()).find(), refused::body);
        assertTrue(refused.body().contains("id=\"redirect_uris-error\""), refused::body);
        assertTrue(refused.body().contains("value=\"Console web app\""), "what was typed is kept: " + refused.body());
        assertTrue(refused.body().contains("value=\"openid profile\""), refused::body);

        fields.put("redirect_uris", "https://console-app.example/cb");
        HttpResponse<String> created = browser.post(Server.ISSUER + "/admin/applications", fields);
        assertEquals(201, created.statusCode(), created::body);
        Matcher secret = SECRET.matcher(created.body());
        assertTrue(secret.find(), created::body);
        String value = IssuedSecrets.remember(secret.group(1));
        assertEquals(400, Server.token(clientId, value, "grant_type=authorization_code&code=none&redirect_uri="
                + Server.form("https://console-app.example/cb")).statusCode(), "the secret authenticates the client");
        assertFalse(browser.get(Server.ISSUER + "/admin/applications/" + clientId).body().contains(value));

        HttpResponse<String> again = browser.post(Server.ISSUER + "/admin/applications", fields);
        assertEquals(409, again.statusCode(), again::body);
        assertTrue(again.body().contains("id=\"client_id-error\""), again::body);
    }

    @Test
    void deletingNeedsTheConfirmationBoxThenTheApplicationIsGone() {
        String clientId = created("it-console-delete-" + RUN);
        String secret = firstSecret;
        CookieBrowser browser = signedIn(ADMIN, ADMIN_PASSWORD);
        String page = Server.ISSUER + "/admin/applications/" + clientId;
        HttpResponse<String> before = browser.get(page);
        Matcher version = Pattern.compile("name=\"version\" value=\"(\\d+)\"").matcher(before.body());
        assertTrue(version.find(), before::body);

        HttpResponse<String> unconfirmed = browser.post(page + "/delete",
                Map.of("csrf", csrfOf(before), "version", version.group(1)));
        assertEquals(400, unconfirmed.statusCode(), unconfirmed::body);
        assertEquals(200, clientToken(clientId, secret).statusCode(), "still there");

        HttpResponse<String> deleted = browser.post(page + "/delete",
                Map.of("csrf", csrfOf(before), "version", version.group(1), "confirm", "yes"));
        assertEquals(Server.ISSUER + "/admin/applications", CookieBrowser.seeOther(deleted));
        assertEquals(404, browser.get(page).statusCode());
        assertEquals(401, clientToken(clientId, secret).statusCode(), "gone at the token endpoint");
    }

    @Test
    void signingInAgainChecksThePasswordStartsANewSessionAndGoesBackToTheConsolePage() {
        CookieBrowser browser = signedIn(ADMIN, ADMIN_PASSWORD);
        String session = browser.cookie(CookieBrowser.SESSION_COOKIE).orElseThrow();
        String form = Server.ISSUER + "/admin/sign-in?return_to=%2Fadmin%2Fapplications%2F" + Server.WEB_ID;
        HttpResponse<String> page = browser.get(form);
        assertEquals(200, page.statusCode(), page::body);
        String csrf = csrfOf(page);
        assertEquals("/admin/applications/" + Server.WEB_ID, CookieBrowser.form(page).field("return_to"));

        HttpResponse<String> wrong = browser.post(Server.ISSUER + "/admin/sign-in",
                Map.of("csrf", csrf, "return_to", "/admin/applications", "password", "not-the-password"));
        assertEquals(401, wrong.statusCode(), wrong::body);
        assertEquals(session, browser.cookie(CookieBrowser.SESSION_COOKIE).orElseThrow());

        HttpResponse<String> withoutCsrf = browser.post(Server.ISSUER + "/admin/sign-in",
                Map.of("return_to", "/admin/applications", "password", ADMIN_PASSWORD));
        assertEquals(403, withoutCsrf.statusCode(), withoutCsrf::body);

        HttpResponse<String> again = browser.post(Server.ISSUER + "/admin/sign-in",
                Map.of("csrf", csrf, "return_to", "//evil.example/admin", "password", ADMIN_PASSWORD));
        assertEquals(Server.ISSUER + "/admin", CookieBrowser.seeOther(again), "a foreign target falls back");
        String renewed = browser.cookie(CookieBrowser.SESSION_COOKIE).orElseThrow();
        assertNotEquals(session, renewed);
        assertEquals(200, browser.get(Server.ISSUER + "/admin").statusCode());

        CookieBrowser old = new CookieBrowser();
        HttpResponse<String> withOldSession = old.send(HttpRequest.newBuilder(URI.create(Server.ISSUER + "/admin"))
                .header("Cookie", CookieBrowser.SESSION_COOKIE + "=" + session + "; " + CookieBrowser.BROWSER_COOKIE
                        + "=" + browser.cookie(CookieBrowser.BROWSER_COOKIE).orElseThrow()).GET().build());
        assertEquals(303, withOldSession.statusCode(), "the old session ended");
    }

    // ---- helpers ----

    private String firstSecret;

    /** A new web application made through the admin API; its first secret is kept in {@link #firstSecret}. */
    private String created(String clientId) {
        firstSecret = createdApplication("{\"client_id\":\"" + clientId + "\",\"type\":\"m2m\","
                + "\"scopes\":[\"orders:read\"]}");
        return clientId;
    }

    private static HttpResponse<String> clientToken(String clientId, String secret) {
        return Server.token(clientId, secret, "grant_type=client_credentials&scope=" + Server.form("orders:read"));
    }
}
