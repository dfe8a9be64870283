package io.latchkey.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.latchkey.testing.AtOnce;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The admin REST API's applications and secrets from outside: who may call it, every operation, versions,
 * pagination, a rotation and a disable as the token endpoint sees them, and malformed requests with their exact
 * status and problem type.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdminApplicationsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN_SERVICE = "it-admin-service";
    private static final String ADMIN_SERVICE_SECRET =
            IssuedSecrets.remember("it-admin-service-secret-0123456789abcdefghij");
    private static final String READER = "it-admin-reader";
    private static final String READER_SECRET = IssuedSecrets.remember("it-admin-reader-secret-0123456789abcdefghijk");
    private static final String APPLICATIONS = "/api/admin/applications";
    private static final String PROBLEM = "urn:latchkey:problem:";
    /** Applications made here carry this run's mark: the server's database outlives a test run. */
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.war();
    }

    // ---- who may call ----

    @Test
    void aRequestWithoutATokenGetsABareChallenge() throws Exception {
        HttpResponse<String> response = Server.send(HttpRequest.newBuilder(Server.uri(APPLICATIONS)).GET().build());
        assertProblem(401, "unauthorized", response);
        assertEquals("Bearer realm=\"latchkey-admin\"", response.headers().firstValue("WWW-Authenticate").orElseThrow());
    }

    @Test
    void anUnknownTokenIsAnInvalidToken() throws Exception {
        HttpResponse<String> response = call("GET", APPLICATIONS, "not-a-token-at-all", null, null, Map.of());
        assertProblem(401, "unauthorized", response);
        assertTrue(response.headers().firstValue("WWW-Authenticate").orElseThrow()
                .startsWith("Bearer realm=\"latchkey-admin\", error=\"invalid_token\""));
    }

    @Test
    void aTokenWithoutTheAdminScopeIsRefused() throws Exception {
        String token = clientToken(Server.SERVICE_ID, Server.SERVICE_SECRET, "orders:read");
        HttpResponse<String> response = call("GET", APPLICATIONS, token, null, null, Map.of());
        assertProblem(403, "forbidden", response);
        assertEquals("Bearer realm=\"latchkey-admin\", error=\"insufficient_scope\", scope=\"latchkey:admin.read\"",
                response.headers().firstValue("WWW-Authenticate").orElseThrow());
    }

    @Test
    void anAdminServiceTokenWithOtherScopesOnlyIsRefused() throws Exception {
        String token = clientToken(ADMIN_SERVICE, ADMIN_SERVICE_SECRET, "orders:read");
        assertProblem(403, "forbidden", call("GET", APPLICATIONS, token, null, null, Map.of()));
    }

    @Test
    void theReadOnlyScopeReadsButChangesNothing() throws Exception {
        String reader = clientToken(READER, READER_SECRET, "latchkey:admin.read");
        assertEquals(200, call("GET", APPLICATIONS + "/it-web", reader, null, null, Map.of()).statusCode());
        HttpResponse<String> create = call("POST", APPLICATIONS, reader, "application/json",
                "{\"client_id\":\"it-reader-made\",\"type\":\"m2m\"}", Map.of());
        assertProblem(403, "forbidden", create);
        assertEquals("Bearer realm=\"latchkey-admin\", error=\"insufficient_scope\", scope=\"latchkey:admin\"",
                create.headers().firstValue("WWW-Authenticate").orElseThrow());
        assertProblem(404, "not-found", call("GET", APPLICATIONS + "/it-reader-made", admin(), null, null, Map.of()));
    }

    @Test
    void anAdministratorsPersonalAccessTokenWorksAndANonAdministratorsIsRefused() throws Exception {
        String adminPat = IssuedSecrets.remember(personalToken("it-admin", "it-admin-password-0123",
                "latchkey-admin", "latchkey:admin"));
        HttpResponse<String> list = call("GET", APPLICATIONS + "?limit=1", adminPat, null, null, Map.of());
        assertEquals(200, list.statusCode(), list::body);
        // A non-administrator cannot issue a token for the admin application at all...
        CookieBrowser person = signedIn("pat-user", "pat-user-password-0123");
        HttpResponse<String> page = person.get(Server.ISSUER + "/account/tokens");
        String csrf = CookieBrowser.form(page).field("csrf");
        assertEquals(403, person.post(Server.ISSUER + "/account/tokens", tokenForm(csrf, "latchkey-admin",
                "latchkey:admin")).statusCode());
        // ...and the personal access token they can issue does not open the admin API.
        String personPat = IssuedSecrets.remember(personalToken("pat-user", "pat-user-password-0123", "it-pat-app",
                "orders:read"));
        assertProblem(403, "forbidden", call("GET", APPLICATIONS, personPat, null, null, Map.of()));
    }

    // ---- operations ----

    @Test
    void createReadPatchDisableEnableAndDeleteAnApplication() throws Exception {
        String token = admin();
        HttpResponse<String> created = call("POST", APPLICATIONS, token, "application/json", """
                {"client_id": "it-api-web-%s", "name": "Made through the API", "type": "web",
                 "redirect_uris": ["https://made.example.test/cb"], "scopes": ["openid", "orders:read"]}"""
                .formatted(RUN), Map.of());
        assertEquals(201, created.statusCode(), created::body);
        assertEquals(Server.ISSUER + APPLICATIONS + "/it-api-web-" + RUN, created.headers().firstValue("Location").orElseThrow());
        assertEquals("\"0\"", created.headers().firstValue("ETag").orElseThrow());
        assertEquals("no-store", created.headers().firstValue("Cache-Control").orElseThrow());
        JsonNode body = JSON.readTree(created.body());
        String secret = IssuedSecrets.remember(body.path("secret").asText());
        assertEquals(43, secret.length(), "256 random bits, base64url");
        assertEquals("Made through the API", body.path("name").asText());
        assertEquals(0, body.path("version").asLong());
        assertTrue(body.path("created_at").isTextual());
        HttpResponse<String> webGrant = clientTokenResponse("it-api-web-" + RUN, secret, "orders:read");
        assertEquals(400, webGrant.statusCode(), "the secret authenticates it (not 401), but a web application "
                + "may not use client credentials");
        assertEquals("unauthorized_client", JSON.readTree(webGrant.body()).path("error").asText());

        HttpResponse<String> read = call("GET", APPLICATIONS + "/it-api-web-" + RUN, token, null, null, Map.of());
        assertEquals(200, read.statusCode());
        assertEquals("\"0\"", read.headers().firstValue("ETag").orElseThrow());
        assertFalse(read.body().contains("secret"), read::body);

        String patch = "{\"name\": \"Renamed\", \"redirect_uris\": [\"https://made.example.test/cb2\"]}";
        assertProblem(428, "precondition-required",
                call("PATCH", APPLICATIONS + "/it-api-web-" + RUN, token, "application/merge-patch+json", patch, Map.of()));
        assertProblem(412, "precondition-failed", call("PATCH", APPLICATIONS + "/it-api-web-" + RUN, token,
                "application/merge-patch+json", patch, Map.of("If-Match", "\"7\"")));
        HttpResponse<String> patched = call("PATCH", APPLICATIONS + "/it-api-web-" + RUN, token,
                "application/merge-patch+json", patch, Map.of("If-Match", "\"0\""));
        assertEquals(200, patched.statusCode(), patched::body);
        assertEquals("\"1\"", patched.headers().firstValue("ETag").orElseThrow());
        JsonNode after = JSON.readTree(patched.body());
        assertEquals("Renamed", after.path("name").asText());
        assertEquals("https://made.example.test/cb2", after.path("redirect_uris").get(0).asText());
        assertEquals(List.of("openid", "orders:read"), strings(after.path("scopes")), "untouched fields stay");

        assertProblem(428, "precondition-required",
                call("POST", APPLICATIONS + "/it-api-web-" + RUN + "/disable", token, null, null, Map.of()));
        HttpResponse<String> disabled = call("POST", APPLICATIONS + "/it-api-web-" + RUN + "/disable", token, null, null,
                Map.of("If-Match", "\"1\""));
        assertEquals(200, disabled.statusCode(), disabled::body);
        assertFalse(JSON.readTree(disabled.body()).path("enabled").asBoolean());
        HttpResponse<String> enabled = call("POST", APPLICATIONS + "/it-api-web-" + RUN + "/enable", token, null, null,
                Map.of("If-Match", "\"2\""));
        assertEquals(200, enabled.statusCode(), enabled::body);
        assertTrue(JSON.readTree(enabled.body()).path("enabled").asBoolean());

        assertProblem(412, "precondition-failed", call("DELETE", APPLICATIONS + "/it-api-web-" + RUN, token, null, null,
                Map.of("If-Match", "\"2\"")));
        assertEquals(204, call("DELETE", APPLICATIONS + "/it-api-web-" + RUN, token, null, null,
                Map.of("If-Match", "\"3\"")).statusCode());
        assertProblem(404, "not-found", call("GET", APPLICATIONS + "/it-api-web-" + RUN, token, null, null, Map.of()));
    }

    @Test
    void listsWithFiltersAndCursorsInClientIdOrder() throws Exception {
        String token = admin();
        for (String id : List.of("it-list-" + RUN + "-c", "it-list-" + RUN + "-a", "it-list-" + RUN + "-b")) {
            assertEquals(201, create(token, id, "orders:read").statusCode());
        }
        assertEquals(200, call("POST", APPLICATIONS + "/it-list-" + RUN + "-b/disable", token, null, null,
                Map.of("If-Match", "\"0\"")).statusCode());
        HttpResponse<String> first = call("GET", APPLICATIONS + "?q=IT-LIST-" + RUN.toUpperCase() + "-&limit=2", token, null, null, Map.of());
        assertEquals(200, first.statusCode(), first::body);
        JsonNode page = JSON.readTree(first.body());
        assertEquals(List.of("it-list-" + RUN + "-a", "it-list-" + RUN + "-b"), clientIds(page));
        String cursor = page.path("next_cursor").asText();
        assertFalse(cursor.isEmpty());
        JsonNode second = JSON.readTree(call("GET", APPLICATIONS + "?q=IT-LIST-" + RUN.toUpperCase() + "-&limit=2&cursor=" + cursor, token,
                null, null, Map.of()).body());
        assertEquals(List.of("it-list-" + RUN + "-c"), clientIds(second));
        assertTrue(second.path("next_cursor").isMissingNode(), "the last page has no next_cursor");
        assertEquals(List.of("it-list-" + RUN + "-b"), clientIds(JSON.readTree(call("GET",
                APPLICATIONS + "?q=it-list-" + RUN + "&enabled=false&type=m2m", token, null, null, Map.of()).body())));
        assertEquals(List.of(), clientIds(JSON.readTree(call("GET",
                APPLICATIONS + "?q=it-list-" + RUN + "&type=web", token, null, null, Map.of()).body())));
        List<String> everything = new ArrayList<>();
        Optional<String> next = Optional.empty();
        do {
            JsonNode all = JSON.readTree(call("GET", APPLICATIONS + "?limit=3" + next.map(c -> "&cursor=" + c)
                    .orElse(""), token, null, null, Map.of()).body());
            everything.addAll(clientIds(all));
            next = Optional.ofNullable(all.path("next_cursor").textValue());
        } while (next.isPresent());
        assertEquals(everything.stream().sorted().toList(), everything);
        assertTrue(everything.containsAll(List.of("it-web", "latchkey-admin", "it-list-" + RUN + "-a")), everything::toString);
    }

    @Test
    void aRotatedSecretOverlapsWithThePreviousOneUntilItIsRetired() throws Exception {
        String token = admin();
        HttpResponse<String> created = create(token, "it-rotate-" + RUN, "orders:read");
        String first = IssuedSecrets.remember(JSON.readTree(created.body()).path("secret").asText());
        assertEquals(200, clientTokenResponse("it-rotate-" + RUN, first, "orders:read").statusCode());

        HttpResponse<String> rotated = call("POST", APPLICATIONS + "/it-rotate-" + RUN + "/secrets", token, "application/json",
                "{\"overlap_seconds\": 3600}", Map.of());
        assertEquals(201, rotated.statusCode(), rotated::body);
        assertEquals("no-store", rotated.headers().firstValue("Cache-Control").orElseThrow());
        JsonNode secret = JSON.readTree(rotated.body());
        String second = IssuedSecrets.remember(secret.path("secret").asText());
        assertTrue(secret.path("current").asBoolean());
        assertEquals(200, clientTokenResponse("it-rotate-" + RUN, second, "orders:read").statusCode());
        assertEquals(200, clientTokenResponse("it-rotate-" + RUN, first, "orders:read").statusCode(),
                "the previous secret works during the overlap");

        JsonNode secrets = JSON.readTree(call("GET", APPLICATIONS + "/it-rotate-" + RUN + "/secrets", token, null, null, Map.of())
                .body()).path("items");
        assertEquals(2, secrets.size());
        assertFalse(secrets.toString().contains(first) || secrets.toString().contains(second));
        String previousId = null;
        for (JsonNode s : secrets) {
            // Both were presented successfully above: each shows when it was last used.
            assertTrue(s.path("last_used_at").isTextual(), s::toString);
            if (!s.path("current").asBoolean()) {
                previousId = s.path("id").asText();
                assertTrue(s.path("expires_at").isTextual());
            }
        }
        assertNotNull(previousId);
        assertEquals(204, call("DELETE", APPLICATIONS + "/it-rotate-" + RUN + "/secrets/" + previousId, token, null, null,
                Map.of()).statusCode());
        assertEquals(401, clientTokenResponse("it-rotate-" + RUN, first, "orders:read").statusCode(),
                "retired: the previous secret is refused");
        assertEquals(200, clientTokenResponse("it-rotate-" + RUN, second, "orders:read").statusCode());

        HttpResponse<String> noOverlap = call("POST", APPLICATIONS + "/it-rotate-" + RUN + "/secrets", token, "application/json",
                "{\"overlap_seconds\": 0}", Map.of());
        String third = IssuedSecrets.remember(JSON.readTree(noOverlap.body()).path("secret").asText());
        assertEquals(401, clientTokenResponse("it-rotate-" + RUN, second, "orders:read").statusCode(),
                "overlap 0: the previous secret ends at once");
        assertEquals(200, clientTokenResponse("it-rotate-" + RUN, third, "orders:read").statusCode());
    }

    @Test
    void anApplicationDisabledThroughTheApiIsRefusedAtTheTokenEndpointOnTheNextRequest() throws Exception {
        String token = admin();
        String secret = IssuedSecrets.remember(JSON.readTree(create(token, "it-to-disable-" + RUN, "orders:read").body())
                .path("secret").asText());
        assertEquals(200, clientTokenResponse("it-to-disable-" + RUN, secret, "orders:read").statusCode());
        assertEquals(200, call("POST", APPLICATIONS + "/it-to-disable-" + RUN + "/disable", token, null, null,
                Map.of("If-Match", "\"0\"")).statusCode());
        assertEquals(401, clientTokenResponse("it-to-disable-" + RUN, secret, "orders:read").statusCode());
    }

    @Test
    void ofTwoPatchesFromTheSameVersionExactlyOneApplies() throws Exception {
        String token = admin();
        assertEquals(201, create(token, "it-race-" + RUN, "orders:read").statusCode());
        List<AtOnce.Outcome<Integer>> outcomes = AtOnce.run(2, i -> () -> call("PATCH", APPLICATIONS + "/it-race-" + RUN,
                token, "application/merge-patch+json", "{\"name\": \"writer " + i + "\"}", Map.of("If-Match", "\"0\""))
                .statusCode());
        List<Integer> statuses = outcomes.stream().map(o -> o.value().orElseThrow()).sorted().toList();
        assertEquals(List.of(200, 412), statuses, outcomes::toString);
        assertEquals("\"1\"", call("GET", APPLICATIONS + "/it-race-" + RUN, token, null, null, Map.of()).headers()
                .firstValue("ETag").orElseThrow());
    }

    // ---- malformed requests ----

    @Test
    void malformedRequestsGetTheirExactStatusAndProblemType() throws Exception {
        String token = admin();
        assertEquals(201, create(token, "it-malformed-" + RUN, "orders:read").statusCode());
        String app = APPLICATIONS + "/it-malformed-" + RUN;
        String json = "application/json";
        String merge = "application/merge-patch+json";
        Map<String, String> v0 = Map.of("If-Match", "\"0\"");
        record Case(String why, String method, String path, String type, String body, Map<String, String> headers,
                    int status, String problem) {
        }
        List<Case> cases = List.of(
                new Case("unknown path", "GET", "/api/admin/nothing", null, null, Map.of(), 404, "not-found"),
                new Case("unknown nested path", "GET", "/api/admin/applications/it-malformed-" + RUN + "/nothing", null, null,
                        Map.of(), 404, "not-found"),
                new Case("the API root", "GET", "/api/admin", null, null, Map.of(), 404, "not-found"),
                new Case("unknown application", "GET", APPLICATIONS + "/it-no-such", null, null, Map.of(), 404,
                        "not-found"),
                new Case("PUT on an application", "PUT", app, json, "{}", v0, 405, "method-not-allowed"),
                new Case("DELETE on the collection", "DELETE", APPLICATIONS, null, null, Map.of(), 405,
                        "method-not-allowed"),
                new Case("no content type", "POST", APPLICATIONS, null, "{\"client_id\":\"x\",\"type\":\"m2m\"}",
                        Map.of(), 415, "unsupported-media-type"),
                new Case("form content type", "POST", APPLICATIONS, "application/x-www-form-urlencoded",
                        "client_id=x", Map.of(), 415, "unsupported-media-type"),
                new Case("text content type", "POST", APPLICATIONS, "text/plain", "{}", Map.of(), 415,
                        "unsupported-media-type"),
                new Case("JSON charset latin-1", "POST", APPLICATIONS, "application/json; charset=ISO-8859-1", "{}",
                        Map.of(), 415, "unsupported-media-type"),
                new Case("PATCH as plain JSON", "PATCH", app, json, "{}", v0, 415, "unsupported-media-type"),
                new Case("empty body", "POST", APPLICATIONS, json, "", Map.of(), 400, "malformed-json"),
                new Case("cut-off JSON", "POST", APPLICATIONS, json, "{\"client_id\":", Map.of(), 400,
                        "malformed-json"),
                new Case("duplicate key", "POST", APPLICATIONS, json,
                        "{\"client_id\":\"a\",\"client_id\":\"b\",\"type\":\"m2m\"}", Map.of(), 400, "malformed-json"),
                new Case("trailing garbage", "POST", APPLICATIONS, json, "{\"client_id\":\"a\",\"type\":\"m2m\"} x",
                        Map.of(), 400, "malformed-json"),
                new Case("two objects", "POST", APPLICATIONS, json, "{}{}", Map.of(), 400, "malformed-json"),
                new Case("single quotes", "POST", APPLICATIONS, json, "{'client_id':'a'}", Map.of(), 400,
                        "malformed-json"),
                new Case("an array body", "POST", APPLICATIONS, json, "[]", Map.of(), 400, "invalid-request"),
                new Case("unknown field", "POST", APPLICATIONS, json,
                        "{\"client_id\":\"it-x1\",\"type\":\"m2m\",\"colour\":\"red\"}", Map.of(), 400,
                        "invalid-request"),
                new Case("string for a boolean", "POST", APPLICATIONS, json,
                        "{\"client_id\":\"it-x2\",\"type\":\"m2m\",\"enabled\":\"true\"}", Map.of(), 400,
                        "invalid-request"),
                new Case("string for a number", "POST", APPLICATIONS, json,
                        "{\"client_id\":\"it-x3\",\"type\":\"m2m\",\"max_token_lifetime_days\":\"30\"}", Map.of(),
                        400, "invalid-request"),
                new Case("number for a string", "POST", APPLICATIONS, json, "{\"client_id\":4,\"type\":\"m2m\"}",
                        Map.of(), 400, "invalid-request"),
                new Case("string for a list", "POST", APPLICATIONS, json,
                        "{\"client_id\":\"it-x5\",\"type\":\"m2m\",\"scopes\":\"orders:read\"}", Map.of(), 400,
                        "invalid-request"),
                new Case("read-only version", "POST", APPLICATIONS, json,
                        "{\"client_id\":\"it-x6\",\"type\":\"m2m\",\"version\":0}", Map.of(), 400, "invalid-request"),
                new Case("a chosen secret", "POST", APPLICATIONS, json,
                        "{\"client_id\":\"it-x7\",\"type\":\"m2m\",\"secret\":\"0123456789abcdefghijklmnopqrstuvwxyz\"}",
                        Map.of(), 400, "invalid-request"),
                new Case("missing type", "POST", APPLICATIONS, json, "{\"client_id\":\"it-x8\"}", Map.of(), 400,
                        "invalid-request"),
                new Case("a policy violation", "POST", APPLICATIONS, json,
                        "{\"client_id\":\"it-x9\",\"type\":\"m2m\",\"scopes\":[\"openid\"]}", Map.of(), 400,
                        "invalid-request"),
                new Case("an admin scope on a web application", "POST", APPLICATIONS, json,
                        "{\"client_id\":\"it-x10\",\"type\":\"web\",\"redirect_uris\":[\"https://a.example/cb\"],"
                                + "\"scopes\":[\"latchkey:admin\"]}", Map.of(), 400, "invalid-request"),
                new Case("a taken client_id", "POST", APPLICATIONS, json,
                        "{\"client_id\":\"it-web\",\"type\":\"m2m\"}", Map.of(), 409, "conflict"),
                new Case("limit 0", "GET", APPLICATIONS + "?limit=0", null, null, Map.of(), 400, "invalid-request"),
                new Case("limit 201", "GET", APPLICATIONS + "?limit=201", null, null, Map.of(), 400,
                        "invalid-request"),
                new Case("limit not a number", "GET", APPLICATIONS + "?limit=ten", null, null, Map.of(), 400,
                        "invalid-request"),
                new Case("limit twice", "GET", APPLICATIONS + "?limit=1&limit=2", null, null, Map.of(), 400,
                        "invalid-request"),
                new Case("a garbage cursor", "GET", APPLICATIONS + "?cursor=%25%25", null, null, Map.of(), 400,
                        "invalid-request"),
                new Case("a cursor of another listing", "GET", APPLICATIONS + "?cursor=YWNjb3VudHMKYWxpY2U", null,
                        null, Map.of(), 400, "invalid-request"),
                new Case("an unknown filter", "GET", APPLICATIONS + "?kind=m2m", null, null, Map.of(), 400,
                        "invalid-request"),
                new Case("enabled=yes", "GET", APPLICATIONS + "?enabled=yes", null, null, Map.of(), 400,
                        "invalid-request"),
                new Case("type=robot", "GET", APPLICATIONS + "?type=robot", null, null, Map.of(), 400,
                        "invalid-request"),
                new Case("PATCH without If-Match", "PATCH", app, merge, "{\"name\":\"n\"}", Map.of(), 428,
                        "precondition-required"),
                new Case("PATCH with If-Match *", "PATCH", app, merge, "{\"name\":\"n\"}", Map.of("If-Match", "*"),
                        428, "precondition-required"),
                new Case("PATCH with a weak ETag", "PATCH", app, merge, "{\"name\":\"n\"}",
                        Map.of("If-Match", "W/\"0\""), 412, "precondition-failed"),
                new Case("PATCH with a stale ETag", "PATCH", app, merge, "{\"name\":\"n\"}",
                        Map.of("If-Match", "\"5\""), 412, "precondition-failed"),
                new Case("PATCH changing the client_id", "PATCH", app, merge, "{\"client_id\":\"other\"}", v0, 400,
                        "invalid-request"),
                new Case("PATCH a read-only field", "PATCH", app, merge, "{\"created_at\":\"2020-01-01T00:00:00Z\"}",
                        v0, 400, "invalid-request"),
                new Case("PATCH with a wrong type", "PATCH", app, merge, "{\"first_party\":\"yes\"}", v0, 400,
                        "invalid-request"),
                new Case("PATCH malformed", "PATCH", app, merge, "{\"name\":", v0, 400, "malformed-json"),
                new Case("DELETE without If-Match", "DELETE", app, null, null, Map.of(), 428, "precondition-required"),
                new Case("enable without If-Match", "POST", app + "/enable", null, null, Map.of(), 428,
                        "precondition-required"),
                new Case("rotate with a negative overlap", "POST", app + "/secrets", json, "{\"overlap_seconds\":-1}",
                        Map.of(), 400, "invalid-request"),
                new Case("rotate with an overlap past 30 days", "POST", app + "/secrets", json,
                        "{\"overlap_seconds\":2592001}", Map.of(), 400, "invalid-request"),
                new Case("rotate with an unknown field", "POST", app + "/secrets", json, "{\"overlap\":60}", Map.of(),
                        400, "invalid-request"),
                new Case("retire a secret id that is no number", "DELETE", app + "/secrets/abc", null, null, Map.of(),
                        404, "not-found"),
                new Case("retire a secret that does not exist", "DELETE", app + "/secrets/999999", null, null,
                        Map.of(), 404, "not-found"),
                new Case("a query parameter on an application", "GET", app + "?fields=name", null, null, Map.of(),
                        400, "invalid-request"),
                new Case("a body too large, refused before Jersey", "POST", APPLICATIONS, json,
                        "{\"name\":\"" + "n".repeat(70_000) + "\"}", Map.of(), 400, "invalid-request"),
                new Case("a malformed Authorization header", "GET", APPLICATIONS, null, null,
                        Map.of("Authorization", "Bearer a b c"), 400, "invalid-request"));
        List<String> failures = new ArrayList<>();
        for (Case c : cases) {
            HttpResponse<String> response = call(c.method(), c.path(), c.headers().containsKey("Authorization") ? null
                    : token, c.type(), c.body(), c.headers());
            String problemType = response.headers().firstValue("Content-Type").orElse("")
                    .startsWith("application/problem+json")
                    ? JSON.readTree(response.body()).path("type").asText() : "(no problem document)";
            if (response.statusCode() != c.status() || !problemType.equals(PROBLEM + c.problem())
                    || RawHttp.STACK_TRACE.matcher(response.body()).find()) {
                failures.add(c.why() + ": expected " + c.status() + " " + c.problem() + ", got "
                        + response.statusCode() + " " + problemType + " " + response.body());
            }
        }
        // A query the servlet filters refuse before Jersey sees it (java.net.URI will not even send this one).
        // WildFly's Undertow refuses it itself with an empty 400 before Latchkey runs (README: "Errors the container
        // answers itself"); Tomcat passes it on, and Latchkey answers a problem document.
        RawHttp.Answer escape = RawHttp.exchange("GET " + RawHttp.CONTEXT + APPLICATIONS + "?q=%zz HTTP/1.1\r\nHost: "
                + RawHttp.HOST + "\r\nAuthorization: Bearer " + token + "\r\nConnection: close\r\n\r\n");
        boolean refusedByUndertow = "wildfly".equals(System.getProperty("it.server")) && escape.status() == 400
                && escape.body().isEmpty();
        if (!refusedByUndertow && (escape.status() != 400
                || !escape.header("Content-Type").orElse("").startsWith("application/problem+json")
                || !JSON.readTree(escape.body()).path("type").asText().equals(PROBLEM + "invalid-request"))) {
            failures.add("a broken percent escape: got " + escape.status() + " " + escape.body());
        }
        assertTrue(cases.size() >= 40, "at least 40 cases");
        assertEquals(List.of(), failures);
        assertEquals("\"0\"", call("GET", app, token, null, null, Map.of()).headers().firstValue("ETag")
                .orElseThrow(), "no malformed request changed the application");
    }

    // ---- helpers ----

    private static HttpResponse<String> create(String token, String clientId, String scope) {
        HttpResponse<String> created = call("POST", APPLICATIONS, token, "application/json",
                "{\"client_id\":\"" + clientId + "\",\"type\":\"m2m\",\"scopes\":[\"" + scope + "\"]}", Map.of());
        assertEquals(201, created.statusCode(), created::body);
        return created;
    }

    private static HttpResponse<String> call(String method, String path, String token, String contentType,
                                             String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(Server.uri(path)).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        return Server.send(request.build());
    }

    private static void assertProblem(int status, String type, HttpResponse<String> response) throws Exception {
        assertEquals(status, response.statusCode(), response::body);
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                () -> response.headers().toString());
        JsonNode problem = JSON.readTree(response.body());
        assertEquals(PROBLEM + type, problem.path("type").asText());
        assertEquals(status, problem.path("status").asInt());
        assertTrue(problem.path("title").isTextual() && problem.path("detail").isTextual(), response::body);
    }

    private static String admin() throws Exception {
        return clientToken(ADMIN_SERVICE, ADMIN_SERVICE_SECRET, "latchkey:admin");
    }

    private static HttpResponse<String> clientTokenResponse(String id, String secret, String scope) {
        return Server.token(id, secret, "grant_type=client_credentials&scope=" + Server.form(scope));
    }

    private static String clientToken(String id, String secret, String scope) throws Exception {
        HttpResponse<String> response = clientTokenResponse(id, secret, scope);
        assertEquals(200, response.statusCode(), response::body);
        return IssuedSecrets.remember(JSON.readTree(response.body()).path("access_token").asText());
    }

    private static CookieBrowser signedIn(String username, String password) {
        CookieBrowser browser = new CookieBrowser();
        HttpResponse<String> signedIn = browser.submitLogin(browser.get(Server.ISSUER + "/login"), username,
                password);
        assertEquals(200, signedIn.statusCode(), signedIn::body);
        return browser;
    }

    private static String personalToken(String username, String password, String clientId, String scope) {
        CookieBrowser browser = signedIn(username, password);
        HttpResponse<String> page = browser.get(Server.ISSUER + "/account/tokens");
        String csrf = CookieBrowser.form(page).field("csrf");
        HttpResponse<String> created = browser.post(Server.ISSUER + "/account/tokens", tokenForm(csrf, clientId, scope));
        assertEquals(200, created.statusCode(), created::body);
        Matcher matcher = Pattern.compile("lk_pat_[0-9A-Za-z]{49}").matcher(created.body());
        assertTrue(matcher.find(), created::body);
        return matcher.group();
    }

    private static Map<String, String> tokenForm(String csrf, String clientId, String scope) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("csrf", csrf);
        fields.put("kind", "pat");
        fields.put("name", "admin api");
        fields.put("client_id", clientId);
        fields.put("scope", scope);
        fields.put("lifetime_days", "7");
        return fields;
    }

    private static List<String> clientIds(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("items").forEach(item -> ids.add(item.path("client_id").asText()));
        return ids;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(item -> values.add(item.asText()));
        return values;
    }
}
