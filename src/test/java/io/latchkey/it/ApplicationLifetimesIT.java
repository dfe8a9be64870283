package io.latchkey.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * Per-application token lifetimes from outside: set through the admin API, they are what the token endpoint
 * answers ({@code expires_in}, the JWT's {@code exp}) and what introspection says of a refresh token; null gives
 * the server's setting back; a value out of bounds is a problem naming the field; the console's form edits them.
 * Every application made here is deleted again (the suite shares one database).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ApplicationLifetimesIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN_SERVICE = "it-admin-service";
    private static final String ADMIN_SERVICE_SECRET =
            IssuedSecrets.remember("it-admin-service-secret-0123456789abcdefghij");
    private static final String ADMIN = "it-admin";
    private static final String ADMIN_PASSWORD = IssuedSecrets.remember("it-admin-password-0123");
    private static final String APPLICATIONS = "/api/admin/applications";
    private static final String PROBLEM = "urn:latchkey:problem:";
    /** The server's LATCHKEY_ACCESS_TOKEN_TTL in this suite: the default. */
    private static final long SERVER_ACCESS_TOKEN_LIFETIME = 3600;
    /** What this run makes carries its mark: the server's database outlives a test run. */
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);
    private static final Pattern SETTINGS_VERSION = Pattern.compile(
            "action=\"[^\"]*/settings\">\\s*<input type=\"hidden\" name=\"csrf\" value=\"[^\"]+\">\\s*"
                    + "<input type=\"hidden\" name=\"version\" value=\"(\\d+)\"");

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.war();
    }

    @Test
    void anM2mApplicationsAccessTokenLifetimeIsItsExpiresInAndExpUntilNullGivesTheServersBack() throws Exception {
        String clientId = "it-lifetimes-m2m-" + RUN;
        HttpResponse<String> created = admin("POST", APPLICATIONS, null, "{\"client_id\":\"" + clientId + "\","
                + "\"type\":\"m2m\",\"scopes\":[\"orders:read\"],\"access_token_lifetime\":120}");
        assertEquals(201, created.statusCode(), created::body);
        JsonNode representation = JSON.readTree(created.body());
        String secret = IssuedSecrets.remember(representation.path("secret").asText());
        assertEquals(120, representation.path("access_token_lifetime").asLong());
        assertEquals(120, representation.path("effective_access_token_lifetime").asLong());
        assertTrue(representation.path("refresh_token_idle_lifetime").isNull(), created::body);
        assertFalse(representation.has("effective_refresh_token_idle_lifetime"), "an m2m application holds none");
        try {
            assertServiceTokenLifetime(120, clientId, secret);

            HttpResponse<String> reset = admin("PATCH", APPLICATIONS + "/" + clientId, "\"0\"",
                    "{\"access_token_lifetime\":null}");
            assertEquals(200, reset.statusCode(), reset::body);
            assertTrue(JSON.readTree(reset.body()).path("access_token_lifetime").isNull(), reset::body);
            assertEquals(SERVER_ACCESS_TOKEN_LIFETIME,
                    JSON.readTree(reset.body()).path("effective_access_token_lifetime").asLong());
            assertEquals("\"1\"", reset.headers().firstValue("ETag").orElseThrow());
            assertServiceTokenLifetime(SERVER_ACCESS_TOKEN_LIFETIME, clientId, secret);

            HttpResponse<String> audit = admin("GET", "/api/admin/audit?target=" + Server.form("application:"
                    + clientId) + "&action=application.updated", null, null);
            assertEquals(200, audit.statusCode(), audit::body);
            assertTrue(audit.body().contains("\"access_token_lifetime\""), "the changed field is audited: "
                    + audit.body());

            List<String> failures = new ArrayList<>();
            refused(failures, "below the bounds", clientId, "{\"access_token_lifetime\":59}", "access_token_lifetime");
            refused(failures, "above the bounds", clientId, "{\"access_token_lifetime\":86401}",
                    "access_token_lifetime");
            refused(failures, "not a number", clientId, "{\"access_token_lifetime\":\"1h\"}", "access_token_lifetime");
            refused(failures, "a refresh lifetime for m2m", clientId, "{\"refresh_token_idle_lifetime\":600}",
                    "refresh_token_idle_lifetime");
            refused(failures, "read-only", clientId, "{\"effective_access_token_lifetime\":60}",
                    "effective_access_token_lifetime");
            assertEquals(List.of(), failures);
        } finally {
            deleted(clientId);
        }
    }

    @Test
    void aWebApplicationsRefreshTokenFollowsItsIdleAndMaximumLifetimes() throws Exception {
        String clientId = "it-lifetimes-web-" + RUN;
        HttpResponse<String> created = admin("POST", APPLICATIONS, null, "{\"client_id\":\"" + clientId + "\","
                + "\"type\":\"web\",\"redirect_uris\":[\"" + Authorization.WEB_CALLBACK + "\"],"
                + "\"scopes\":[\"openid\",\"offline_access\"],\"access_token_lifetime\":300,"
                + "\"refresh_token_idle_lifetime\":600,\"refresh_token_max_lifetime\":1200}");
        assertEquals(201, created.statusCode(), created::body);
        String secret = IssuedSecrets.remember(JSON.readTree(created.body()).path("secret").asText());
        Oidc.RpClient client = new Oidc.RpClient(clientId, secret);
        try {
            CookieBrowser browser = new CookieBrowser();
            Authorization request = Authorization.of(clientId, Authorization.WEB_CALLBACK, "openid offline_access");
            URI redirect = browser.signIn(request, Authorization.ALICE, Authorization.ALICE_PASSWORD);
            OIDCTokens tokens = Oidc.redeem(client, CookieBrowser.code(redirect, request), request.redirectUri(),
                    request.verifier());
            assertEquals(300, tokens.getAccessToken().getLifetime(), "expires_in");
            assertEquals(300, lifetime(SignedJWT.parse(tokens.getAccessToken().getValue()).getJWTClaimsSet()));
            assertEquals(300, lifetime(tokens.getIDToken().getJWTClaimsSet()), "the ID token lives as long");
            assertNotNull(tokens.getRefreshToken());
            String first = IssuedSecrets.remember(tokens.getRefreshToken().getValue());
            JsonNode introspected = introspect(clientId, secret, first);
            assertEquals(true, introspected.path("active").asBoolean(), introspected::toString);
            long familyStart = introspected.path("iat").asLong();
            assertEquals(600, introspected.path("exp").asLong() - familyStart, "the idle lifetime");

            // A longer idle lifetime applies from the next rotation on, but never past the family's end.
            String etag = admin("GET", APPLICATIONS + "/" + clientId, null, null).headers().firstValue("ETag")
                    .orElseThrow();
            HttpResponse<String> longer = admin("PATCH", APPLICATIONS + "/" + clientId, etag,
                    "{\"refresh_token_idle_lifetime\":1200}");
            assertEquals(200, longer.statusCode(), longer::body);
            OIDCTokens refreshed = Oidc.refresh(client, first);
            String second = IssuedSecrets.remember(refreshed.getRefreshToken().getValue());
            JsonNode rotated = introspect(clientId, secret, second);
            assertEquals(true, rotated.path("active").asBoolean(), rotated::toString);
            assertEquals(familyStart + 1200, rotated.path("exp").asLong(),
                    "the family ends 1200 s after sign-in however it is rotated");
            assertEquals(300, refreshed.getAccessToken().getLifetime());
        } finally {
            deleted(clientId);
        }
    }

    @Test
    void theConsoleFormEditsTheLifetimesAndMarksABrokenOne() throws Exception {
        String clientId = "it-lifetimes-console-" + RUN;
        HttpResponse<String> created = admin("POST", APPLICATIONS, null, "{\"client_id\":\"" + clientId + "\","
                + "\"type\":\"web\",\"redirect_uris\":[\"" + Authorization.WEB_CALLBACK + "\"],"
                + "\"scopes\":[\"openid\",\"offline_access\"]}");
        assertEquals(201, created.statusCode(), created::body);
        try {
            CookieBrowser browser = signedIn(ADMIN, ADMIN_PASSWORD);
            String page = Server.ISSUER + "/admin/applications/" + clientId;
            HttpResponse<String> shown = browser.get(page);
            assertEquals(200, shown.statusCode(), shown::body);
            for (String field : List.of("access_token_lifetime", "refresh_token_idle_lifetime",
                    "refresh_token_max_lifetime")) {
                assertTrue(shown.body().contains("name=\"" + field + "\""), field + " offered: " + shown.body());
            }
            assertTrue(shown.body().contains("id=\"access_token_lifetime-hint\">In seconds; blank: the server&#39;s "
                    + "setting, 1 hour.<"), shown::body);

            Map<String, String> fields = new LinkedHashMap<>(Map.of("csrf", csrfOf(shown),
                    "version", settingsVersion(shown), "name", clientId, "redirect_uris", Authorization.WEB_CALLBACK,
                    "scopes", "openid offline_access", "access_tokens", "None", "max_token_lifetime_days", "90",
                    "response_type_code", "yes", "enabled", "yes"));
            fields.put("access_token_lifetime", "600");
            fields.put("refresh_token_idle_lifetime", "7201");
            fields.put("refresh_token_max_lifetime", "7200");
            HttpResponse<String> refused = browser.post(page + "/settings", fields);
            assertEquals(400, refused.statusCode(), refused::body);
            assertTrue(Pattern.compile("<input id=\"refresh_token_idle_lifetime\"[^>]*value=\"7201\"[^>]*"
                    + "aria-invalid=\"true\"[^>]*aria-describedby=\"refresh_token_idle_lifetime-hint "
                    + "refresh_token_idle_lifetime-error\"").matcher(refused.body()).find(), refused::body);
            assertTrue(refused.body().contains("id=\"refresh_token_idle_lifetime-error\">must not be longer than "
                    + "refresh_token_max_lifetime, 7200 seconds<"), refused::body);
            assertTrue(refused.body().contains("value=\"600\""), "what was typed is kept: " + refused.body());
            assertTrue(JSON.readTree(admin("GET", APPLICATIONS + "/" + clientId, null, null).body())
                    .path("access_token_lifetime").isNull(), "nothing was saved");

            fields.put("refresh_token_idle_lifetime", "3600");
            HttpResponse<String> saved = browser.post(page + "/settings", fields);
            assertEquals(200, saved.statusCode(), saved::body);
            assertTrue(saved.body().contains("Saved: access_token_lifetime, refresh_token_idle_lifetime, "
                    + "refresh_token_max_lifetime."), saved::body);
            JsonNode stored = JSON.readTree(admin("GET", APPLICATIONS + "/" + clientId, null, null).body());
            assertEquals(List.of(600L, 3600L, 7200L), List.of(stored.path("access_token_lifetime").asLong(),
                    stored.path("refresh_token_idle_lifetime").asLong(),
                    stored.path("refresh_token_max_lifetime").asLong()));
            assertTrue(Pattern.compile("<input id=\"access_token_lifetime\"[^>]*value=\"600\"")
                    .matcher(saved.body()).find(), "read back into the form: " + saved.body());

            fields.put("version", settingsVersion(saved));
            fields.put("access_token_lifetime", "");
            HttpResponse<String> blank = browser.post(page + "/settings", fields);
            assertEquals(200, blank.statusCode(), blank::body);
            assertEquals(SERVER_ACCESS_TOKEN_LIFETIME, JSON.readTree(admin("GET", APPLICATIONS + "/" + clientId,
                    null, null).body()).path("effective_access_token_lifetime").asLong(), "blank: the server's");
        } finally {
            deleted(clientId);
        }
    }

    @Test
    void theConsoleOffersAnM2mApplicationNoRefreshLifetimes() {
        String clientId = "it-lifetimes-console-m2m-" + RUN;
        HttpResponse<String> created = admin("POST", APPLICATIONS, null, "{\"client_id\":\"" + clientId + "\","
                + "\"type\":\"m2m\",\"scopes\":[\"orders:read\"]}");
        assertEquals(201, created.statusCode(), created::body);
        try {
            HttpResponse<String> shown = signedIn(ADMIN, ADMIN_PASSWORD).get(Server.ISSUER + "/admin/applications/"
                    + clientId);
            assertEquals(200, shown.statusCode(), shown::body);
            assertTrue(shown.body().contains("name=\"access_token_lifetime\""), shown::body);
            assertFalse(shown.body().contains("name=\"refresh_token_idle_lifetime\""), shown::body);
            assertFalse(shown.body().contains("name=\"refresh_token_max_lifetime\""), shown::body);
        } finally {
            deleted(clientId);
        }
    }

    // ---- helpers ----

    private static void assertServiceTokenLifetime(long seconds, String clientId, String secret) throws Exception {
        HttpResponse<String> response = Server.token(clientId, secret, "grant_type=client_credentials&scope="
                + Server.form("orders:read"));
        assertEquals(200, response.statusCode(), response::body);
        JsonNode body = JSON.readTree(response.body());
        assertEquals(seconds, body.path("expires_in").asLong(), response::body);
        String token = IssuedSecrets.remember(body.path("access_token").asText());
        assertEquals(seconds, lifetime(SignedJWT.parse(token).getJWTClaimsSet()), "exp - iat");
    }

    private static long lifetime(JWTClaimsSet claims) {
        return claims.getExpirationTime().toInstant().getEpochSecond()
                - claims.getIssueTime().toInstant().getEpochSecond();
    }

    /** A change through the admin API that must be refused as invalid, naming {@code field}. */
    private static void refused(List<String> failures, String why, String clientId, String patch, String field)
            throws IOException {
        String etag = admin("GET", APPLICATIONS + "/" + clientId, null, null).headers().firstValue("ETag")
                .orElseThrow();
        HttpResponse<String> response = admin("PATCH", APPLICATIONS + "/" + clientId, etag, patch);
        boolean problem = response.headers().firstValue("Content-Type").orElse("")
                .startsWith("application/problem+json");
        JsonNode body = problem ? JSON.readTree(response.body()) : JSON.createObjectNode();
        if (response.statusCode() != 400 || !(PROBLEM + "invalid-request").equals(body.path("type").asText())
                || !body.path("violations").findValuesAsText("field").contains(field)) {
            failures.add(why + ": expected 400 invalid-request naming " + field + ", got " + response.statusCode()
                    + " " + response.body());
        }
    }

    private static JsonNode introspect(String clientId, String secret, String token) throws IOException {
        HttpResponse<String> response = Server.send(HttpRequest.newBuilder(Server.uri("/oauth/introspect"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", Server.basic(clientId, secret))
                .POST(HttpRequest.BodyPublishers.ofString("token=" + Server.form(token)
                        + "&token_type_hint=refresh_token")).build());
        assertEquals(200, response.statusCode(), response::body);
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> admin(String method, String path, String ifMatch, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(Server.uri(path))
                .header("Authorization", "Bearer " + adminToken());
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", method.equals("PATCH") ? "application/merge-patch+json"
                    : "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return Server.send(request.build());
    }

    private static void deleted(String clientId) {
        HttpResponse<String> current = admin("GET", APPLICATIONS + "/" + clientId, null, null);
        assertEquals(200, current.statusCode(), current::body);
        HttpResponse<String> deleted = admin("DELETE", APPLICATIONS + "/" + clientId,
                current.headers().firstValue("ETag").orElseThrow(), null);
        assertEquals(204, deleted.statusCode(), deleted::body);
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

    private static CookieBrowser signedIn(String username, String password) {
        CookieBrowser browser = new CookieBrowser();
        HttpResponse<String> signedIn = browser.submitLogin(browser.get(Server.ISSUER + "/login"), username, password);
        assertEquals(200, signedIn.statusCode(), signedIn::body);
        return browser;
    }
}
