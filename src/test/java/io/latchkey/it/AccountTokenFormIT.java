package io.latchkey.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
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
 * The token form as people meet it: it offers only the applications the person may create tokens for, that
 * application's scopes and lifetimes within its cap; a wrong field comes back marked with the rule it broke
 * (aria-invalid, aria-describedby) and with everything typed kept.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AccountTokenFormIT {
    private static final String APP_ID = "it-pat-app";
    private static final String ADMIN_ONLY_ID = "it-pat-admin-only";
    private static final String PERSON = "pat-user";
    private static final String PERSON_PASSWORD = IssuedSecrets.remember("pat-user-password-0123");
    private static final String ADMIN = "it-admin";
    private static final String ADMIN_PASSWORD = IssuedSecrets.remember("it-admin-password-0123");
    private static final Pattern TAG = Pattern.compile("<(?:input|select|fieldset|p)\\b[^>]*>", Pattern.CASE_INSENSITIVE);

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.war();
    }

    @Test
    void aPersonIsOfferedOnlyTheApplicationsOpenToEveryoneWithTheirScopesAndCap() {
        String page = ok(signedIn(PERSON, PERSON_PASSWORD).get(Server.ISSUER + "/account/tokens"));

        assertEquals(APP_ID, value(tag(page, "input", "name=\"client_id\"")), page);
        assertTrue(page.contains("IT Tokens App"), page);
        assertFalse(page.contains(ADMIN_ONLY_ID), "an administrators-only application is not offered: " + page);
        assertFalse(page.contains(Server.WEB_ID), "an application with no tokens is not offered: " + page);
        assertEquals(List.of("openid", "orders:read", "profile"), checkboxes(page));
        String lifetime = tag(page, "input", "name=\"lifetime_days\"");
        assertTrue(lifetime.contains("max=\"30\""), lifetime);
        assertEquals("30", value(lifetime));
        assertEquals(List.of("1", "7", "30"), all(Pattern.compile("<option value=\"(\\d+)\""), page));
    }

    @Test
    void anAdministratorPicksFromTheListIncludingAdministratorsOnlyApplications() {
        CookieBrowser browser = signedIn(ADMIN, ADMIN_PASSWORD);
        String page = ok(browser.get(Server.ISSUER + "/account/tokens"));
        String path = java.net.URI.create(Server.ISSUER).getPath() + "/account/tokens?client_id=";
        assertTrue(page.contains("href=\"" + path + ADMIN_ONLY_ID + "\""), page);
        assertTrue(page.contains("href=\"" + path + APP_ID + "\""), page);

        String chosen = ok(browser.get(Server.ISSUER + "/account/tokens?client_id=" + ADMIN_ONLY_ID));
        assertEquals(ADMIN_ONLY_ID, value(tag(chosen, "input", "name=\"client_id\"")));
        assertEquals(List.of("orders:read"), checkboxes(chosen));
        assertTrue(Pattern.compile("href=\"" + Pattern.quote(path + ADMIN_ONLY_ID) + "\"\\s+aria-current=\"true\"")
                .matcher(chosen).find(), chosen);
    }

    @Test
    void wrongFieldsAreMarkedWithTheirRuleAndWhatWasTypedIsKept() {
        CookieBrowser browser = signedIn(PERSON, PERSON_PASSWORD);
        HttpResponse<String> response = create(browser, "my laptop", "", "abc");

        assertEquals(400, response.statusCode(), response.body());
        String page = response.body();
        String name = tag(page, "input", "name=\"name\"");
        assertEquals("my laptop", value(name));
        assertFalse(name.contains("aria-invalid"), name);
        String lifetime = tag(page, "input", "name=\"lifetime_days\"");
        assertEquals("abc", value(lifetime));
        assertTrue(lifetime.contains("aria-invalid=\"true\""), lifetime);
        assertTrue(lifetime.contains("aria-describedby=\"lifetime_days-error\""), lifetime);
        assertEquals("Enter a whole number of days from 1 to 30: this application&#39;s tokens last at most 30 days.",
                text(page, "lifetime_days-error"));
        String openid = tag(page, "input", "value=\"openid\"");
        assertTrue(openid.contains("aria-invalid=\"true\"") && openid.contains("aria-describedby=\"scope-error\""),
                openid);
        assertEquals("Choose at least one scope.", text(page, "scope-error"));
        assertTrue(page.contains("role=\"alert\""), page);
        assertFalse(page.contains("invalid_request"), "the form, not the error page: " + page);
    }

    @Test
    void aBlankNameKeepsTheCheckedScopesAndTheLifetime() {
        HttpResponse<String> response = create(signedIn(PERSON, PERSON_PASSWORD), "   ", "orders:read profile", "7");

        assertEquals(400, response.statusCode(), response.body());
        String page = response.body();
        assertTrue(tag(page, "input", "name=\"name\"").contains("aria-invalid=\"true\""), page);
        assertEquals("Give the token a name of 1 to 100 characters, on one line.", text(page, "name-error"));
        assertTrue(tag(page, "input", "value=\"orders:read\"").contains("checked"), page);
        assertTrue(tag(page, "input", "value=\"profile\"").contains("checked"), page);
        assertFalse(tag(page, "input", "value=\"openid\"").contains("checked"), page);
        assertEquals("7", value(tag(page, "input", "name=\"lifetime_days\"")));
    }

    @Test
    void aLifetimePastTheApplicationsCapIsMarkedWithTheCap() {
        HttpResponse<String> response = create(signedIn(PERSON, PERSON_PASSWORD), "cli", "orders:read", "31");

        assertEquals(400, response.statusCode(), response.body());
        assertEquals("31", value(tag(response.body(), "input", "name=\"lifetime_days\"")));
        assertTrue(text(response.body(), "lifetime_days-error").contains("from 1 to 30"), response.body());
        assertFalse(response.body().contains("lk_pat_"), response.body());

        HttpResponse<String> created = create(signedIn(PERSON, PERSON_PASSWORD), "cli", "orders:read", "30");
        assertEquals(200, created.statusCode(), created.body());
        assertTrue(created.body().contains("lk_pat_"), created.body());
    }

    @Test
    void anApplicationNotOnTheListIsMarkedAsSuch() {
        CookieBrowser browser = signedIn(PERSON, PERSON_PASSWORD);
        String csrf = CookieBrowser.form(browser.get(Server.ISSUER + "/account/tokens")).field("csrf");
        Map<String, String> fields = fields(csrf, "cli", "orders:read", "7");
        fields.put("client_id", "no-such-application");
        HttpResponse<String> response = browser.post(Server.ISSUER + "/account/tokens", fields);

        assertEquals(400, response.statusCode(), response.body());
        assertEquals("Choose an application from the list.", text(response.body(), "client_id-error"));
        assertEquals("cli", value(tag(response.body(), "input", "name=\"name\"")));
    }

    private static HttpResponse<String> create(CookieBrowser browser, String name, String scope, String days) {
        String csrf = CookieBrowser.form(browser.get(Server.ISSUER + "/account/tokens")).field("csrf");
        return browser.post(Server.ISSUER + "/account/tokens", fields(csrf, name, scope, days));
    }

    private static Map<String, String> fields(String csrf, String name, String scope, String days) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("csrf", csrf);
        fields.put("client_id", APP_ID);
        fields.put("name", name);
        if (!scope.isEmpty()) {
            fields.put("scope", scope);
        }
        fields.put("lifetime_days", days);
        return fields;
    }

    private static CookieBrowser signedIn(String username, String password) {
        CookieBrowser browser = new CookieBrowser();
        HttpResponse<String> signedIn = browser.submitLogin(browser.get(Server.ISSUER + "/login"), username, password);
        assertEquals(200, signedIn.statusCode(), signedIn::body);
        return browser;
    }

    private static String ok(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response::body);
        return response.body();
    }

    /** The first tag of this kind that carries {@code marker}. */
    private static String tag(String page, String kind, String marker) {
        Matcher tags = TAG.matcher(page);
        while (tags.find()) {
            String tag = tags.group();
            if (tag.regionMatches(true, 1, kind, 0, kind.length()) && tag.contains(marker)) {
                return tag;
            }
        }
        throw new AssertionError("no <" + kind + "> with " + marker + " in " + page);
    }

    private static String value(String tag) {
        Matcher value = Pattern.compile("\\svalue=\"([^\"]*)\"").matcher(tag);
        return value.find() ? value.group(1) : "";
    }

    /** The text of the element with this id. */
    private static String text(String page, String id) {
        Matcher element = Pattern.compile("id=\"" + Pattern.quote(id) + "\"[^>]*>([^<]*)<").matcher(page);
        assertTrue(element.find(), () -> "no #" + id + " in " + page);
        return element.group(1).trim();
    }

    private static List<String> checkboxes(String page) {
        return all(Pattern.compile("<input type=\"checkbox\" name=\"scope\"[^>]*value=\"([^\"]+)\""), page);
    }

    private static List<String> all(Pattern pattern, String page) {
        Matcher matcher = pattern.matcher(page);
        List<String> found = new java.util.ArrayList<>();
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }
}
