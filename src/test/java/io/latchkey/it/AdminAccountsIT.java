package io.latchkey.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import io.latchkey.boot.ImportFile;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The admin REST API's scopes, APIs, accounts and export from outside: every operation, versions, a read-only
 * token refused on changes, what a disable, a password set and an unlock do at sign-in and at the token endpoint,
 * the export re-read by the import's own reader, and malformed requests with their exact status and problem type.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdminAccountsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN_SERVICE = "it-admin-service";
    private static final String ADMIN_SERVICE_SECRET =
            IssuedSecrets.remember("it-admin-service-secret-0123456789abcdefghij");
    private static final String READER = "it-admin-reader";
    private static final String READER_SECRET = IssuedSecrets.remember("it-admin-reader-secret-0123456789abcdefghijk");
    private static final String ACCOUNTS = "/api/admin/accounts";
    private static final String SCOPES = "/api/admin/scopes";
    private static final String PROBLEM = "urn:latchkey:problem:";
    private static final String JSON_TYPE = "application/json";
    private static final String MERGE = "application/merge-patch+json";
    /** Names made here carry this run's mark: the server's database outlives a test run. */
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);

    static {
        // Passwords sent in bodies (some refused): LogRedactionIT checks that no log line holds them either.
        for (String password : List.of("made-here-password-0123", "h-export-password-0123", "reader-password-0123",
                "x-password-0123-long")) {
            IssuedSecrets.remember(password);
        }
    }

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.war();
    }

    // ---- accounts ----

    @Test
    void createReadPatchGrantRevokeAdminAndListAccounts() throws Exception {
        String token = admin();
        String username = "h-acct-" + RUN;
        HttpResponse<String> created = call("POST", ACCOUNTS, token, JSON_TYPE, """
                {"username": "  H-Acct-%s ", "name": " Made Here ", "email": "made-%s@example.test",
                 "email_verified": true, "password": "made-here-password-0123"}""".formatted(RUN, RUN), Map.of());
        assertEquals(201, created.statusCode(), created::body);
        assertEquals(Server.ISSUER + ACCOUNTS + "/" + username, created.headers().firstValue("Location").orElseThrow());
        assertEquals("\"0\"", created.headers().firstValue("ETag").orElseThrow());
        JsonNode body = JSON.readTree(created.body());
        assertEquals(username, body.path("username").asText(), "stored trimmed and lower-case");
        assertEquals("Made Here", body.path("name").asText());
        assertTrue(body.path("email_verified").asBoolean());
        assertFalse(body.path("admin").asBoolean());
        assertTrue(body.path("enabled").asBoolean());
        assertTrue(body.path("subject").isTextual() && body.path("created_at").isTextual(), created::body);
        assertFalse(created.body().contains("password"), "never a password or its hash: " + created.body());

        HttpResponse<String> read = call("GET", ACCOUNTS + "/" + username.toUpperCase(), token, null, null, Map.of());
        assertEquals(200, read.statusCode(), read::body);
        assertEquals("\"0\"", read.headers().firstValue("ETag").orElseThrow());
        assertFalse(read.body().contains("password") || read.body().contains("$argon2"), read::body);

        String patch = "{\"name\": \"Renamed\", \"email\": null, \"email_verified\": false}";
        assertProblem(428, "precondition-required", call("PATCH", ACCOUNTS + "/" + username, token, MERGE, patch, Map.of()));
        assertProblem(412, "precondition-failed", call("PATCH", ACCOUNTS + "/" + username, token, MERGE, patch,
                Map.of("If-Match", "\"5\"")));
        HttpResponse<String> patched = call("PATCH", ACCOUNTS + "/" + username, token, MERGE, patch,
                Map.of("If-Match", "\"0\""));
        assertEquals(200, patched.statusCode(), patched::body);
        assertEquals("\"1\"", patched.headers().firstValue("ETag").orElseThrow());
        JsonNode after = JSON.readTree(patched.body());
        assertEquals("Renamed", after.path("name").asText());
        assertTrue(after.path("email").isMissingNode(), "a null in a merge patch removes the email");
        assertFalse(after.path("email_verified").asBoolean());

        assertProblem(428, "precondition-required", call("POST", ACCOUNTS + "/" + username + "/admin", token, null, null, Map.of()));
        HttpResponse<String> granted = call("POST", ACCOUNTS + "/" + username + "/admin", token, null, null,
                Map.of("If-Match", "\"1\""));
        assertEquals(200, granted.statusCode(), granted::body);
        assertTrue(JSON.readTree(granted.body()).path("admin").asBoolean());
        assertEquals("\"2\"", granted.headers().firstValue("ETag").orElseThrow());
        assertProblem(412, "precondition-failed", call("DELETE", ACCOUNTS + "/" + username + "/admin", token, null,
                null, Map.of("If-Match", "\"1\"")));
        HttpResponse<String> revoked = call("DELETE", ACCOUNTS + "/" + username + "/admin", token, null, null,
                Map.of("If-Match", "\"2\""));
        assertEquals(200, revoked.statusCode(), revoked::body);
        assertFalse(JSON.readTree(revoked.body()).path("admin").asBoolean());

        assertProblem(409, "conflict", call("POST", ACCOUNTS, token, JSON_TYPE,
                "{\"username\": \"" + username.toUpperCase() + "\"}", Map.of()));

        for (String suffix : List.of("c", "a", "b")) {
            assertEquals(201, call("POST", ACCOUNTS, token, JSON_TYPE, "{\"username\": \"h-list-" + RUN + "-" + suffix
                    + "\"}", Map.of()).statusCode());
        }
        assertEquals(200, call("POST", ACCOUNTS + "/h-list-" + RUN + "-b/disable", token, null, null,
                Map.of("If-Match", "\"0\"")).statusCode());
        JsonNode first = JSON.readTree(call("GET", ACCOUNTS + "?q=H-LIST-" + RUN.toUpperCase() + "&limit=2", token,
                null, null, Map.of()).body());
        assertEquals(List.of("h-list-" + RUN + "-a", "h-list-" + RUN + "-b"), usernames(first));
        JsonNode second = JSON.readTree(call("GET", ACCOUNTS + "?q=h-list-" + RUN + "&limit=2&cursor="
                + first.path("next_cursor").asText(), token, null, null, Map.of()).body());
        assertEquals(List.of("h-list-" + RUN + "-c"), usernames(second));
        assertTrue(second.path("next_cursor").isMissingNode(), "the last page has no next_cursor");
        assertEquals(List.of("h-list-" + RUN + "-b"), usernames(JSON.readTree(call("GET", ACCOUNTS + "?q=h-list-"
                + RUN + "&enabled=false&admin=false", token, null, null, Map.of()).body())));
        assertEquals(List.of("it-admin"), usernames(JSON.readTree(call("GET", ACCOUNTS + "?q=it-admin&admin=true",
                token, null, null, Map.of()).body())));
        List<String> everything = new ArrayList<>();
        Optional<String> next = Optional.empty();
        do {
            JsonNode page = JSON.readTree(call("GET", ACCOUNTS + "?limit=3" + next.map(c -> "&cursor=" + c).orElse(""),
                    token, null, null, Map.of()).body());
            everything.addAll(usernames(page));
            next = page.has("next_cursor") ? Optional.of(page.path("next_cursor").asText()) : Optional.empty();
        } while (next.isPresent());
        assertEquals(everything.stream().sorted().distinct().toList(), everything, "every account once, in order");
        assertTrue(everything.containsAll(List.of("alice", "it-admin", username)), everything::toString);
    }

    @Test
    void aReadOnlyTokenReadsButIsRefusedOnEveryChange() throws Exception {
        String reader = clientToken(READER, READER_SECRET, "latchkey:admin.read");
        assertEquals(200, call("GET", ACCOUNTS + "/alice", reader, null, null, Map.of()).statusCode());
        assertEquals(200, call("GET", SCOPES + "/orders:read", reader, null, null, Map.of()).statusCode());
        assertEquals(200, call("GET", "/api/admin/apis", reader, null, null, Map.of()).statusCode());
        assertEquals(200, call("GET", "/api/admin/export", reader, null, null, Map.of()).statusCode());
        List<HttpResponse<String>> changes = List.of(
                call("POST", ACCOUNTS, reader, JSON_TYPE, "{\"username\": \"h-reader-" + RUN + "\"}", Map.of()),
                call("PATCH", ACCOUNTS + "/alice", reader, MERGE, "{\"name\": \"X\"}", Map.of("If-Match", "\"0\"")),
                call("POST", ACCOUNTS + "/alice/disable", reader, null, null, Map.of("If-Match", "\"0\"")),
                call("POST", ACCOUNTS + "/alice/admin", reader, null, null, Map.of("If-Match", "\"0\"")),
                call("DELETE", ACCOUNTS + "/it-admin/admin", reader, null, null, Map.of("If-Match", "\"0\"")),
                call("DELETE", ACCOUNTS + "/alice", reader, null, null, Map.of("If-Match", "\"0\"")),
                call("POST", ACCOUNTS + "/alice/password", reader, JSON_TYPE,
                        "{\"password\": \"reader-password-0123\"}", Map.of()),
                call("POST", ACCOUNTS + "/alice/unlock", reader, null, null, Map.of()),
                call("POST", SCOPES, reader, JSON_TYPE, "{\"name\": \"h-reader\", \"description\": \"x\"}", Map.of()),
                call("PATCH", SCOPES + "/orders:read", reader, MERGE, "{\"description\": \"x\"}",
                        Map.of("If-Match", "\"0\"")),
                call("DELETE", SCOPES + "/orders:read", reader, null, null, Map.of("If-Match", "\"0\"")));
        for (HttpResponse<String> change : changes) {
            assertProblem(403, "forbidden", change);
            assertEquals("Bearer realm=\"latchkey-admin\", error=\"insufficient_scope\", scope=\"latchkey:admin\"",
                    change.headers().firstValue("WWW-Authenticate").orElseThrow());
        }
        assertProblem(404, "not-found", call("GET", ACCOUNTS + "/h-reader-" + RUN, admin(), null, null, Map.of()));
    }

    @Test
    void aDisabledAccountCannotSignInAndItsRefreshTokenStops() throws Exception {
        String token = admin();
        String username = "h-disable-" + RUN;
        String password = IssuedSecrets.remember("h-disable-password-0123");
        created(token, username, password);
        String refresh = refreshTokenOf(new CookieBrowser(), username, password);
        OIDCTokens refreshed = Oidc.refresh(Oidc.RpClient.WEB, refresh);
        if (refreshed.getRefreshToken() != null) {
            refresh = IssuedSecrets.remember(refreshed.getRefreshToken().getValue());
        }

        HttpResponse<String> disabled = call("POST", ACCOUNTS + "/" + username + "/disable", token, null, null,
                Map.of("If-Match", "\"0\""));
        assertEquals(200, disabled.statusCode(), disabled::body);
        assertFalse(JSON.readTree(disabled.body()).path("enabled").asBoolean());
        assertEquals("invalid_grant", Oidc.error(Oidc.refreshHttp(Oidc.RpClient.WEB, refresh), 400).getCode(),
                "the refresh token of a disabled account stops at once");
        CookieBrowser again = new CookieBrowser();
        HttpResponse<String> signIn = again.submitLogin(again.get(Server.ISSUER + "/login"), username, password);
        assertEquals(401, signIn.statusCode(), "a disabled account cannot sign in, even with its password");
        assertFalse(again.cookie(CookieBrowser.SESSION_COOKIE).isPresent());

        HttpResponse<String> enabled = call("POST", ACCOUNTS + "/" + username + "/enable", token, null, null,
                Map.of("If-Match", "\"1\""));
        assertEquals(200, enabled.statusCode(), enabled::body);
        assertEquals("invalid_grant", Oidc.error(Oidc.refreshHttp(Oidc.RpClient.WEB, refresh), 400).getCode(),
                "enabling it again revives nothing");
        CookieBrowser enabledAgain = new CookieBrowser();
        assertEquals(200, enabledAgain.submitLogin(enabledAgain.get(Server.ISSUER + "/login"), username, password)
                .statusCode());
    }

    @Test
    void aDeletedAccountIsGoneWithItsSessionAndRefreshTokenAndOnlyFromTheVersionRead() throws Exception {
        String token = admin();
        String username = "h-delete-" + RUN;
        String password = IssuedSecrets.remember("h-delete-password-0123");
        created(token, username, password);
        CookieBrowser browser = new CookieBrowser();
        String refresh = refreshTokenOf(browser, username, password);

        assertEquals(200, browser.get(Server.ISSUER + "/account/tokens").statusCode(), "signed in");
        assertProblem(428, "precondition-required", call("DELETE", ACCOUNTS + "/" + username, token, null, null,
                Map.of()));
        assertProblem(412, "precondition-failed", call("DELETE", ACCOUNTS + "/" + username, token, null, null,
                Map.of("If-Match", "\"5\"")));
        assertEquals(200, call("GET", ACCOUNTS + "/" + username, token, null, null, Map.of()).statusCode(),
                "still there after a refusal");
        HttpResponse<String> deleted = call("DELETE", ACCOUNTS + "/" + username, token, null, null,
                Map.of("If-Match", "\"0\""));
        assertEquals(204, deleted.statusCode(), deleted::body);

        assertProblem(404, "not-found", call("GET", ACCOUNTS + "/" + username, token, null, null, Map.of()));
        assertProblem(404, "not-found", call("DELETE", ACCOUNTS + "/" + username, token, null, null,
                Map.of("If-Match", "\"1\"")));
        assertEquals("invalid_grant", Oidc.error(Oidc.refreshHttp(Oidc.RpClient.WEB, refresh), 400).getCode(),
                "the refresh token went with the account");
        HttpResponse<String> signedOut = browser.get(Server.ISSUER + "/account/tokens");
        assertEquals(303, signedOut.statusCode(), "the browser session went too: " + signedOut.body());
        assertTrue(CookieBrowser.location(signedOut).orElseThrow().contains("/login"),
                () -> signedOut.headers().toString());
        assertEquals(401, signInStatus(username, password));
        JsonNode audit = JSON.readTree(call("GET", "/api/admin/audit?action=account.deleted&target=account:"
                + username, token, null, null, Map.of()).body());
        List<String> outcomes = new ArrayList<>();
        audit.path("items").forEach(event -> outcomes.add(event.path("outcome").asText()));
        assertEquals(List.of("failure", "success", "failure"), outcomes, "newest first: the second delete found "
                + "nothing, the first one from the stale version changed nothing: " + audit);
    }

    @Test
    void aPasswordSetThroughTheApiWorksAtSignInAndTheOldOneNoLonger() throws Exception {
        String token = admin();
        String username = "h-password-" + RUN;
        assertEquals(201, call("POST", ACCOUNTS, token, JSON_TYPE, "{\"username\": \"" + username + "\"}", Map.of())
                .statusCode());
        String first = IssuedSecrets.remember("h-first-password-0123");
        HttpResponse<String> set = call("POST", ACCOUNTS + "/" + username + "/password", token, JSON_TYPE,
                "{\"password\": \"" + first + "\"}", Map.of());
        assertEquals(204, set.statusCode(), set::body);
        assertEquals("", set.body());
        assertEquals(200, signInStatus(username, first));

        String second = IssuedSecrets.remember("h-second-password-0123");
        assertEquals(204, call("POST", ACCOUNTS + "/" + username + "/password", token, JSON_TYPE,
                "{\"password\": \"" + second + "\"}", Map.of()).statusCode());
        assertEquals(401, signInStatus(username, first), "the old password no longer works");
        assertEquals(200, signInStatus(username, second));

        HttpResponse<String> tooShort = call("POST", ACCOUNTS + "/" + username + "/password", token, JSON_TYPE,
                "{\"password\": \"short-0123\"}", Map.of());
        assertProblem(400, "invalid-request", tooShort);
        JsonNode violation = JSON.readTree(tooShort.body()).path("violations").get(0);
        assertEquals("password", violation.path("field").asText());
        assertEquals("must be at least 12 characters", violation.path("message").asText());
        assertFalse(tooShort.body().contains("short-0123"), "the password is never echoed");
        assertEquals(200, signInStatus(username, second), "a refused password changes nothing");
    }

    @Test
    void unlockLetsAThrottledAccountInAgain() throws Exception {
        String token = admin();
        String username = "h-locked-" + RUN;
        String password = IssuedSecrets.remember("h-locked-password-0123");
        created(token, username, password);
        CookieBrowser browser = new CookieBrowser();
        String csrf = CookieBrowser.form(browser.get(Server.ISSUER + "/login")).field("csrf");
        int status = 0;
        for (int attempt = 1; attempt <= 10 && status != 429; attempt++) {
            status = browser.post(Server.ISSUER + "/login", Map.of("csrf", csrf, "username", username,
                    "password", IssuedSecrets.remember("h-wrong-password-" + attempt))).statusCode();
        }
        assertEquals(429, status, "wrong passwords throttle the account");
        assertEquals(429, signInStatus(username, password), "even the right password waits");

        HttpResponse<String> unlocked = call("POST", ACCOUNTS + "/" + username + "/unlock", token, null, null, Map.of());
        assertEquals(204, unlocked.statusCode(), unlocked::body);
        assertEquals(200, signInStatus(username, password), "unlocked, the right password signs in at once");
    }

    @Test
    void aResetCodeIssuedThroughTheApiSetsAPasswordOnTheResetPageOnce() throws Exception {
        String token = admin();
        String username = "h-reset-" + RUN;
        String old = IssuedSecrets.remember("h-reset-old-password-0123");
        assertEquals(201, call("POST", ACCOUNTS, token, JSON_TYPE, "{\"username\": \"" + username
                + "\", \"password\": \"" + old + "\"}", Map.of()).statusCode());
        HttpResponse<String> issued = call("POST", ACCOUNTS + "/" + username + "/password-reset", token, null, null,
                Map.of());
        assertEquals(201, issued.statusCode(), issued::body);
        assertEquals("no-store", issued.headers().firstValue("Cache-Control").orElseThrow());
        JsonNode answer = JSON.readTree(issued.body());
        String code = IssuedSecrets.remember(answer.path("code").asText());
        assertTrue(code.matches("[A-Z2-7]{4}(-[A-Z2-7]{4}){7}"), code);
        assertEquals(Server.ISSUER + "/account/reset", answer.path("reset_page").asText());
        assertTrue(java.time.Instant.parse(answer.path("expires_at").asText()).isAfter(java.time.Instant.now()
                .plus(java.time.Duration.ofHours(23))));
        assertEquals(403, call("POST", ACCOUNTS + "/" + username + "/password-reset", clientToken(READER, READER_SECRET, "latchkey:admin.read"), null, null,
                Map.of()).statusCode(), "a read-only token issues no code");

        String fresh = IssuedSecrets.remember("h-reset-new-password-0123");
        CookieBrowser browser = new CookieBrowser();
        String csrf = CookieBrowser.form(browser.get(Server.ISSUER + "/account/reset")).field("csrf");
        HttpResponse<String> wrong = browser.post(Server.ISSUER + "/account/reset", Map.of("csrf", csrf,
                "username", username, "code", "AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA", "password", fresh,
                "password_confirmation", fresh));
        assertEquals(400, wrong.statusCode(), wrong::body);
        HttpResponse<String> nobody = browser.post(Server.ISSUER + "/account/reset", Map.of("csrf", csrf,
                "username", "nobody-" + username, "code", code, "password", fresh, "password_confirmation", fresh));
        assertEquals(400, nobody.statusCode());
        assertEquals(wrong.body().replace(username, "X"), nobody.body().replace("nobody-" + username, "X"),
                "an unknown username gets the same answer as a wrong code");
        HttpResponse<String> weak = browser.post(Server.ISSUER + "/account/reset", Map.of("csrf", csrf,
                "username", username, "code", code, "password", "short-0123", "password_confirmation", "short-0123"));
        assertEquals(400, weak.statusCode());
        assertTrue(weak.body().contains("at least 12 characters"), weak::body);
        assertTrue(weak.body().contains(username) && !weak.body().contains(code), "keeps the username, not the code");

        HttpResponse<String> reset = browser.post(Server.ISSUER + "/account/reset", Map.of("csrf", csrf,
                "username", username, "code", code.toLowerCase(), "password", fresh, "password_confirmation", fresh));
        assertEquals(200, reset.statusCode(), reset::body);
        assertEquals(200, signInStatus(username, fresh));
        assertEquals(401, signInStatus(username, old), "the old password no longer works");
        HttpResponse<String> again = browser.post(Server.ISSUER + "/account/reset", Map.of("csrf", csrf,
                "username", username, "code", code, "password", old, "password_confirmation", old));
        assertEquals(400, again.statusCode(), "the code works once");
        assertEquals(200, signInStatus(username, fresh));
        assertEquals(404, call("POST", ACCOUNTS + "/nobody-" + username + "/password-reset", token, null, null,
                Map.of()).statusCode());
    }

    // ---- scopes and APIs ----

    @Test
    void createReadPatchAndDeleteAScopeAndSeeItsApi() throws Exception {
        String token = admin();
        String name = "h-scope-" + RUN + ":read";
        String audience = "https://api.example.test/h-" + RUN;
        HttpResponse<String> created = call("POST", SCOPES, token, JSON_TYPE, """
                {"name": "%s", "description": "Read H things", "audience": "%s"}""".formatted(name, audience), Map.of());
        assertEquals(201, created.statusCode(), created::body);
        assertEquals(Server.ISSUER + SCOPES + "/" + name, created.headers().firstValue("Location").orElseThrow());
        assertEquals("\"0\"", created.headers().firstValue("ETag").orElseThrow());
        JsonNode body = JSON.readTree(created.body());
        assertEquals(audience, body.path("audience").asText());
        assertTrue(body.path("created_at").isTextual());
        assertEquals(200, call("GET", SCOPES + "/" + name, token, null, null, Map.of()).statusCode());

        JsonNode apis = JSON.readTree(call("GET", "/api/admin/apis", token, null, null, Map.of()).body());
        JsonNode api = null;
        for (JsonNode item : apis.path("items")) {
            if (audience.equals(item.path("audience").asText())) {
                api = item;
            }
        }
        assertNotNull(api, apis::toString);
        assertEquals(name, api.path("scopes").get(0).path("name").asText());
        assertEquals("Read H things", api.path("scopes").get(0).path("description").asText());
        assertTrue(apis.path("items").get(0).path("audience").isMissingNode(), "the scopes of no API come first");

        HttpResponse<String> patched = call("PATCH", SCOPES + "/" + name, token, MERGE,
                "{\"description\": \"Read all H things\", \"audience\": null}", Map.of("If-Match", "\"0\""));
        assertEquals(200, patched.statusCode(), patched::body);
        assertEquals("\"1\"", patched.headers().firstValue("ETag").orElseThrow());
        assertEquals("Read all H things", JSON.readTree(patched.body()).path("description").asText());
        assertTrue(JSON.readTree(patched.body()).path("audience").isMissingNode());
        JsonNode listed = JSON.readTree(call("GET", SCOPES + "?limit=200", token, null, null, Map.of()).body());
        List<String> names = new ArrayList<>();
        listed.path("items").forEach(item -> names.add(item.path("name").asText()));
        assertTrue(names.contains(name) && names.contains("orders:read"), names::toString);
        assertEquals(names.stream().sorted().toList(), names, "in name order");
        JsonNode ordersApi = JSON.readTree(call("GET", SCOPES + "?audience=https://api.example.test/orders", token,
                null, null, Map.of()).body());
        List<String> orders = new ArrayList<>();
        ordersApi.path("items").forEach(item -> orders.add(item.path("name").asText()));
        assertEquals(List.of("orders:read", "orders:write"), orders);

        assertProblem(412, "precondition-failed", call("DELETE", SCOPES + "/" + name, token, null, null,
                Map.of("If-Match", "\"0\"")));
        assertEquals(204, call("DELETE", SCOPES + "/" + name, token, null, null, Map.of("If-Match", "\"1\""))
                .statusCode());
        assertProblem(404, "not-found", call("GET", SCOPES + "/" + name, token, null, null, Map.of()));
    }

    // ---- export ----

    @Test
    void theExportIsAnImportDocumentTheImportReadsWithoutViolations() throws Exception {
        String token = admin();
        String username = "h-export-" + RUN;
        assertEquals(201, call("POST", ACCOUNTS, token, JSON_TYPE, "{\"username\": \"" + username
                + "\", \"password\": \"h-export-password-0123\", \"email\": \"x-" + RUN + "@example.test\"}", Map.of())
                .statusCode());
        HttpResponse<String> export = call("GET", "/api/admin/export", token, null, null, Map.of());
        assertEquals(200, export.statusCode(), export::body);
        assertTrue(export.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertEquals("no-store", export.headers().firstValue("Cache-Control").orElseThrow());
        assertFalse(export.body().contains("\"password\"") || export.body().contains("\"secret\"")
                || export.body().contains("$argon2"), "no secret, password or hash");
        Path file = Files.createTempFile("latchkey-export", ".json");
        try {
            Files.writeString(file, export.body());
            // The IT server runs in dev mode (its web applications register loopback http redirect URIs).
            ImportFile.Document document = ImportFile.read(file, Map.of(), true);
            assertTrue(document.users().stream().anyMatch(u -> u.username().equals(username)));
            assertTrue(document.applications().stream().anyMatch(a -> a.clientId().equals("it-web")));
            assertTrue(document.scopes().stream().anyMatch(s -> s.name().equals("orders:read")));
        } finally {
            Files.delete(file);
        }
    }

    // ---- malformed requests ----

    @Test
    void malformedRequestsGetTheirExactStatusAndProblemType() throws Exception {
        String token = admin();
        String username = "h-malformed-" + RUN;
        assertEquals(201, call("POST", ACCOUNTS, token, JSON_TYPE, "{\"username\": \"" + username + "\"}", Map.of())
                .statusCode());
        String account = ACCOUNTS + "/" + username;
        JsonNode orders = JSON.readTree(call("GET", SCOPES + "/orders:read", token, null, null, Map.of()).body());
        String ordersVersion = "\"" + orders.path("version").asLong() + "\"";
        Map<String, String> v0 = Map.of("If-Match", "\"0\"");
        record Case(String why, String method, String path, String type, String body, Map<String, String> headers,
                    int status, String problem) {
        }
        List<Case> cases = List.of(
                new Case("no body", "POST", ACCOUNTS, JSON_TYPE, null, Map.of(), 400, "malformed-json"),
                new Case("broken JSON", "POST", ACCOUNTS, JSON_TYPE, "{\"username\":", Map.of(), 400, "malformed-json"),
                new Case("a duplicate key", "POST", ACCOUNTS, JSON_TYPE,
                        "{\"username\":\"a1\",\"username\":\"a2\"}", Map.of(), 400, "malformed-json"),
                new Case("trailing text", "POST", ACCOUNTS, JSON_TYPE, "{\"username\":\"a1\"} x", Map.of(), 400,
                        "malformed-json"),
                new Case("an array", "POST", ACCOUNTS, JSON_TYPE, "[]", Map.of(), 400, "invalid-request"),
                new Case("an unknown field", "POST", ACCOUNTS, JSON_TYPE, "{\"username\":\"a1\",\"colour\":\"red\"}",
                        Map.of(), 400, "invalid-request"),
                new Case("a number for the username", "POST", ACCOUNTS, JSON_TYPE, "{\"username\":7}", Map.of(), 400,
                        "invalid-request"),
                new Case("a string for a boolean", "POST", ACCOUNTS, JSON_TYPE,
                        "{\"username\":\"a1\",\"admin\":\"true\"}", Map.of(), 400, "invalid-request"),
                new Case("no username", "POST", ACCOUNTS, JSON_TYPE, "{\"name\":\"A\"}", Map.of(), 400,
                        "invalid-request"),
                new Case("a username with a space", "POST", ACCOUNTS, JSON_TYPE, "{\"username\":\"a b\"}", Map.of(),
                        400, "invalid-request"),
                new Case("a short password", "POST", ACCOUNTS, JSON_TYPE,
                        "{\"username\":\"h-short-" + RUN + "\",\"password\":\"short\"}", Map.of(), 400, "invalid-request"),
                new Case("email_verified without email", "POST", ACCOUNTS, JSON_TYPE,
                        "{\"username\":\"h-ev-" + RUN + "\",\"email_verified\":true}", Map.of(), 400, "invalid-request"),
                new Case("a read-only field", "POST", ACCOUNTS, JSON_TYPE,
                        "{\"username\":\"h-ro-" + RUN + "\",\"version\":3}", Map.of(), 400, "invalid-request"),
                new Case("a taken username", "POST", ACCOUNTS, JSON_TYPE, "{\"username\":\"ALICE\"}", Map.of(), 409,
                        "conflict"),
                new Case("text/plain", "POST", ACCOUNTS, "text/plain", "{\"username\":\"a1\"}", Map.of(), 415,
                        "unsupported-media-type"),
                new Case("a patch without If-Match", "PATCH", account, MERGE, "{\"name\":\"X\"}", Map.of(), 428,
                        "precondition-required"),
                new Case("a stale If-Match", "PATCH", account, MERGE, "{\"name\":\"X\"}", Map.of("If-Match", "\"9\""),
                        412, "precondition-failed"),
                new Case("a weak If-Match", "PATCH", account, MERGE, "{\"name\":\"X\"}", Map.of("If-Match", "W/\"0\""),
                        412, "precondition-failed"),
                new Case("a patch as application/json", "PATCH", account, JSON_TYPE, "{\"name\":\"X\"}", v0, 415,
                        "unsupported-media-type"),
                new Case("a patch of admin", "PATCH", account, MERGE, "{\"admin\":true}", v0, 400, "invalid-request"),
                new Case("a patch of the password", "PATCH", account, MERGE, "{\"password\":\"x-password-0123-long\"}", v0,
                        400, "invalid-request"),
                new Case("a patch of the username", "PATCH", account, MERGE, "{\"username\":\"other\"}", v0, 400,
                        "invalid-request"),
                new Case("a patch removing the name", "PATCH", account, MERGE, "{\"name\":null}", v0, 400,
                        "invalid-request"),
                new Case("a patch with a bad email", "PATCH", account, MERGE, "{\"email\":\"not-an-email\"}", v0, 400,
                        "invalid-request"),
                new Case("a patch with an unknown field", "PATCH", account, MERGE, "{\"colour\":\"red\"}", v0, 400,
                        "invalid-request"),
                new Case("a patch of an unknown account", "PATCH", ACCOUNTS + "/h-nobody-" + RUN, MERGE,
                        "{\"name\":\"X\"}", v0, 404, "not-found"),
                new Case("an unknown account", "GET", ACCOUNTS + "/h-nobody-" + RUN, null, null, Map.of(), 404,
                        "not-found"),
                new Case("a query on one account", "GET", account + "?expand=all", null, null, Map.of(), 400,
                        "invalid-request"),
                new Case("limit 0", "GET", ACCOUNTS + "?limit=0", null, null, Map.of(), 400, "invalid-request"),
                new Case("limit 201", "GET", ACCOUNTS + "?limit=201", null, null, Map.of(), 400, "invalid-request"),
                new Case("enabled=yes", "GET", ACCOUNTS + "?enabled=yes", null, null, Map.of(), 400, "invalid-request"),
                new Case("an unknown filter", "GET", ACCOUNTS + "?role=admin", null, null, Map.of(), 400,
                        "invalid-request"),
                new Case("a filter twice", "GET", ACCOUNTS + "?admin=true&admin=false", null, null, Map.of(), 400,
                        "invalid-request"),
                new Case("a forged cursor", "GET", ACCOUNTS + "?cursor=bm90LWEtY3Vyc29y", null, null, Map.of(), 400,
                        "invalid-request"),
                new Case("disable without If-Match", "POST", account + "/disable", null, null, Map.of(), 428,
                        "precondition-required"),
                new Case("enable with a stale If-Match", "POST", account + "/enable", null, null,
                        Map.of("If-Match", "\"4\""), 412, "precondition-failed"),
                new Case("grant admin to nobody", "POST", ACCOUNTS + "/h-nobody-" + RUN + "/admin", null, null, v0, 404,
                        "not-found"),
                new Case("a password as a number", "POST", account + "/password", JSON_TYPE,
                        "{\"password\":123456789012345}", Map.of(), 400, "invalid-request"),
                new Case("no password", "POST", account + "/password", JSON_TYPE, "{}", Map.of(), 400,
                        "invalid-request"),
                new Case("a password with another field", "POST", account + "/password", JSON_TYPE,
                        "{\"password\":\"x-password-0123-long\",\"username\":\"alice\"}", Map.of(), 400, "invalid-request"),
                new Case("a password as a form", "POST", account + "/password", "application/x-www-form-urlencoded",
                        "password=x-password-0123", Map.of(), 415, "unsupported-media-type"),
                new Case("a password for nobody", "POST", ACCOUNTS + "/h-nobody-" + RUN + "/password", JSON_TYPE,
                        "{\"password\":\"x-password-0123-long\"}", Map.of(), 404, "not-found"),
                new Case("unlock nobody", "POST", ACCOUNTS + "/h-nobody-" + RUN + "/unlock", null, null, Map.of(), 404,
                        "not-found"),
                new Case("PUT an account", "PUT", account, JSON_TYPE, "{\"username\":\"x\"}", Map.of(), 405,
                        "method-not-allowed"),
                new Case("DELETE an account without If-Match", "DELETE", account, null, null, Map.of(), 428,
                        "precondition-required"),
                new Case("DELETE the accounts", "DELETE", ACCOUNTS, null, null, v0, 405, "method-not-allowed"),
                new Case("a scope without a description", "POST", SCOPES, JSON_TYPE, "{\"name\":\"h-nodesc\"}",
                        Map.of(), 400, "invalid-request"),
                new Case("a scope name with a space", "POST", SCOPES, JSON_TYPE,
                        "{\"name\":\"a b\",\"description\":\"x\"}", Map.of(), 400, "invalid-request"),
                new Case("a relative audience", "POST", SCOPES, JSON_TYPE,
                        "{\"name\":\"h-rel-" + RUN + "\",\"description\":\"x\",\"audience\":\"orders\"}", Map.of(), 400,
                        "invalid-request"),
                new Case("a reserved scope", "POST", SCOPES, JSON_TYPE,
                        "{\"name\":\"latchkey:admin.extra\",\"description\":\"x\"}", Map.of(), 400, "invalid-request"),
                new Case("a taken scope name", "POST", SCOPES, JSON_TYPE,
                        "{\"name\":\"orders:read\",\"description\":\"x\"}", Map.of(), 409, "conflict"),
                new Case("renaming a scope", "PATCH", SCOPES + "/orders:read", MERGE, "{\"name\":\"orders:peek\"}",
                        Map.of("If-Match", ordersVersion), 400, "invalid-request"),
                new Case("a scope's version in a patch", "PATCH", SCOPES + "/orders:read", MERGE, "{\"version\":7}",
                        Map.of("If-Match", ordersVersion), 400, "invalid-request"),
                new Case("deleting a scope applications list", "DELETE", SCOPES + "/orders:read", null, null,
                        Map.of("If-Match", ordersVersion), 400, "invalid-request"),
                new Case("deleting a standard scope", "DELETE", SCOPES + "/openid", null, null, v0, 400,
                        "invalid-request"),
                new Case("deleting an unknown scope", "DELETE", SCOPES + "/h-nothing-" + RUN, null, null, v0, 404,
                        "not-found"),
                new Case("a scope listing with an unknown filter", "GET", SCOPES + "?q=orders", null, null, Map.of(),
                        400, "invalid-request"),
                new Case("an accounts cursor on scopes", "GET", SCOPES + "?cursor=" + accountsCursor(token), null, null,
                        Map.of(), 400, "invalid-request"),
                new Case("a query on the APIs", "GET", "/api/admin/apis?limit=1", null, null, Map.of(), 400,
                        "invalid-request"),
                new Case("a query on the export", "GET", "/api/admin/export?format=yaml", null, null, Map.of(), 400,
                        "invalid-request"),
                new Case("POST to the export", "POST", "/api/admin/export", JSON_TYPE, "{}", Map.of(), 405,
                        "method-not-allowed"),
                new Case("DELETE the export", "DELETE", "/api/admin/export", null, null, Map.of(), 405,
                        "method-not-allowed"),
                new Case("POST to the APIs", "POST", "/api/admin/apis", JSON_TYPE, "{}", Map.of(), 405,
                        "method-not-allowed"),
                new Case("DELETE the scopes", "DELETE", SCOPES, null, null, Map.of(), 405, "method-not-allowed"));
        List<String> failures = new ArrayList<>();
        for (Case c : cases) {
            HttpResponse<String> response = call(c.method(), c.path(), token, c.type(), c.body(), c.headers());
            String problemType = response.headers().firstValue("Content-Type").orElse("")
                    .startsWith("application/problem+json")
                    ? JSON.readTree(response.body()).path("type").asText() : "(no problem document)";
            if (response.statusCode() != c.status() || !problemType.equals(PROBLEM + c.problem())
                    || RawHttp.STACK_TRACE.matcher(response.body()).find()) {
                failures.add(c.why() + ": expected " + c.status() + " " + c.problem() + ", got "
                        + response.statusCode() + " " + problemType + " " + response.body());
            }
        }
        assertTrue(cases.size() >= 15, "at least 15 cases");
        assertEquals(List.of(), failures);
        assertEquals("\"0\"", call("GET", account, token, null, null, Map.of()).headers().firstValue("ETag")
                .orElseThrow(), "no malformed request changed the account");
        assertEquals(ordersVersion, call("GET", SCOPES + "/orders:read", token, null, null, Map.of()).headers()
                .firstValue("ETag").orElseThrow(), "no malformed request changed the scope");
    }

    // ---- helpers ----

    private static String accountsCursor(String token) throws Exception {
        JsonNode page = JSON.readTree(call("GET", ACCOUNTS + "?limit=1", token, null, null, Map.of()).body());
        String cursor = page.path("next_cursor").asText();
        assertFalse(cursor.isEmpty(), page::toString);
        return cursor;
    }

    /** Creates an account with this password through the API (201). */
    private static void created(String token, String username, String password) {
        assertEquals(201, call("POST", ACCOUNTS, token, JSON_TYPE, "{\"username\": \"" + username
                + "\", \"password\": \"" + password + "\"}", Map.of()).statusCode());
    }

    /** The person signs in to the web application in {@code browser} with offline_access; its refresh token. */
    private static String refreshTokenOf(CookieBrowser browser, String username, String password) {
        Authorization request = Authorization.web();
        URI redirect = browser.signIn(request, username, password);
        OIDCTokens tokens = Oidc.redeem(Oidc.RpClient.WEB, CookieBrowser.code(redirect, request),
                request.redirectUri(), request.verifier());
        IssuedSecrets.remember(tokens.getAccessToken().getValue());
        assertNotNull(tokens.getRefreshToken(), "offline_access gives a refresh token");
        return IssuedSecrets.remember(tokens.getRefreshToken().getValue());
    }

    private static int signInStatus(String username, String password) {
        CookieBrowser browser = new CookieBrowser();
        return browser.submitLogin(browser.get(Server.ISSUER + "/login"), username, password).statusCode();
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
    }

    private static String admin() throws Exception {
        return clientToken(ADMIN_SERVICE, ADMIN_SERVICE_SECRET, "latchkey:admin");
    }

    private static String clientToken(String id, String secret, String scope) throws Exception {
        HttpResponse<String> response = Server.token(id, secret, "grant_type=client_credentials&scope="
                + Server.form(scope));
        assertEquals(200, response.statusCode(), response::body);
        return IssuedSecrets.remember(JSON.readTree(response.body()).path("access_token").asText());
    }

    private static List<String> usernames(JsonNode page) {
        List<String> names = new ArrayList<>();
        page.path("items").forEach(item -> names.add(item.path("username").asText()));
        return names;
    }
}
