package io.latchkey.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The admin API's oversight from outside: everyone's consents, personal and service tokens and refresh token
 * families listed and taken back, as the token and userinfo endpoints then see them, and the audit trail queried
 * for the caller and request of a change; malformed requests with their exact status and problem type.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdminOversightIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN_SERVICE = "it-admin-service";
    private static final String ADMIN_SERVICE_SECRET =
            IssuedSecrets.remember("it-admin-service-secret-0123456789abcdefghij");
    private static final String READER = "it-admin-reader";
    private static final String READER_SECRET = IssuedSecrets.remember("it-admin-reader-secret-0123456789abcdefghijk");
    private static final String PAT_APP = "it-pat-app";
    private static final String PAT_APP_SECRET = IssuedSecrets.remember("it-pat-app-secret-0123456789abcdefghijklmnop");
    private static final String PAT_USER = "pat-user";
    private static final String PAT_USER_PASSWORD = IssuedSecrets.remember("pat-user-password-0123");
    private static final String CONSENTS = "/api/admin/consents";
    private static final String TOKENS = "/api/admin/tokens";
    private static final String FAMILIES = "/api/admin/refresh-token-families";
    private static final String AUDIT = "/api/admin/audit";
    private static final String PROBLEM = "urn:latchkey:problem:";
    /** What this run makes carries its mark: the server's database outlives a test run. */
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.war();
    }

    // ---- consents ----

    @Test
    void aConsentRevokedThroughTheApiEndsThePersonsRefreshAndIsAudited() throws Exception {
        SignedIn alice = signIn(Authorization.ALICE, Authorization.ALICE_PASSWORD);
        String token = admin();
        String mine = CONSENTS + "?account=" + q(alice.subject()) + "&application=" + Server.WEB_ID;
        JsonNode listed = items(get(mine, token));
        assertEquals(1, listed.size(), listed::toString);
        assertEquals(Authorization.ALICE, listed.get(0).path("username").asText());
        assertEquals(alice.subject(), listed.get(0).path("subject").asText());
        assertEquals("IT Orders Web", listed.get(0).path("application_name").asText());
        assertTrue(strings(listed.get(0).path("scopes")).containsAll(List.of("offline_access", "openid")));
        assertTrue(items(get(FAMILIES + "?account=" + q(alice.subject()) + "&application=" + Server.WEB_ID
                + "&state=active", token)).size() >= 1, "the sign-in's family is listed as active");
        String consent = CONSENTS + "/" + alice.subject() + "/" + Server.WEB_ID;
        assertProblem(403, "forbidden", call("DELETE", consent, reader(), null, null));

        HttpResponse<String> revoked = call("DELETE", consent, token, null, null);
        assertEquals(204, revoked.statusCode(), revoked::body);
        assertEquals("invalid_grant", Oidc.error(Oidc.refreshHttp(Oidc.RpClient.WEB, alice.refresh()), 400).getCode(),
                "the person's next refresh is refused");
        assertEquals(0, items(get(mine, token)).size());
        assertEquals(0, items(get(FAMILIES + "?account=" + q(alice.subject()) + "&application=" + Server.WEB_ID
                + "&state=active", token)).size(), "no family of that grant is left active");
        HttpResponse<String> again = call("DELETE", consent, token, null, null);
        assertProblem(404, "not-found", again);

        JsonNode events = items(get(AUDIT + "?action=consent.revoked&target=" + q("consent:" + alice.subject() + "/"
                + Server.WEB_ID), token));
        assertEquals("failure", events.get(0).path("outcome").asText(), "newest first: the second revocation");
        assertEquals(requestId(again), events.get(0).path("request_id").asText());
        assertEquals("success", events.get(1).path("outcome").asText());
        assertEquals(requestId(revoked), events.get(1).path("request_id").asText());
        assertEquals("application:" + ADMIN_SERVICE, events.get(1).path("actor").asText());
    }

    // ---- personal and service tokens ----

    @Test
    void aPersonalTokenRevokedThroughTheApiIsRefusedAtUserinfoAndIntrospection() throws Exception {
        String name = "oversight " + RUN;
        String pat = IssuedSecrets.remember(personalToken(PAT_USER, PAT_USER_PASSWORD, name));
        assertEquals(200, bearer("/oauth/userinfo", pat).statusCode());
        String token = admin();
        JsonNode mine = only(items(get(TOKENS + "?application=" + PAT_APP + "&kind=pat&state=active", token)), name);
        String id = mine.path("id").asText();
        assertEquals(8, id.length());
        assertEquals("pat", mine.path("kind").asText());
        assertEquals("active", mine.path("state").asText());
        assertEquals(PAT_USER, mine.path("acts_as").path("username").asText());
        assertEquals(List.of("openid", "profile"), strings(mine.path("scopes")));
        assertFalse(get(TOKENS + "?kind=pat", token).body().contains(pat), "never the value");
        String subject = mine.path("acts_as").path("subject").asText();
        assertEquals(id, only(items(get(TOKENS + "?account=" + q(subject), token)), name).path("id").asText(),
                "listed by the person it acts as");
        assertProblem(403, "forbidden", call("POST", TOKENS + "/" + id + "/revoke", reader(), null, null));

        HttpResponse<String> revoked = call("POST", TOKENS + "/" + id + "/revoke", token, null, null);
        assertEquals(200, revoked.statusCode(), revoked::body);
        JsonNode answer = JSON.readTree(revoked.body());
        assertEquals("revoked", answer.path("state").asText());
        assertTrue(answer.path("revoked_now").asBoolean());
        assertEquals(401, bearer("/oauth/userinfo", pat).statusCode(), "refused at userinfo");
        assertEquals(Map.of("active", false), introspect(PAT_APP, PAT_APP_SECRET, pat), "inactive at introspection");

        JsonNode repeated = JSON.readTree(call("POST", TOKENS + "/" + id + "/revoke", token, null, null).body());
        assertFalse(repeated.path("revoked_now").asBoolean(), "revoking again changes nothing");
        assertEquals(answer.path("revoked_at").asText(), repeated.path("revoked_at").asText());
        assertEquals(id, only(items(get(TOKENS + "?application=" + PAT_APP + "&state=revoked", token)), name)
                .path("id").asText());
        assertTrue(items(get(TOKENS + "?application=" + PAT_APP + "&kind=pat&state=active", token)).findValues("name")
                .stream().noneMatch(n -> n.asText().equals(name)));
        JsonNode events = items(get(AUDIT + "?target=" + q("reference_token:" + id), token));
        assertEquals(2, events.size(), events::toString);
        assertEquals("reference_token.revoked", events.get(1).path("action").asText());
        assertEquals(requestId(revoked), events.get(1).path("request_id").asText());
    }

    @Test
    void aTokenValueSentInsteadOfItsIdIsNeitherEchoedNorAuditedNorLogged() throws Exception {
        String token = admin();
        // Shaped like a personal access token (not remembered: the container's access log keeps the path).
        String value = ("lk_pat_" + RUN + "PastedInsteadOfItsId0123456789abcdefghijklmnopq").substring(0, 56);
        HttpResponse<String> response = call("POST", TOKENS + "/" + value + "/revoke", token, null, null);
        assertProblem(404, "not-found", response);
        assertFalse(response.body().contains(value), response::body);
        assertEquals(0, items(get(AUDIT + "?target=" + q("reference_token:" + value), token)).size());
        assertFalse(applicationLogs().contains(value), "the server log (not the access log) never names it");
    }

    @Test
    void tokenListingsPageWithCursorsEachTokenOnce() throws Exception {
        String token = reader();
        IssuedSecrets.remember(personalToken(PAT_USER, PAT_USER_PASSWORD, "paged " + RUN));
        IssuedSecrets.remember(personalToken(PAT_USER, PAT_USER_PASSWORD, "paged again " + RUN));
        List<String> byTwo = allIds(TOKENS + "?kind=pat&limit=2", token);
        assertTrue(byTwo.size() >= 2, "the run made personal tokens");
        assertEquals(byTwo.size(), byTwo.stream().distinct().count(), "no token on two pages: " + byTwo);
        assertEquals(byTwo, allIds(TOKENS + "?kind=pat&limit=200", token), "the same tokens in the same order");
    }

    private static List<String> allIds(String listing, String token) throws Exception {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = JSON.readTree(get(listing + (cursor == null ? "" : "&cursor=" + cursor), token).body());
            page.path("items").forEach(item -> ids.add(item.path("id").asText()));
            cursor = page.path("next_cursor").isTextual() ? page.path("next_cursor").asText() : null;
            pages++;
        } while (cursor != null && pages < 1000);
        return ids;
    }

    // ---- refresh token families ----

    @Test
    void theRefreshTokenFamiliesOfAnAccountAndOfAnApplicationAreRevoked() throws Exception {
        String token = admin();
        SignedIn bob = signIn(Authorization.BOB, Authorization.BOB_PASSWORD);
        HttpResponse<String> ofBob = revokeFamilies(token, "{\"account\": \"" + bob.subject() + "\"}");
        assertEquals(200, ofBob.statusCode(), ofBob::body);
        JsonNode counts = JSON.readTree(ofBob.body());
        assertEquals("account:" + bob.subject(), counts.path("target").asText());
        assertTrue(counts.path("families").asInt() >= 1 && counts.path("refresh_tokens").asInt() >= 1, ofBob::body);
        assertEquals("invalid_grant", Oidc.error(Oidc.refreshHttp(Oidc.RpClient.WEB, bob.refresh()), 400).getCode());
        JsonNode repeated = JSON.readTree(revokeFamilies(token, "{\"account\": \"" + bob.subject() + "\"}").body());
        assertEquals(0, repeated.path("families").asInt(), "nothing live is left");
        JsonNode family = items(get(FAMILIES + "?account=" + q(bob.subject()) + "&state=revoked&limit=1", token)).get(0);
        assertEquals(Authorization.BOB, family.path("username").asText());
        assertTrue(family.path("revoked_at").isTextual());

        SignedIn alice = signIn(Authorization.ALICE, Authorization.ALICE_PASSWORD);
        HttpResponse<String> ofWeb = revokeFamilies(token, "{\"application\": \"" + Server.WEB_ID + "\"}");
        assertEquals(200, ofWeb.statusCode(), ofWeb::body);
        assertEquals("application:" + Server.WEB_ID, JSON.readTree(ofWeb.body()).path("target").asText());
        assertTrue(JSON.readTree(ofWeb.body()).path("families").asInt() >= 1);
        assertEquals("invalid_grant", Oidc.error(Oidc.refreshHttp(Oidc.RpClient.WEB, alice.refresh()), 400)
                .getCode());
        assertEquals(0, items(get(FAMILIES + "?application=" + Server.WEB_ID + "&state=active", token)).size());
        JsonNode event = items(get(AUDIT + "?action=refresh_tokens.revoked&target=" + q("application:"
                + Server.WEB_ID) + "&limit=1", token)).get(0);
        assertEquals(requestId(ofWeb), event.path("request_id").asText());
    }

    // ---- the audit trail ----

    @Test
    void anApplicationCreatedThroughTheApiIsInTheAuditTrailWithItsCallerAndRequestId() throws Exception {
        String token = admin();
        Instant before = Instant.now().minusSeconds(5);
        String clientId = "it-oversight-" + RUN;
        HttpResponse<String> created = call("POST", "/api/admin/applications", token, "application/json",
                "{\"client_id\":\"" + clientId + "\",\"type\":\"m2m\",\"scopes\":[\"orders:read\"]}");
        assertEquals(201, created.statusCode(), created::body);
        IssuedSecrets.remember(JSON.readTree(created.body()).path("secret").asText());
        String requestId = requestId(created);

        JsonNode events = items(get(AUDIT + "?target=" + q("application:" + clientId), reader()));
        assertEquals(1, events.size(), events::toString);
        JsonNode event = events.get(0);
        assertEquals("application.created", event.path("action").asText());
        assertEquals("application:" + ADMIN_SERVICE, event.path("actor").asText());
        assertEquals(requestId, event.path("request_id").asText());
        assertEquals("success", event.path("outcome").asText());
        assertEquals("127.0.0.1", event.path("client_address").asText());
        assertFalse(event.toString().contains(JSON.readTree(created.body()).path("secret").asText()));

        String range = "&from=" + q(before.toString()) + "&to=" + q(Instant.now().plusSeconds(5).toString());
        List<Long> ids = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = JSON.readTree(get(AUDIT + "?actor=" + q("application:" + ADMIN_SERVICE)
                    + "&action=application." + range + "&limit=1" + (cursor == null ? "" : "&cursor=" + cursor),
                    token).body());
            page.path("items").forEach(item -> {
                ids.add(item.path("id").asLong());
                assertTrue(item.path("action").asText().startsWith("application."));
            });
            cursor = page.path("next_cursor").isTextual() ? page.path("next_cursor").asText() : null;
        } while (cursor != null && ids.size() < 500);
        assertTrue(ids.contains(event.path("id").asLong()), ids::toString);
        for (int i = 1; i < ids.size(); i++) {
            assertTrue(ids.get(i) < ids.get(i - 1), "newest first, each once: " + ids);
        }
        assertEquals(0, items(get(AUDIT + "?target=" + q("application:" + clientId) + "&to=" + q(before.toString()),
                token)).size(), "nothing of it before it happened");
    }

    // ---- malformed requests ----

    @Test
    void malformedRequestsGetTheirExactStatusAndProblemType() throws Exception {
        String token = admin();
        String json = "application/json";
        String revoke = FAMILIES + "/revoke";
        record Case(String why, String method, String path, String type, String body, int status, String problem,
                    String field) {
        }
        List<Case> cases = List.of(
                new Case("an unknown consent filter", "GET", CONSENTS + "?acount=x", null, null, 400,
                        "invalid-request", "acount"),
                new Case("an empty account filter", "GET", CONSENTS + "?account=", null, null, 400, "invalid-request",
                        "account"),
                new Case("an account filter given twice", "GET", CONSENTS + "?account=a&account=b", null, null, 400,
                        "invalid-request", "account"),
                new Case("a cursor that is no cursor", "GET", CONSENTS + "?cursor=%21%21", null, null, 400,
                        "invalid-request", "cursor"),
                new Case("a consents cursor with a key the listing never hands out", "GET", CONSENTS + "?cursor="
                        + cursor("consents", "abc"), null, null, 400, "invalid-request", "cursor"),
                new Case("an unknown token kind", "GET", TOKENS + "?kind=rt", null, null, 400, "invalid-request",
                        "kind"),
                new Case("a token kind in capitals", "GET", TOKENS + "?kind=PAT", null, null, 400, "invalid-request",
                        "kind"),
                new Case("an unknown token state", "GET", TOKENS + "?state=live", null, null, 400, "invalid-request",
                        "state"),
                new Case("a tokens cursor with a bad key", "GET", TOKENS + "?cursor=" + cursor("tokens",
                        "2026-01-01T00:00:00Z/short"), null, null, 400, "invalid-request", "cursor"),
                new Case("a cursor of another listing", "GET", TOKENS + "?cursor=" + cursor("consents", "12"), null,
                        null, 400, "invalid-request", "cursor"),
                new Case("a limit of 0", "GET", TOKENS + "?limit=0", null, null, 400, "invalid-request", "limit"),
                new Case("an unknown family state", "GET", FAMILIES + "?state=ACTIVE", null, null, 400,
                        "invalid-request", "state"),
                new Case("a family cursor with a bad key", "GET", FAMILIES + "?cursor="
                        + cursor("refresh-token-families", "nonsense"), null, null, 400, "invalid-request", "cursor"),
                new Case("a family filter on kind", "GET", FAMILIES + "?kind=pat", null, null, 400, "invalid-request",
                        "kind"),
                new Case("a time that is no RFC 3339 date-time", "GET", AUDIT + "?from=yesterday", null, null, 400,
                        "invalid-request", "from"),
                new Case("a time without its offset", "GET", AUDIT + "?to=2026-12-06T09:00:00", null, null, 400,
                        "invalid-request", "to"),
                new Case("a time range that ends before it starts", "GET", AUDIT
                        + "?from=2026-12-06T10:00:00Z&to=2026-12-06T09:00:00Z", null, null, 400, "invalid-request",
                        "to"),
                new Case("an actor of no kind", "GET", AUDIT + "?actor=robot", null, null, 400, "invalid-request",
                        "actor"),
                new Case("an account actor without a subject", "GET", AUDIT + "?actor=account:", null, null, 400,
                        "invalid-request", "actor"),
                new Case("an action that is only a dot", "GET", AUDIT + "?action=.", null, null, 400,
                        "invalid-request", "action"),
                new Case("an audit cursor with a negative event id", "GET", AUDIT + "?cursor=" + cursor("audit", "-5"),
                        null, null, 400, "invalid-request", "cursor"),
                new Case("an audit filter that does not exist", "GET", AUDIT + "?outcome=failure", null, null, 400,
                        "invalid-request", "outcome"),
                new Case("revoking a token that does not exist", "POST", TOKENS + "/zzzzzzzz/revoke", null, null, 404,
                        "not-found", null),
                new Case("revoking a token by a malformed id", "POST", TOKENS + "/x/revoke", null, null, 404,
                        "not-found", null),
                new Case("a token by its id: there is no such resource", "GET", TOKENS + "/zzzzzzzz", null, null,
                        404, "not-found", null),
                new Case("a token deleted instead of revoked", "DELETE", TOKENS + "/zzzzzzzz", null, null, 404,
                        "not-found", null),
                new Case("a revocation read with GET", "GET", TOKENS + "/zzzzzzzz/revoke", null, null, 405,
                        "method-not-allowed", null),
                new Case("a consent read by its path", "GET", CONSENTS + "/someone/" + Server.WEB_ID, null, null,
                        405, "method-not-allowed", null),
                new Case("a family revocation read with GET", "GET", revoke, null, null, 405, "method-not-allowed",
                        null),
                new Case("a query parameter on a revocation", "POST", TOKENS + "/zzzzzzzz/revoke?now=1", null, null,
                        400, "invalid-request", "now"),
                new Case("revoking the consent of nobody", "DELETE", CONSENTS + "/no-such-subject-" + RUN + "/"
                        + Server.WEB_ID, null, null, 404, "not-found", null),
                new Case("revoking families with an empty body object", "POST", revoke, json, "{}", 400,
                        "invalid-request", "account"),
                new Case("revoking families of both an account and an application", "POST", revoke, json,
                        "{\"account\":\"a\",\"application\":\"b\"}", 400, "invalid-request", "account"),
                new Case("an unknown field in the revocation", "POST", revoke, json, "{\"acount\":\"a\"}", 400,
                        "invalid-request", "acount"),
                new Case("an account that is no string", "POST", revoke, json, "{\"account\":5}", 400,
                        "invalid-request", "account"),
                new Case("an empty application", "POST", revoke, json, "{\"application\":\"\"}", 400,
                        "invalid-request", "application"),
                new Case("a revocation that is not JSON", "POST", revoke, json, "{\"account\":", 400, "malformed-json",
                        null),
                new Case("a revocation without a body", "POST", revoke, json, null, 400, "malformed-json", null),
                new Case("a revocation as a form", "POST", revoke, "application/x-www-form-urlencoded",
                        "account=a", 415, "unsupported-media-type", null),
                new Case("the families of an unknown account", "POST", revoke, json,
                        "{\"account\":\"no-such-subject-" + RUN + "\"}", 404, "not-found", null),
                new Case("the families of an unknown application", "POST", revoke, json,
                        "{\"application\":\"no-such-app-" + RUN + "\"}", 404, "not-found", null));
        List<String> failures = new ArrayList<>();
        for (Case c : cases) {
            HttpResponse<String> response = call(c.method(), c.path(), token, c.type(), c.body());
            boolean isProblem = response.headers().firstValue("Content-Type").orElse("")
                    .startsWith("application/problem+json");
            JsonNode problem = isProblem ? JSON.readTree(response.body()) : JSON.createObjectNode();
            String problemType = isProblem ? problem.path("type").asText() : "(no problem document)";
            boolean fieldNamed = c.field() == null || problem.path("violations").findValuesAsText("field")
                    .contains(c.field());
            if (response.statusCode() != c.status() || !problemType.equals(PROBLEM + c.problem()) || !fieldNamed
                    || RawHttp.STACK_TRACE.matcher(response.body()).find()) {
                failures.add(c.why() + ": expected " + c.status() + " " + c.problem() + " naming " + c.field()
                        + ", got " + response.statusCode() + " " + problemType + " " + response.body());
            }
        }
        assertTrue(cases.size() >= 15, "at least 15 cases");
        assertEquals(List.of(), failures);
        assertProblem(401, "unauthorized", Server.send(HttpRequest.newBuilder(Server.uri(AUDIT)).GET().build()));
        assertProblem(403, "forbidden", call("POST", revoke, reader(), json, "{\"account\":\"a\"}"));
    }

    // ---- helpers ----

    /** A person signed in at the web application: their subject and the refresh token of that sign-in. */
    private record SignedIn(String subject, String refresh) {
    }

    private static SignedIn signIn(String username, String password) throws Exception {
        CookieBrowser browser = new CookieBrowser();
        Authorization request = Authorization.web();
        URI redirect = browser.signIn(request, username, password);
        OIDCTokens tokens = Oidc.redeem(Oidc.RpClient.WEB, CookieBrowser.code(redirect, request),
                request.redirectUri(), request.verifier());
        assertNotNull(tokens.getRefreshToken(), "offline_access gives a refresh token");
        IssuedSecrets.remember(tokens.getAccessToken().getValue());
        return new SignedIn(tokens.getIDToken().getJWTClaimsSet().getSubject(),
                IssuedSecrets.remember(tokens.getRefreshToken().getValue()));
    }

    private static HttpResponse<String> revokeFamilies(String token, String body) {
        return call("POST", FAMILIES + "/revoke", token, "application/json", body);
    }

    private static String personalToken(String username, String password, String name) {
        CookieBrowser browser = new CookieBrowser();
        HttpResponse<String> signedIn = browser.submitLogin(browser.get(Server.ISSUER + "/login"), username, password);
        assertEquals(200, signedIn.statusCode(), signedIn::body);
        HttpResponse<String> page = browser.get(Server.ISSUER + "/account/tokens");
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("csrf", CookieBrowser.form(page).field("csrf"));
        fields.put("kind", "pat");
        fields.put("name", name);
        fields.put("client_id", PAT_APP);
        fields.put("scope", "openid profile");
        fields.put("lifetime_days", "7");
        HttpResponse<String> created = browser.post(Server.ISSUER + "/account/tokens", fields);
        assertEquals(200, created.statusCode(), created::body);
        Matcher matcher = Pattern.compile("lk_pat_[0-9A-Za-z]{49}").matcher(created.body());
        assertTrue(matcher.find(), created::body);
        return matcher.group();
    }

    private static HttpResponse<String> bearer(String path, String token) {
        return Server.send(HttpRequest.newBuilder(Server.uri(path)).header("Authorization", "Bearer " + token)
                .GET().build());
    }

    private static Map<String, Object> introspect(String id, String secret, String token) throws Exception {
        HttpResponse<String> response = Server.send(HttpRequest.newBuilder(Server.uri("/oauth/introspect"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", Server.basic(id, secret))
                .POST(HttpRequest.BodyPublishers.ofString("token=" + token)).build());
        assertEquals(200, response.statusCode(), response::body);
        return JSONObjectUtils.parse(response.body());
    }

    private static HttpResponse<String> get(String path, String token) {
        HttpResponse<String> response = call("GET", path, token, null, null);
        assertEquals(200, response.statusCode(), response::body);
        return response;
    }

    private static HttpResponse<String> call(String method, String path, String token, String contentType,
                                             String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(Server.uri(path)).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return Server.send(request.build());
    }

    private static JsonNode items(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body()).path("items");
    }

    /** The one item named {@code name}. */
    private static JsonNode only(JsonNode items, String name) {
        List<JsonNode> named = new ArrayList<>();
        items.forEach(item -> {
            if (item.path("name").asText().equals(name)) {
                named.add(item);
            }
        });
        assertEquals(1, named.size(), items::toString);
        return named.get(0);
    }

    /** Every log file of the server but the container's access log (which records request paths as sent). */
    private static String applicationLogs() throws Exception {
        StringBuilder text = new StringBuilder();
        try (Stream<Path> walk = Files.walk(Path.of(System.getProperty("it.server.logs")))) {
            for (Path file : walk.filter(Files::isRegularFile)
                    .filter(file -> !file.getFileName().toString().contains("access")).toList()) {
                text.append(new String(Files.readAllBytes(file), StandardCharsets.UTF_8)).append('\n');
            }
        }
        return text.toString();
    }

    private static String requestId(HttpResponse<String> response) {
        String id = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertFalse(id.isEmpty());
        return id;
    }

    /** A cursor as the listings wrap their keys, to forge one with a well-formed envelope. */
    private static String cursor(String listing, String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((listing + "\n" + key)
                .getBytes(StandardCharsets.UTF_8));
    }

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void assertProblem(int status, String type, HttpResponse<String> response) throws Exception {
        assertEquals(status, response.statusCode(), response::body);
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                () -> response.headers().toString());
        JsonNode problem = JSON.readTree(response.body());
        assertEquals(PROBLEM + type, problem.path("type").asText());
        assertEquals(status, problem.path("status").asInt());
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(item -> values.add(item.asText()));
        return values;
    }

    private static String admin() throws Exception {
        return clientToken(ADMIN_SERVICE, ADMIN_SERVICE_SECRET, "latchkey:admin");
    }

    private static String reader() throws Exception {
        return clientToken(READER, READER_SECRET, "latchkey:admin.read");
    }

    private static String clientToken(String id, String secret, String scope) throws Exception {
        HttpResponse<String> response = Server.token(id, secret, "grant_type=client_credentials&scope="
                + Server.form(scope));
        assertEquals(200, response.statusCode(), response::body);
        return IssuedSecrets.remember(JSON.readTree(response.body()).path("access_token").asText());
    }
}
