package io.latchkey.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
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
 * The console's application pages over HTTP, as an administrator: the settings form (a wrong field kept and
 * marked, a stale version refused with the current state, the change effective at once at the token and
 * authorization endpoints), an application's consents and live tokens revoked from its page, the list a page at a
 * time with its posture findings, and an application whose client_id is {@code new}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdminConsoleApplicationsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "it-admin";
    private static final String ADMIN_PASSWORD = IssuedSecrets.remember("it-admin-password-0123");
    private static final String PERSON = "pat-user";
    private static final String PERSON_PASSWORD = IssuedSecrets.remember("pat-user-password-0123");
    private static final String ADMIN_SERVICE = "it-admin-service";
    private static final String ADMIN_SERVICE_SECRET =
            IssuedSecrets.remember("it-admin-service-secret-0123456789abcdefghij");
    /** Applications made here carry this run's mark: the server's database outlives a test run. */
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);
    private static final Pattern PAT = Pattern.compile("lk_pat_[0-9A-Za-z]{49}");
    private static final Pattern SETTINGS_VERSION = Pattern.compile(
            "action=\"[^\"]*/settings\">\\s*<input type=\"hidden\" name=\"csrf\" value=\"[^\"]+\">\\s*"
                    + "<input type=\"hidden\" name=\"version\" value=\"(\\d+)\"");

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.war();
    }

    @Test
    void theSettingsFormKeepsAWrongFieldRefusesAStaleVersionAndActsAtTheTokenEndpoint() {
        String clientId = "it-capps-m2m-" + RUN;
        String secret = created("{\"client_id\":\"" + clientId + "\",\"type\":\"m2m\","
                + "\"scopes\":[\"orders:read\",\"reports:read\"],\"default_scopes\":[]}");
        assertEquals(200, clientToken(clientId, secret, "orders:read").statusCode());
        CookieBrowser browser = signedIn(ADMIN, ADMIN_PASSWORD);
        String page = Server.ISSUER + "/admin/applications/" + clientId;
        HttpResponse<String> shown = browser.get(page);
        assertEquals(200, shown.statusCode(), shown::body);
        assertFalse(shown.body().contains("name=\"redirect_uris\""), "an m2m application has no redirect URIs");
        assertFalse(shown.body().contains("name=\"refresh_tokens\""), shown::body);
        assertTrue(shown.body().contains("name=\"introspect_any\""), "an m2m application is confidential");
        assertTrue(shown.body().contains("<option value=\"None\" selected"), shown::body);
        String version = settingsVersion(shown);

        Map<String, String> fields = new LinkedHashMap<>(Map.of("csrf", csrfOf(shown), "version", version,
                "name", "Reports robot", "scopes", "reports:read", "default_scopes", "",
                "access_tokens", "AdministratorsOnly", "max_token_lifetime_days", "0", "enabled", "yes"));
        HttpResponse<String> refused = browser.post(page + "/settings", fields);
        assertEquals(400, refused.statusCode(), refused::body);
        assertTrue(Pattern.compile("<input id=\"max_token_lifetime_days\"[^>]*value=\"0\"[^>]*aria-invalid=\"true\""
                + "[^>]*aria-describedby=\"max_token_lifetime_days-error\"").matcher(refused.body()).find(),
                refused::body);
        assertTrue(refused.body().contains("id=\"max_token_lifetime_days-error\">must be between"), refused::body);
        assertTrue(refused.body().contains("value=\"Reports robot\""), "what was typed is kept: " + refused.body());
        assertTrue(refused.body().contains("<option value=\"AdministratorsOnly\" selected"), refused::body);
        assertEquals(200, clientToken(clientId, secret, "orders:read").statusCode(), "nothing was saved");

        fields.put("max_token_lifetime_days", "30");
        HttpResponse<String> saved = browser.post(page + "/settings", fields);
        assertEquals(200, saved.statusCode(), saved::body);
        assertTrue(saved.body().contains("Saved: "), saved::body);
        assertTrue(saved.body().contains("id=\"access-tokens-now\">AdministratorsOnly<"), saved::body);
        assertEquals(400, clientToken(clientId, secret, "orders:read").statusCode(), "the scope was taken away");
        assertEquals(200, clientToken(clientId, secret, "reports:read").statusCode());

        fields.put("name", "A stale rename");
        HttpResponse<String> stale = browser.post(page + "/settings", fields);
        assertEquals(409, stale.statusCode(), "made from an older version: " + stale.body());
        assertTrue(stale.body().contains("Someone changed this application meanwhile"), stale::body);
        assertTrue(stale.body().contains("value=\"A stale rename\""), "the typed values are kept: " + stale.body());
        assertTrue(stale.body().contains("<h1>Reports robot</h1>"), "and the current state shown: " + stale.body());
        String current = settingsVersion(stale);
        assertEquals(Long.parseLong(version) + 1, Long.parseLong(current));
        fields.put("version", current);
        HttpResponse<String> again = browser.post(page + "/settings", fields);
        assertEquals(200, again.statusCode(), again::body);
        assertTrue(again.body().contains("<h1>A stale rename</h1>"), again::body);
    }

    @Test
    void anEditedRedirectUriActsAtTheAuthorizationEndpointAndConsentsAndTokensAreRevokedFromThePage() {
        String clientId = "it-capps-web-" + RUN;
        String oldCallback = Authorization.RP + "/web/callback";
        String newCallback = Authorization.RP + "/capps/callback";
        created("{\"client_id\":\"" + clientId + "\",\"type\":\"web\",\"redirect_uris\":[\"" + oldCallback + "\"],"
                + "\"scopes\":[\"openid\",\"profile\",\"orders:read\"]}");
        CookieBrowser person = signedIn(PERSON, PERSON_PASSWORD);
        assertFalse(PAT.matcher(pat(person, clientId).body()).find(), "its policy is None: nobody makes tokens");

        CookieBrowser admin = signedIn(ADMIN, ADMIN_PASSWORD);
        String page = Server.ISSUER + "/admin/applications/" + clientId;
        HttpResponse<String> shown = admin.get(page);
        assertTrue(shown.body().contains("name=\"response_type_code\""), "a web application chooses response types");
        Map<String, String> fields = new LinkedHashMap<>(Map.of("csrf", csrfOf(shown),
                "version", settingsVersion(shown), "name", "Console web", "redirect_uris", newCallback,
                "scopes", "openid profile orders:read", "access_tokens", "AuthenticatedUsers",
                "max_token_lifetime_days", "30", "response_type_code", "yes", "enabled", "yes"));
        HttpResponse<String> saved = admin.post(page + "/settings", fields);
        assertEquals(200, saved.statusCode(), saved::body);

        HttpResponse<String> old = new CookieBrowser().authorize(Authorization.of(clientId, oldCallback, "openid"));
        assertEquals(400, old.statusCode(), "the old redirect URI is no longer registered: " + old.body());
        String next = CookieBrowser.seeOther(new CookieBrowser().authorize(Authorization.of(clientId, newCallback,
                "openid")));
        assertTrue(next.startsWith(Server.ISSUER + "/login?"), next);

        // A consent: alice allows the application; the console lists it and revokes it.
        CookieBrowser alice = new CookieBrowser();
        URI back = alice.signIn(Authorization.of(clientId, newCallback, "openid profile"), Authorization.ALICE,
                Authorization.ALICE_PASSWORD);
        assertTrue(back.toString().startsWith(newCallback + "?"), back::toString);
        HttpResponse<String> withConsent = admin.get(page);
        Matcher consent = Pattern.compile("<th scope=\"row\">alice</th>\\s*<td>openid profile</td>[\\s\\S]*?"
                + "name=\"subject\" value=\"([^\"]+)\"").matcher(withConsent.body());
        assertTrue(consent.find(), withConsent::body);
        HttpResponse<String> revoked = admin.post(page + "/consents/revoke",
                Map.of("csrf", csrfOf(withConsent), "subject", consent.group(1)));
        assertEquals(200, revoked.statusCode(), revoked::body);
        assertTrue(revoked.body().contains("The consent was revoked"), revoked::body);
        assertFalse(revoked.body().contains("<th scope=\"row\">alice</th>"), revoked::body);
        String asked = CookieBrowser.seeOther(alice.authorize(Authorization.of(clientId, newCallback,
                "openid profile")));
        assertTrue(asked.startsWith(Server.ISSUER + "/consent?"), "asked to consent again: " + asked);

        // A personal access token, allowed by the new policy; revoked from the application's page.
        String token = IssuedSecrets.remember(found(PAT, pat(person, clientId).body()));
        assertEquals(200, userInfo(token).statusCode());
        HttpResponse<String> withToken = admin.get(page);
        Matcher id = Pattern.compile("name=\"token_id\" value=\"([A-Za-z0-9_-]{8})\"").matcher(withToken.body());
        assertTrue(id.find(), withToken::body);
        assertTrue(token.startsWith("lk_pat_"));
        HttpResponse<String> tokenRevoked = admin.post(page + "/tokens/revoke",
                Map.of("csrf", csrfOf(withToken), "token_id", id.group(1)));
        assertEquals(200, tokenRevoked.statusCode(), tokenRevoked::body);
        assertTrue(tokenRevoked.body().contains("The token " + id.group(1) + " was revoked."), tokenRevoked::body);
        assertFalse(tokenRevoked.body().contains("name=\"token_id\" value=\"" + id.group(1)), "no longer live");
        assertEquals(401, userInfo(token).statusCode(), "refused at once");

        // The suite shares one database: an application open to every person would change what the token form
        // offers to the other ITs' people (AccountTokenFormIT), so it goes.
        deleted(clientId);
    }

    @Test
    void theListShowsAPageAtATimeKeepingItsFiltersAndEachApplicationsFindings() throws IOException {
        String mark = "it-capps-page-" + RUN;
        for (String suffix : new String[] {"-a", "-b"}) {
            created("{\"client_id\":\"" + mark + suffix + "\",\"type\":\"m2m\",\"scopes\":[\"orders:read\"]}");
        }
        // A service holding the admin scope: a posture finding.
        created("{\"client_id\":\"" + mark + "-c\",\"type\":\"m2m\",\"scopes\":[\"latchkey:admin\"],"
                + "\"default_scopes\":[]}");
        CookieBrowser browser = signedIn(ADMIN, ADMIN_PASSWORD);
        HttpResponse<String> first = browser.get(Server.ISSUER + "/admin/applications?type=m2m&limit=2&q=" + mark);
        assertEquals(200, first.statusCode(), first::body);
        assertTrue(first.body().contains(">" + mark + "-a<") && first.body().contains(">" + mark + "-b<"),
                first::body);
        assertFalse(first.body().contains(">" + mark + "-c<"), first::body);
        Matcher next = Pattern.compile("<a id=\"next-page\" href=\"([^\"]+)\"").matcher(first.body());
        assertTrue(next.find(), first::body);
        String nextPage = next.group(1).replace("&amp;", "&");
        assertTrue(nextPage.contains("q=" + mark) && nextPage.contains("type=m2m") && nextPage.contains("limit=2"),
                "the filters are kept: " + nextPage);
        HttpResponse<String> second = browser.get(URI.create(Server.ISSUER).resolve(nextPage).toString());
        assertEquals(200, second.statusCode(), second::body);
        assertTrue(second.body().contains(">" + mark + "-c<"), second::body);
        assertFalse(second.body().contains(">" + mark + "-a<"), second::body);
        assertFalse(second.body().contains("id=\"next-page\""), "the last page: " + second.body());

        // Each row counts the posture review's findings of its application and links to the application.
        JsonNode posture = JSON.readTree(adminGet("/api/admin/posture").body());
        long expected = 0;
        for (JsonNode finding : posture.path("findings")) {
            if (finding.path("subject").path("kind").asText().equals("application")
                    && finding.path("subject").path("id").asText().equals(mark + "-c")) {
                expected++;
            }
        }
        assertTrue(expected >= 1, "a service with the admin scope: " + posture);
        assertTrue(second.body().contains("/admin/applications/" + mark + "-c#findings-heading\">" + expected
                + (expected == 1 ? " finding<" : " findings<")), second::body);
        HttpResponse<String> detail = browser.get(Server.ISSUER + "/admin/applications/" + mark + "-c");
        assertTrue(detail.body().contains("id=\"findings-heading\""), detail::body);
    }

    @Test
    void anApplicationWhoseClientIdIsNewHasItsPageAndTheCreationFormIsElsewhere() {
        HttpResponse<String> made = createdOrExisting("{\"client_id\":\"new\",\"type\":\"m2m\","
                + "\"scopes\":[\"orders:read\"]}");
        assertTrue(made.statusCode() == 201 || made.statusCode() == 409, made::body);
        CookieBrowser browser = signedIn(ADMIN, ADMIN_PASSWORD);
        HttpResponse<String> page = browser.get(Server.ISSUER + "/admin/applications/new");
        assertEquals(200, page.statusCode(), page::body);
        assertTrue(page.body().contains("id=\"client-id\">new<"), "the application's page: " + page.body());
        assertFalse(page.body().contains("name=\"client_id\""), "not the creation form: " + page.body());

        HttpResponse<String> form = browser.get(Server.ISSUER + "/admin/new-application?type=spa");
        assertEquals(200, form.statusCode(), form::body);
        assertTrue(form.body().contains("name=\"client_id\""), form::body);
        assertTrue(form.body().contains("name=\"refresh_tokens\""), "a spa may opt in to refresh tokens");
        assertTrue(browser.get(Server.ISSUER + "/admin/applications").body()
                .contains("href=\"" + URI.create(Server.ISSUER).getPath() + "/admin/new-application\""));
    }

    // ---- helpers ----

    /** Creates an application through the admin API; its secret if it has one. */
    private static String created(String json) {
        HttpResponse<String> created = createdOrExisting(json);
        assertEquals(201, created.statusCode(), created::body);
        try {
            return IssuedSecrets.remember(JSON.readTree(created.body()).path("secret").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpResponse<String> createdOrExisting(String json) {
        return Server.send(HttpRequest.newBuilder(Server.uri("/api/admin/applications"))
                .header("Authorization", "Bearer " + adminToken()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** Deletes an application through the admin API (its current version as If-Match). */
    private static void deleted(String clientId) {
        HttpResponse<String> current = adminGet("/api/admin/applications/" + clientId);
        assertEquals(200, current.statusCode(), current::body);
        HttpResponse<String> deleted = Server.send(HttpRequest.newBuilder(Server.uri("/api/admin/applications/"
                        + clientId)).header("Authorization", "Bearer " + adminToken())
                .header("If-Match", current.headers().firstValue("ETag").orElseThrow()).DELETE().build());
        assertEquals(204, deleted.statusCode(), deleted::body);
    }

    private static HttpResponse<String> adminGet(String path) {
        return Server.send(HttpRequest.newBuilder(Server.uri(path)).header("Authorization", "Bearer " + adminToken())
                .GET().build());
    }

    private static String adminToken() {
        HttpResponse<String> response = Server.token(ADMIN_SERVICE, ADMIN_SERVICE_SECRET,
                "grant_type=client_credentials&scope=" + Server.form("latchkey:admin"));
        assertEquals(200, response.statusCode(), response::body);
        try {
            return IssuedSecrets.remember(JSON.readTree(response.body()).path("access_token").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpResponse<String> clientToken(String clientId, String secret, String scope) {
        return Server.token(clientId, secret, "grant_type=client_credentials&scope=" + Server.form(scope));
    }

    private static HttpResponse<String> pat(CookieBrowser browser, String clientId) {
        String csrf = CookieBrowser.form(browser.get(Server.ISSUER + "/account/tokens")).field("csrf");
        return browser.post(Server.ISSUER + "/account/tokens", Map.of("csrf", csrf, "kind", "pat",
                "name", "console test", "client_id", clientId, "scope", "openid profile", "lifetime_days", "7"));
    }

    private static HttpResponse<String> userInfo(String token) {
        return Server.send(HttpRequest.newBuilder(Server.uri("/oauth/userinfo"))
                .header("Authorization", "Bearer " + token).GET().build());
    }

    private static String settingsVersion(HttpResponse<String> page) {
        Matcher version = SETTINGS_VERSION.matcher(page.body());
        assertTrue(version.find(), page::body);
        return version.group(1);
    }

    private static String csrfOf(HttpResponse<String> page) {
        Matcher csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page.body());
        assertTrue(csrf.find(), page::body);
        return csrf.group(1);
    }

    private static String found(Pattern pattern, String body) {
        Matcher matcher = pattern.matcher(body);
        assertTrue(matcher.find(), () -> "no " + pattern + " in " + body);
        return matcher.group();
    }

    private static CookieBrowser signedIn(String username, String password) {
        CookieBrowser browser = new CookieBrowser();
        HttpResponse<String> signedIn = browser.submitLogin(browser.get(Server.ISSUER + "/login"), username, password);
        assertEquals(200, signedIn.statusCode(), signedIn::body);
        return browser;
    }
}
