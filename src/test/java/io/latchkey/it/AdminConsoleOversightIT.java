package io.latchkey.it;

import static io.latchkey.it.ConsoleSession.ADMIN;
import static io.latchkey.it.ConsoleSession.ADMIN_PASSWORD;
import static io.latchkey.it.ConsoleSession.PAT_APP;
import static io.latchkey.it.ConsoleSession.PERSON;
import static io.latchkey.it.ConsoleSession.PERSON_PASSWORD;
import static io.latchkey.it.ConsoleSession.adminToken;
import static io.latchkey.it.ConsoleSession.csrfOf;
import static io.latchkey.it.ConsoleSession.introspect;
import static io.latchkey.it.ConsoleSession.signedIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
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
 * The console's oversight pages over HTTP: the overview's counts move, a posture finding fixed with one click is
 * gone (and the application changed as the admin API would), tokens filtered and revoked (then inactive at
 * introspection), "rotate now" publishing the next key in JWKS and "revoke now" wanting its confirmation box, the
 * audit log's filters and pages, forged forms refused and non-administrators kept out.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdminConsoleOversightIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What this run makes carries its mark: the server's database outlives a test run. */
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);
    private static final List<String> PAGES = List.of("/admin", "/admin/posture", "/admin/tokens", "/admin/keys",
            "/admin/audit");

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.war();
    }

    @Test
    void theOverviewCountsPeopleAndLiveTokensAndTheFindingsBySeverity() {
        CookieBrowser browser = signedIn(ADMIN, ADMIN_PASSWORD);
        String before = ok(browser.get(Server.ISSUER + "/admin"));
        assertTrue(number(before, "people") >= 2, before);
        assertTrue(number(before, "administrators") >= 1, before);
        assertTrue(number(before, "findings-high") >= 1, "it-admin-service holds the admin scope: " + before);
        assertTrue(before.contains("href=\"/latchkey/admin/posture#severity-high\"")
                || before.contains("/admin/posture#severity-high\""), before);
        int pats = number(before, "live-pats");

        personalToken("overview " + RUN);
        String after = ok(browser.get(Server.ISSUER + "/admin"));
        assertEquals(pats + 1, number(after, "live-pats"), after);
    }

    @Test
    void aPostureFindingFixedWithOneClickDisappearsFromThePostureAndOverviewPagesAtOnce() throws Exception {
        String clientId = "it-console-posture-" + RUN;
        String admin = adminToken();
        CookieBrowser browser = signedIn(ADMIN, ADMIN_PASSWORD);
        // The overview keeps its posture summary until something changes: the first load reviews, the next ones
        // reuse it; a new application is a change.
        int overviewHigh = number(ok(browser.get(Server.ISSUER + "/admin")), "findings-high");
        HttpResponse<String> created = api("POST", "/api/admin/applications", admin, """
                {"client_id": "%s", "type": "m2m", "scopes": ["latchkey:admin", "orders:read"]}""".formatted(clientId));
        assertEquals(201, created.statusCode(), created::body);
        assertEquals(overviewHigh + 1, number(ok(browser.get(Server.ISSUER + "/admin")), "findings-high"),
                "the overview shows the new finding at once");

        String page = ok(browser.get(Server.ISSUER + "/admin/posture"));
        String finding = finding(page, "service_with_admin_scope", clientId);
        assertTrue(finding.contains("latchkey:admin"), "the evidence: " + finding);
        assertTrue(finding.contains("/admin/applications/" + clientId + "\""), "its page: " + finding);
        Map<String, String> fields = hiddenFields(finding);
        assertEquals(List.of("csrf", "rule", "subject", "fix", "version"), List.copyOf(fields.keySet()), finding);
        int high = number(page, "count-high");

        HttpResponse<String> fixed = browser.post(Server.ISSUER + "/admin/posture/fix", fields);
        assertEquals(200, fixed.statusCode(), fixed::body);
        assertTrue(fixed.body().contains("id=\"notice\">Fixed: "), fixed::body);
        assertFalse(fixed.body().contains("data-subject=\"" + clientId + "\""), "the finding is gone: " + fixed.body());
        assertEquals(high - 1, number(fixed.body(), "count-high"));
        assertEquals(overviewHigh, number(ok(browser.get(Server.ISSUER + "/admin")), "findings-high"),
                "and the fix at once");
        JsonNode application = JSON.readTree(api("GET", "/api/admin/applications/" + clientId, admin, null).body());
        assertEquals("[\"orders:read\"]", application.path("scopes").toString(), "only the admin scope was taken");

        HttpResponse<String> again = browser.post(Server.ISSUER + "/admin/posture/fix", fields);
        assertEquals(200, again.statusCode(), again::body);
        assertTrue(again.body().contains("That finding is no longer there"), again::body);
        String audit = ok(browser.get(Server.ISSUER + "/admin/audit?who=" + ADMIN + "&target=application:"
                + clientId));
        assertTrue(audit.contains("<code>application.updated</code>"), "audited as the administrator: " + audit);
        assertTrue(audit.contains("<td class=\"changed\">scopes, default_scopes</td>"), "with the changed fields: "
                + audit);
    }

    @Test
    void tokensAreFilteredAndOneRevokedIsInactiveAtIntrospection() throws Exception {
        String name = "console " + RUN;
        String pat = IssuedSecrets.remember(personalToken(name));
        CookieBrowser browser = signedIn(ADMIN, ADMIN_PASSWORD);
        String mine = ok(browser.get(Server.ISSUER + "/admin/tokens?person=" + PERSON + "&application=" + PAT_APP));
        assertTrue(mine.contains(">" + name + "<"), mine);
        assertFalse(mine.contains(pat), "never the value");
        assertTrue(ok(browser.get(Server.ISSUER + "/admin/tokens?expiry=expiring&application=" + PAT_APP))
                .contains(">" + name + "<"), "seven days: expiring within the week");
        assertFalse(ok(browser.get(Server.ISSUER + "/admin/tokens?person=" + PERSON + "&application="
                + Server.WEB_ID)).contains(">" + name + "<"));
        assertFalse(ok(browser.get(Server.ISSUER + "/admin/tokens?person=" + ADMIN + "&application=" + PAT_APP))
                .contains(">" + name + "<"), "not the administrator's");
        String nobody = ok(browser.get(Server.ISSUER + "/admin/tokens?person=nobody-" + RUN));
        assertTrue(nobody.contains("Nobody has that username."), nobody);
        ok(browser.get(Server.ISSUER + "/admin/tokens?expiry=%3Cscript%3E&after=not-a-cursor&person="
                + "x".repeat(300)));

        Matcher row = Pattern.compile("<tr id=\"token-([A-Za-z0-9_-]{8})\">(?:(?!</tr>).)*>" + Pattern.quote(name)
                + "<", Pattern.DOTALL).matcher(mine);
        assertTrue(row.find(), mine);
        String id = row.group(1);
        assertEquals(true, introspect(pat).get("active"));
        HttpResponse<String> revoked = browser.post(Server.ISSUER + "/admin/tokens/" + id + "/revoke",
                Map.of("csrf", csrfOf(mine), "person", PERSON, "application", PAT_APP, "expiry", "all"));
        assertEquals(200, revoked.statusCode(), revoked::body);
        assertTrue(revoked.body().contains("The token " + id + " was revoked."), revoked::body);
        assertEquals(Map.of("active", false), introspect(pat), "inactive at introspection");
        String all = ok(browser.get(Server.ISSUER + "/admin/tokens?expiry=all&person=" + PERSON));
        assertTrue(Pattern.compile("id=\"token-" + id + "\">(?:(?!</tr>).)*<td class=\"state\">revoked</td>",
                Pattern.DOTALL).matcher(all).find(), all);
        assertFalse(ok(browser.get(Server.ISSUER + "/admin/tokens?person=" + PERSON)).contains("id=\"token-" + id),
                "no longer live");
        HttpResponse<String> unknown = browser.post(Server.ISSUER + "/admin/tokens/zzzzzzzz/revoke",
                Map.of("csrf", csrfOf(mine)));
        assertEquals(404, unknown.statusCode(), unknown::body);
    }

    @Test
    void rotateNowPublishesTheNextKeyAndRevokeNowWantsItsConfirmation() throws Exception {
        CookieBrowser browser = signedIn(ADMIN, ADMIN_PASSWORD);
        String keys = ok(browser.get(Server.ISSUER + "/admin/keys"));
        assertTrue(keys.contains("<dd class=\"state\">current</dd>"), keys);

        HttpResponse<String> rotated = browser.post(Server.ISSUER + "/admin/keys/rotate", Map.of("csrf",
                csrfOf(keys)));
        assertEquals(200, rotated.statusCode(), rotated::body);
        Matcher next = Pattern.compile("<code class=\"next-kid\">([^<]+)</code>").matcher(rotated.body());
        assertTrue(next.find(), rotated::body);
        String kid = next.group(1);
        assertTrue(jwksKids().contains(kid), "the next key is in JWKS");
        assertTrue(Pattern.compile("id=\"key-" + Pattern.quote(kid) + "\"[^>]*>(?:(?!</article>).)*<dd class=\"state\">next</dd>",
                Pattern.DOTALL).matcher(rotated.body()).find(), rotated::body);

        HttpResponse<String> unconfirmed = browser.post(Server.ISSUER + "/admin/keys/" + kid + "/revoke",
                Map.of("csrf", csrfOf(keys)));
        assertEquals(400, unconfirmed.statusCode(), unconfirmed::body);
        assertTrue(jwksKids().contains(kid), "nothing revoked without the box");
        HttpResponse<String> revoked = browser.post(Server.ISSUER + "/admin/keys/" + kid + "/revoke",
                Map.of("csrf", csrfOf(keys), "confirm", "yes"));
        assertEquals(200, revoked.statusCode(), revoked::body);
        assertFalse(jwksKids().contains(kid), "a revoked key leaves JWKS at once");

        String audit = ok(browser.get(Server.ISSUER + "/admin/audit?who=" + ADMIN + "&action=signing_key."));
        assertTrue(audit.contains("<code>signing_key.rotated</code>"), audit);
        assertTrue(audit.contains("<code>signing_key.revoked</code>"), audit);
    }

    @Test
    void theAuditLogFiltersPagesAndMarksAWrongFilter() throws Exception {
        String clientId = "it-console-audit-" + RUN;
        String admin = adminToken();
        HttpResponse<String> created = api("POST", "/api/admin/applications", admin, """
                {"client_id": "%s", "type": "m2m", "scopes": ["orders:read"]}""".formatted(clientId));
        assertEquals(201, created.statusCode(), created::body);
        String tag = created.headers().firstValue("ETag").orElseThrow();
        for (int i = 0; i < 52; i++) {
            HttpResponse<String> changed = Server.send(HttpRequest.newBuilder(Server.uri("/api/admin/applications/"
                    + clientId + (i % 2 == 0 ? "/disable" : "/enable"))).header("Authorization", "Bearer " + admin)
                    .header("If-Match", tag).POST(HttpRequest.BodyPublishers.noBody()).build());
            assertEquals(200, changed.statusCode(), changed::body);
            tag = changed.headers().firstValue("ETag").orElseThrow();
        }
        CookieBrowser browser = signedIn(ADMIN, ADMIN_PASSWORD);
        String first = ok(browser.get(Server.ISSUER + "/admin/audit?target=application:" + clientId));
        List<Long> firstIds = eventIds(first);
        assertEquals(50, firstIds.size(), "a full page of the 53 events");
        assertTrue(first.contains("<code>application.disabled</code>"), first);
        Matcher older = Pattern.compile("<a rel=\"next\" id=\"older\" href=\"([^\"]+)\"").matcher(first);
        assertTrue(older.find(), first);
        String second = ok(browser.get(URI.create(Server.ISSUER).resolve(older.group(1).replace("&amp;", "&"))
                .toString()));
        List<Long> secondIds = eventIds(second);
        assertEquals(3, secondIds.size(), second);
        assertTrue(secondIds.get(0) < firstIds.get(firstIds.size() - 1), "older events on the next page");
        assertTrue(second.contains("<code>application.created</code>"), "the oldest is the creation: " + second);
        assertFalse(second.contains("id=\"older\""), "the last page");

        String signIns = ok(browser.get(Server.ISSUER + "/admin/audit?who=" + ADMIN + "&action=sign_in&from="
                + "2020-01-01T00:00"));
        assertTrue(signIns.contains("<code>sign_in</code>"), signIns);
        assertFalse(signIns.contains("<code>application.updated</code>"), signIns);
        assertFalse(eventIds(ok(browser.get(Server.ISSUER + "/admin/audit?action=sign_in&to=2020-01-01T00:00")))
                .size() > 0, "nothing before 2020");

        HttpResponse<String> wrong = browser.get(Server.ISSUER + "/admin/audit?from=yesterday&who=" + ADMIN);
        assertEquals(400, wrong.statusCode(), wrong::body);
        assertTrue(wrong.body().contains("id=\"from-error\""), wrong::body);
        assertTrue(Pattern.compile("<input id=\"from\"[^>]*value=\"yesterday\"[^>]*aria-invalid=\"true\"")
                .matcher(wrong.body()).find(), "kept as typed and marked: " + wrong.body());
        assertTrue(wrong.body().contains("value=\"" + ADMIN + "\""), wrong::body);
        assertEquals(400, browser.get(Server.ISSUER + "/admin/audit?after=x%27").statusCode());
        assertEquals(400, browser.get(Server.ISSUER + "/admin/audit?who=nobody-" + RUN).statusCode());
    }

    @Test
    void forgedFormsAreRefusedAndNonAdministratorsKeptOut() {
        CookieBrowser admin = signedIn(ADMIN, ADMIN_PASSWORD);
        String csrf = csrfOf(ok(admin.get(Server.ISSUER + "/admin/keys")));
        List<String> kids = jwksKids();
        for (String action : List.of("/admin/keys/rotate", "/admin/tokens/abcdefgh/revoke", "/admin/posture/fix",
                "/admin/keys/" + kids.get(0) + "/revoke")) {
            assertEquals(403, admin.post(Server.ISSUER + action, Map.of("confirm", "yes")).statusCode(), action);
            assertEquals(403, admin.post(Server.ISSUER + action, Map.of("csrf", csrf + "x", "confirm", "yes"))
                    .statusCode(), action);
            HttpResponse<String> foreign = admin.send(HttpRequest.newBuilder(URI.create(Server.ISSUER + action))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", "https://evil.example")
                    .POST(HttpRequest.BodyPublishers.ofString("csrf=" + csrf + "&confirm=yes")).build());
            assertEquals(403, foreign.statusCode(), action);
        }
        assertEquals(kids, jwksKids(), "nothing rotated or revoked");

        CookieBrowser person = signedIn(PERSON, PERSON_PASSWORD);
        for (String page : PAGES) {
            HttpResponse<String> response = person.get(Server.ISSUER + page);
            assertEquals(403, response.statusCode(), page);
            assertTrue(response.body().contains("Only administrators may use the console"), response::body);
        }
        String own = CookieBrowser.form(person.get(Server.ISSUER + "/account/tokens")).field("csrf");
        assertEquals(403, person.post(Server.ISSUER + "/admin/keys/rotate", Map.of("csrf", own)).statusCode());
        assertEquals(kids, jwksKids());
        for (String page : PAGES) {
            String login = CookieBrowser.seeOther(new CookieBrowser().get(Server.ISSUER + page));
            assertTrue(login.startsWith(Server.ISSUER + "/login?return_to="), page + " " + login);
        }
        for (String page : PAGES) {
            String body = ok(admin.get(Server.ISSUER + page));
            String path = URI.create(Server.ISSUER + page).getPath();
            assertTrue(body.contains("href=\"" + path + "\" aria-current=\"page\""), page + ": " + body);
        }
    }

    // ---- helpers ----

    /** The markup of the finding of {@code rule} about {@code subject}. */
    private static String finding(String page, String rule, String subject) {
        Matcher matcher = Pattern.compile("<article class=\"finding\" data-rule=\"" + Pattern.quote(rule)
                + "\" data-subject=\"" + Pattern.quote(subject) + "\">.*?</article>", Pattern.DOTALL).matcher(page);
        assertTrue(matcher.find(), page);
        return matcher.group();
    }

    /** The hidden fields of a fragment's form, by name. */
    private static Map<String, String> hiddenFields(String html) {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher input = Pattern.compile("<input type=\"hidden\" name=\"([a-z_]+)\" value=\"([^\"]*)\"").matcher(html);
        while (input.find()) {
            fields.put(input.group(1), input.group(2).replace("&#x2F;", "/").replace("&#39;", "'")
                    .replace("&quot;", "\"").replace("&amp;", "&"));
        }
        return fields;
    }

    private static List<Long> eventIds(String page) {
        List<Long> ids = new ArrayList<>();
        Matcher matcher = Pattern.compile("data-event-id=\"(\\d+)\"").matcher(page);
        while (matcher.find()) {
            ids.add(Long.parseLong(matcher.group(1)));
        }
        return ids;
    }

    private static int number(String page, String id) {
        Matcher matcher = Pattern.compile("id=\"" + Pattern.quote(id) + "\"[^>]*>(\\d+)<").matcher(page);
        assertTrue(matcher.find(), id + ": " + page);
        return Integer.parseInt(matcher.group(1));
    }

    private static String ok(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response::body);
        return response.body();
    }

    /** A PAT of pat-user for it-pat-app, made on the person's own tokens page. */
    private static String personalToken(String name) {
        return ConsoleSession.personalToken(signedIn(PERSON, PERSON_PASSWORD), name, PAT_APP, "openid profile");
    }

    private static List<String> jwksKids() {
        HttpResponse<String> jwks = Server.get("/oauth/jwks");
        assertEquals(200, jwks.statusCode());
        List<String> kids = new ArrayList<>();
        try {
            JSON.readTree(jwks.body()).path("keys").forEach(key -> kids.add(key.path("kid").asText()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return kids;
    }

    private static HttpResponse<String> api(String method, String path, String token, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(Server.uri(path)).header("Authorization",
                "Bearer " + token).method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return Server.send(request.build());
    }
}
