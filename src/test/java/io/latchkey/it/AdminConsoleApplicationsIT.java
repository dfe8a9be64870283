package io.latchkey.it;

import static io.latchkey.it.ConsoleSession.ADMIN;
import static io.latchkey.it.ConsoleSession.ADMIN_PASSWORD;
import static io.latchkey.it.ConsoleSession.PERSON;
import static io.latchkey.it.ConsoleSession.PERSON_PASSWORD;
import static io.latchkey.it.ConsoleSession.adminGet;
import static io.latchkey.it.ConsoleSession.createApplication;
import static io.latchkey.it.ConsoleSession.createdApplication;
import static io.latchkey.it.ConsoleSession.csrfOf;
import static io.latchkey.it.ConsoleSession.deletedApplication;
import static io.latchkey.it.ConsoleSession.hiddenFieldsOf;
import static io.latchkey.it.ConsoleSession.linkOf;
import static io.latchkey.it.ConsoleSession.patForm;
import static io.latchkey.it.ConsoleSession.signedIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
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
        String secret = createdApplication("{\"client_id\":\"" + clientId + "\",\"type\":\"m2m\","
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
        createdApplication("{\"client_id\":\"" + clientId + "\",\"type\":\"web\",\"redirect_uris\":[\"" + oldCallback + "\"],"
                + "\"scopes\":[\"openid\",\"profile\",\"orders:read\"]}");
        CookieBrowser person = signedIn(PERSON, PERSON_PASSWORD);
        assertFalse(PAT.matcher(patForm(person, "console test", clientId, "openid profile").body()).find(), "its policy is None: nobody makes tokens");

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
        String token = IssuedSecrets.remember(found(PAT, patForm(person, "console test", clientId, "openid profile").body()));
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
        deletedApplication(clientId);
    }

    @Test
    void anApplicationsLiveTokensPageThroughEveryOneKeepingTheOtherTablesPlaces() {
        String clientId = "it-capps-tables-" + RUN;
        createdApplication("{\"client_id\":\"" + clientId + "\",\"type\":\"web\",\"redirect_uris\":[\""
                + Authorization.RP + "/tables/callback\"],\"scopes\":[\"openid\",\"profile\"],"
                + "\"access_tokens\":\"AuthenticatedUsers\"}");
        CookieBrowser person = signedIn(PERSON, PERSON_PASSWORD);
        for (String name : new String[] {"older tables token", "newer tables token"}) {
            assertEquals(200, patForm(person, name, clientId, "openid profile").statusCode());
        }
        CookieBrowser admin = signedIn(ADMIN, ADMIN_PASSWORD);
        String page = Server.ISSUER + "/admin/applications/" + clientId;

        HttpResponse<String> newest = admin.get(page + "?limit=1&consents_offset=3");
        assertEquals(200, newest.statusCode(), newest::body);
        assertTrue(newest.body().contains("Showing 1–1 of 2"), newest::body);
        assertTrue(newest.body().contains("newer tables token") && !newest.body().contains("older tables token"),
                newest::body);
        String olderPage = linkOf(newest, "tokens-older");
        assertTrue(olderPage.endsWith("/admin/applications/" + clientId + "?consents_offset=3&tokens_offset=1"
                + "&limit=1#tokens-heading"), "the other table's place and the limit are kept: " + olderPage);

        HttpResponse<String> oldest = admin.get(URI.create(Server.ISSUER).resolve(olderPage).toString());
        assertEquals(200, oldest.statusCode(), oldest::body);
        assertTrue(oldest.body().contains("Showing 2–2 of 2"), oldest::body);
        assertTrue(oldest.body().contains("older tables token") && !oldest.body().contains("newer tables token"),
                oldest::body);
        String newerPage = linkOf(oldest, "tokens-newer");
        assertTrue(newerPage.endsWith("?consents_offset=3&limit=1#tokens-heading"), newerPage);
        assertFalse(admin.get(page).body().contains("id=\"tokens-older\""), "both fit on a page of 50");

        // The suite shares one database: an application open to every person goes (see above).
        deletedApplication(clientId);
    }

    @Test
    void aTokenRevokedFromAnOlderPageAnswersWithEveryTableWhereItWas() {
        String clientId = "it-capps-revoke-" + RUN;
        createdApplication("{\"client_id\":\"" + clientId + "\",\"type\":\"web\",\"redirect_uris\":[\""
                + Authorization.RP + "/revoke/callback\"],\"scopes\":[\"openid\",\"profile\"],"
                + "\"access_tokens\":\"AuthenticatedUsers\"}");
        CookieBrowser person = signedIn(PERSON, PERSON_PASSWORD);
        for (String name : new String[] {"oldest revoke token", "middle revoke token", "newest revoke token"}) {
            assertEquals(200, patForm(person, name, clientId, "openid profile").statusCode());
        }
        CookieBrowser admin = signedIn(ADMIN, ADMIN_PASSWORD);
        String page = Server.ISSUER + "/admin/applications/" + clientId;
        HttpResponse<String> middle = admin.get(page + "?limit=1&tokens_offset=1&consents_offset=3");
        assertTrue(middle.body().contains("middle revoke token") && middle.body().contains("Showing 2–2 of 3"),
                middle::body);

        Map<String, String> form = hiddenFieldsOf(middle, "/tokens/revoke");
        assertEquals("1", form.get("tokens_offset"), () -> "the form carries the tables' positions: " + form);
        HttpResponse<String> revoked = admin.post(page + "/tokens/revoke", form);

        assertEquals(200, revoked.statusCode(), revoked::body);
        assertTrue(revoked.body().contains("was revoked."), revoked::body);
        assertTrue(revoked.body().contains("Showing 2–2 of 2"), () -> "still the second row: " + revoked.body());
        assertTrue(revoked.body().contains("oldest revoke token") && !revoked.body().contains("newest revoke token"),
                revoked::body);
        assertTrue(linkOf(revoked, "tokens-newer").endsWith("?consents_offset=3&limit=1#tokens-heading"),
                () -> "the other table's place and the limit are kept: " + linkOf(revoked, "tokens-newer"));

        // The suite shares one database: an application open to every person goes (see above).
        deletedApplication(clientId);
    }

    @Test
    void theListShowsAPageAtATimeKeepingItsFiltersAndEachApplicationsFindings() throws IOException {
        String mark = "it-capps-page-" + RUN;
        for (String suffix : new String[] {"-a", "-b"}) {
            createdApplication("{\"client_id\":\"" + mark + suffix + "\",\"type\":\"m2m\",\"scopes\":[\"orders:read\"]}");
        }
        // A service holding the admin scope: a posture finding.
        createdApplication("{\"client_id\":\"" + mark + "-c\",\"type\":\"m2m\",\"scopes\":[\"latchkey:admin\"],"
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
        HttpResponse<String> made = createApplication("{\"client_id\":\"new\",\"type\":\"m2m\","
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

    private static HttpResponse<String> clientToken(String clientId, String secret, String scope) {
        return Server.token(clientId, secret, "grant_type=client_credentials&scope=" + Server.form(scope));
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

    private static String found(Pattern pattern, String body) {
        Matcher matcher = pattern.matcher(body);
        assertTrue(matcher.find(), () -> "no " + pattern + " in " + body);
        return matcher.group();
    }
}
