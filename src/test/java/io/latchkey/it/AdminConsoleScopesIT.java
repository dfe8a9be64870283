package io.latchkey.it;

import static io.latchkey.it.ConsoleSession.ADMIN;
import static io.latchkey.it.ConsoleSession.ADMIN_PASSWORD;
import static io.latchkey.it.ConsoleSession.PERSON;
import static io.latchkey.it.ConsoleSession.PERSON_PASSWORD;
import static io.latchkey.it.ConsoleSession.adminGet;
import static io.latchkey.it.ConsoleSession.age;
import static io.latchkey.it.ConsoleSession.createdApplication;
import static io.latchkey.it.ConsoleSession.csrfOf;
import static io.latchkey.it.ConsoleSession.signedIn;
import static io.latchkey.it.ConsoleSession.versionOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The console's Scopes and APIs pages and the configuration download over HTTP: a new scope's form keeps what was
 * typed and marks the wrong field, the new scope is the admin API's and an application's at once, its edit form
 * refuses a stale version with the scope as it is now, a delete needs the box, a recent sign-in and no application
 * listing the scope, the standard and admin scopes cannot be deleted; every form refuses a forgery and everything
 * refuses someone who is not an administrator; the download is the admin API's export, as an attachment.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdminConsoleScopesIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Scopes made here carry this run's mark: the server's database outlives a test run. */
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);
    private static final String SCOPES = Server.ISSUER + "/admin/scopes";

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.war();
    }

    @Test
    void aNewScopeKeepsAWrongFieldIsTheApisAndAnApplicationsAndRefusesAStaleVersion() throws Exception {
        String name = "it-cs-" + RUN + ":read";
        String api = "https://it-cs-" + RUN + ".example.com";
        CookieBrowser admin = signedIn(ADMIN, ADMIN_PASSWORD);
        HttpResponse<String> list = admin.get(SCOPES);
        assertEquals(200, list.statusCode(), list::body);
        assertTrue(list.body().contains(">openid</a>"), "the standard scopes are listed: " + list.body());
        assertTrue(Pattern.compile("<a href=\"[^\"]*/admin/scopes\" aria-current=\"page\">Scopes</a>")
                .matcher(list.body()).find(), "the navigation names the page: " + list.body());

        HttpResponse<String> refused = admin.post(SCOPES, Map.of("csrf", csrfOf(list), "name", name,
                "description", "Read the run's things", "audience", "orders-api"));
        assertEquals(400, refused.statusCode(), refused::body);
        assertTrue(Pattern.compile("<input id=\"audience\"[^>]*value=\"orders-api\"[^>]*aria-invalid=\"true\""
                + "[^>]*aria-describedby=\"audience-error\"").matcher(refused.body()).find(), refused::body);
        assertTrue(refused.body().contains("id=\"audience-error\">must be an absolute URI<"), refused::body);
        assertTrue(refused.body().contains("value=\"" + name + "\""), "what was typed is kept: " + refused.body());
        assertTrue(refused.body().contains("value=\"Read the run&#39;s things\""), refused::body);
        assertEquals(404, adminGet("/api/admin/scopes/" + name).statusCode(), "nothing was created");

        HttpResponse<String> created = admin.post(SCOPES, Map.of("csrf", csrfOf(list), "name", name,
                "description", "Read the run's things", "audience", api));
        assertEquals(201, created.statusCode(), created::body);
        assertTrue(created.body().contains("The scope was created."), created::body);
        JsonNode stored = JSON.readTree(adminGet("/api/admin/scopes/" + name).body());
        assertEquals("Read the run's things", stored.path("description").asText());
        assertEquals(api, stored.path("audience").asText());
        HttpResponse<String> taken = admin.post(SCOPES, Map.of("csrf", csrfOf(list), "name", name,
                "description", "Again"));
        assertEquals(409, taken.statusCode(), taken::body);
        assertTrue(taken.body().contains("id=\"name-error\">is already the name of another scope<"), taken::body);

        String clientId = "it-cs-m2m-" + RUN;
        String secret = createdApplication("{\"client_id\":\"" + clientId + "\",\"type\":\"m2m\","
                + "\"scopes\":[\"" + name + "\"],\"default_scopes\":[]}");
        HttpResponse<String> token = Server.token(clientId, secret,
                "grant_type=client_credentials&scope=" + Server.form(name));
        assertEquals(200, token.statusCode(), token::body);
        IssuedSecrets.remember(JSON.readTree(token.body()).path("access_token").asText());

        HttpResponse<String> apis = admin.get(Server.ISSUER + "/admin/apis");
        assertEquals(200, apis.statusCode(), apis::body);
        assertTrue(apis.body().contains(">" + api + "</code>"), apis::body);
        assertTrue(apis.body().contains("/admin/scopes/" + name.replace(":", "%3A") + "\">" + name + "</a>"),
                apis::body);

        String page = SCOPES + "/" + name.replace(":", "%3A");
        HttpResponse<String> shown = admin.get(page);
        assertEquals(200, shown.statusCode(), shown::body);
        assertTrue(shown.body().contains("/admin/applications/" + clientId + "\"><code>" + clientId + "</code>"),
                "the application that may ask for it: " + shown.body());
        String version = versionOf(shown);
        HttpResponse<String> wrong = admin.post(page, Map.of("csrf", csrfOf(shown), "version", version,
                "description", " ", "audience", ""));
        assertEquals(400, wrong.statusCode(), wrong::body);
        assertTrue(Pattern.compile("<input id=\"description\"[^>]*aria-invalid=\"true\"[^>]*"
                + "aria-describedby=\"description-error\"").matcher(wrong.body()).find(), wrong::body);
        HttpResponse<String> saved = admin.post(page, Map.of("csrf", csrfOf(shown), "version", version,
                "description", "Read the run's things, reworded", "audience", ""));
        assertEquals(200, saved.statusCode(), saved::body);
        assertTrue(saved.body().contains("The scope was saved."), saved::body);
        assertTrue(saved.body().contains("id=\"scope-audience\">none"), saved::body);
        stored = JSON.readTree(adminGet("/api/admin/scopes/" + name).body());
        assertEquals("Read the run's things, reworded", stored.path("description").asText());
        assertTrue(stored.path("audience").isMissingNode() || stored.path("audience").isNull(), stored::toString);

        HttpResponse<String> stale = admin.post(page, Map.of("csrf", csrfOf(shown), "version", version,
                "description", "From an old page", "audience", ""));
        assertEquals(409, stale.statusCode(), stale::body);
        assertTrue(stale.body().contains("Someone changed this scope meanwhile"), stale::body);
        assertTrue(stale.body().contains("value=\"Read the run&#39;s things, reworded\""), "the current state: "
                + stale.body());
        assertEquals("Read the run's things, reworded",
                JSON.readTree(adminGet("/api/admin/scopes/" + name).body()).path("description").asText());

        HttpResponse<String> listed = admin.post(page + "/delete", Map.of("csrf", csrfOf(saved),
                "version", versionOf(saved), "confirm", "yes"));
        assertEquals(409, listed.statusCode(), listed::body);
        assertTrue(listed.body().contains("The name is still listed by the applications " + clientId), listed::body);
        assertEquals(200, adminGet("/api/admin/scopes/" + name).statusCode(), "not deleted");
    }

    @Test
    void deletingAScopeNeedsTheBoxAndARecentSignIn() throws Exception {
        String name = "it-cs-gone-" + RUN;
        CookieBrowser admin = signedIn(ADMIN, ADMIN_PASSWORD);
        HttpResponse<String> created = admin.post(SCOPES, Map.of("csrf", csrfOf(admin.get(SCOPES)), "name", name,
                "description", "Soon gone"));
        assertEquals(201, created.statusCode(), created::body);
        String page = SCOPES + "/" + name;
        HttpResponse<String> unticked = admin.post(page + "/delete", Map.of("csrf", csrfOf(created),
                "version", versionOf(created)));
        assertEquals(400, unticked.statusCode(), unticked::body);
        assertTrue(unticked.body().contains("id=\"no-applications\""), unticked::body);
        assertEquals(200, adminGet("/api/admin/scopes/" + name).statusCode(), "not deleted");

        age(admin);
        HttpResponse<String> old = admin.post(page + "/delete", Map.of("csrf", csrfOf(created),
                "version", versionOf(created), "confirm", "yes"));
        assertEquals(Server.ISSUER + "/admin/sign-in?return_to=%2Fadmin%2Fscopes%2F" + name,
                CookieBrowser.seeOther(old));
        assertEquals(200, adminGet("/api/admin/scopes/" + name).statusCode(), "not deleted");
        HttpResponse<String> again = admin.post(Server.ISSUER + "/admin/sign-in", Map.of("csrf", csrfOf(created),
                "return_to", "/admin/scopes/" + name, "password", ADMIN_PASSWORD));
        assertEquals(page, CookieBrowser.seeOther(again));
        HttpResponse<String> deleted = admin.post(page + "/delete", Map.of("csrf", csrfOf(created),
                "version", versionOf(created), "confirm", "yes"));
        assertEquals(200, deleted.statusCode(), deleted::body);
        assertTrue(deleted.body().contains("The scope " + name + " was deleted."), deleted::body);
        assertEquals(404, adminGet("/api/admin/scopes/" + name).statusCode());
        assertEquals(404, admin.get(page).statusCode());
    }

    @Test
    void latchkeysOwnScopesAreShownButCannotBeDeleted() {
        CookieBrowser admin = signedIn(ADMIN, ADMIN_PASSWORD);
        HttpResponse<String> openid = admin.get(SCOPES + "/openid");
        assertEquals(200, openid.statusCode(), openid::body);
        assertTrue(openid.body().contains("This scope cannot be deleted. The name is a standard OpenID Connect scope"),
                openid::body);
        assertFalse(openid.body().contains("/admin/scopes/openid/delete"), openid::body);
        HttpResponse<String> forced = admin.post(SCOPES + "/openid/delete", Map.of("csrf", csrfOf(openid),
                "version", versionOf(openid), "confirm", "yes"));
        assertEquals(409, forced.statusCode(), forced::body);
        assertTrue(forced.body().contains("The name is a standard OpenID Connect scope and cannot be deleted."),
                forced::body);
        HttpResponse<String> adminScope = admin.get(SCOPES + "/latchkey%3Aadmin");
        assertEquals(200, adminScope.statusCode(), adminScope::body);
        assertTrue(adminScope.body().contains("it cannot be changed or deleted"), adminScope::body);
        assertFalse(adminScope.body().contains("name=\"version\""), "no form: " + adminScope.body());
        assertEquals(404, admin.get(SCOPES + "/it-cs-none-" + RUN).statusCode());
    }

    @Test
    void everyFormIsRefusedWithoutItsCsrfFieldOrFromAnotherSite() throws Exception {
        String name = "it-cs-csrf-" + RUN;
        CookieBrowser admin = signedIn(ADMIN, ADMIN_PASSWORD);
        HttpResponse<String> created = admin.post(SCOPES, Map.of("csrf", csrfOf(admin.get(SCOPES)), "name", name,
                "description", "Kept as it is"));
        assertEquals(201, created.statusCode(), created::body);
        String csrf = csrfOf(created);
        String version = versionOf(created);
        String page = SCOPES + "/" + name;
        Map<String, String> forms = Map.of(SCOPES, "name=it-cs-forged-" + RUN + "&description=Forged",
                page, "description=Forged&version=" + version, page + "/delete", "confirm=yes&version=" + version);
        for (Map.Entry<String, String> form : forms.entrySet()) {
            Map<String, String> fields = new HashMap<>(Map.of("name", "it-cs-forged-" + RUN,
                    "description", "Forged", "version", version, "confirm", "yes"));
            assertEquals(403, admin.post(form.getKey(), fields).statusCode(), form.getKey());
            fields.put("csrf", csrf + "x");
            assertEquals(403, admin.post(form.getKey(), fields).statusCode(), form.getKey());
            HttpResponse<String> foreign = admin.send(HttpRequest.newBuilder(URI.create(form.getKey()))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Origin", "https://evil.example")
                    .POST(HttpRequest.BodyPublishers.ofString("csrf=" + csrf + "&" + form.getValue())).build());
            assertEquals(403, foreign.statusCode(), form.getKey());
        }
        assertEquals(404, adminGet("/api/admin/scopes/it-cs-forged-" + RUN).statusCode());
        JsonNode stored = JSON.readTree(adminGet("/api/admin/scopes/" + name).body());
        assertEquals("Kept as it is", stored.path("description").asText());
        assertEquals(version, versionOf(admin.get(page)), "nothing changed");
    }

    @Test
    void someoneWhoIsNotAnAdministratorIsRefusedEveryPageFormAndTheDownload() throws Exception {
        CookieBrowser person = signedIn(PERSON, PERSON_PASSWORD);
        for (String page : new String[] {"/admin/scopes", "/admin/scopes/openid", "/admin/apis", "/admin/export"}) {
            HttpResponse<String> response = person.get(Server.ISSUER + page);
            assertEquals(403, response.statusCode(), page);
            assertTrue(response.body().contains("Only administrators may use the console"), response::body);
            assertFalse(response.body().contains("\"applications\""), "no export: " + response.body());
        }
        String csrf = CookieBrowser.form(person.get(Server.ISSUER + "/account/tokens")).field("csrf");
        HttpResponse<String> create = person.post(SCOPES, Map.of("csrf", csrf, "name", "it-cs-by-person-" + RUN,
                "description", "Not theirs"));
        assertEquals(403, create.statusCode(), create::body);
        HttpResponse<String> reword = person.post(SCOPES + "/openid", Map.of("csrf", csrf, "version", "0",
                "description", "Reworded by someone else"));
        assertEquals(403, reword.statusCode(), reword::body);
        assertEquals(404, adminGet("/api/admin/scopes/it-cs-by-person-" + RUN).statusCode());
        assertFalse(adminGet("/api/admin/scopes/openid").body().contains("Reworded by someone else"));

        HttpResponse<String> signedOut = new CookieBrowser().get(Server.ISSUER + "/admin/export");
        assertEquals(303, signedOut.statusCode(), signedOut::body);
        assertTrue(CookieBrowser.seeOther(signedOut).startsWith(Server.ISSUER + "/login?return_to=%2Fadmin%2Fscopes"),
                CookieBrowser.seeOther(signedOut));
    }

    @Test
    void theDownloadIsTheAdminApisExportAsAnAttachment() throws Exception {
        CookieBrowser admin = signedIn(ADMIN, ADMIN_PASSWORD);
        HttpResponse<String> scopes = admin.get(SCOPES);
        assertTrue(scopes.body().contains("href=\"" + URI.create(Server.ISSUER).getPath() + "/admin/export\""),
                scopes::body);
        HttpResponse<String> download = admin.get(Server.ISSUER + "/admin/export");
        assertEquals(200, download.statusCode(), download::body);
        assertEquals("attachment; filename=\"latchkey-export.json\"",
                download.headers().firstValue("Content-Disposition").orElse(""));
        assertEquals("no-store", download.headers().firstValue("Cache-Control").orElse(""));
        assertTrue(download.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                download.headers()::toString);
        JsonNode document = JSON.readTree(download.body());
        JsonNode api = JSON.readTree(adminGet("/api/admin/export").body());
        assertEquals(api.path("scopes"), document.path("scopes"), "the admin API's export");
        assertEquals(api.path("applications").size(), document.path("applications").size());
        assertTrue(document.path("scopes").toString().contains("\"orders:read\""), document::toString);
        assertFalse(download.body().contains("it-admin-service-secret"), "never a secret");
    }

    // ---- helpers ----
}
