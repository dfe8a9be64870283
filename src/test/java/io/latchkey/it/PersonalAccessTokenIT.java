package io.latchkey.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.util.JSONObjectUtils;
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
 * Personal and service access tokens from outside: created on the self-service page (with its CSRF field),
 * used as bearer tokens at userinfo, token info and introspection, revoked on the page; service tokens only
 * for administrators and only where the application allows them.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PersonalAccessTokenIT {
    private static final String APP_ID = "it-pat-app";
    private static final String APP_SECRET = IssuedSecrets.remember("it-pat-app-secret-0123456789abcdefghijklmnop");
    private static final String ADMIN_ONLY_ID = "it-pat-admin-only";
    private static final String ADMIN_ONLY_SECRET =
            IssuedSecrets.remember("it-pat-admin-only-secret-0123456789abcdefghij");
    private static final String PERSON = "pat-user";
    private static final String PERSON_PASSWORD = IssuedSecrets.remember("pat-user-password-0123");
    private static final String ADMIN = "it-admin";
    private static final String ADMIN_PASSWORD = IssuedSecrets.remember("it-admin-password-0123");
    private static final Pattern PAT = Pattern.compile("lk_pat_[0-9A-Za-z]{49}");
    private static final Pattern SAT = Pattern.compile("lk_sat_[0-9A-Za-z]{49}");
    private static final Pattern REVOKE_ID = Pattern.compile("name=\"id\" value=\"([A-Za-z0-9_-]{8})\"");

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.war();
    }

    @Test
    void aPersonalTokenMadeOnThePageWorksEverywhereUntilRevokedThere() throws Exception {
        CookieBrowser browser = signedIn(PERSON, PERSON_PASSWORD);
        HttpResponse<String> created = create(browser, "pat", "laptop", APP_ID, "openid profile orders:read");
        assertEquals(200, created.statusCode(), created::body);
        assertEquals("no-store", created.headers().firstValue("Cache-Control").orElse(""));
        String token = IssuedSecrets.remember(found(PAT, created.body()));
        assertTrue(created.body().contains("Copy it now"));

        HttpResponse<String> userInfo = bearer("/oauth/userinfo", token);
        assertEquals(200, userInfo.statusCode(), userInfo::body);
        Map<String, Object> claims = JSONObjectUtils.parse(userInfo.body());
        assertEquals("Pat User", claims.get("name"));
        String subject = (String) claims.get("sub");

        Map<String, Object> info = JSONObjectUtils.parse(bearer("/oauth/info", token).body());
        assertEquals(true, info.get("active"));
        assertEquals(APP_ID, info.get("client_id"));
        assertEquals(subject, info.get("sub"));

        Map<String, Object> introspected = introspect(APP_ID, APP_SECRET, token);
        assertEquals(true, introspected.get("active"));
        assertEquals("Bearer", introspected.get("token_type"));
        assertEquals(APP_ID, introspected.get("client_id"));
        assertEquals(subject, introspected.get("sub"));
        assertEquals(PERSON, introspected.get("username"));
        assertEquals("openid orders:read profile", introspected.get("scope"));
        assertEquals(Server.ISSUER, introspected.get("iss"));
        assertTrue(((Number) introspected.get("exp")).longValue() > ((Number) introspected.get("iat")).longValue());

        HttpResponse<String> list = browser.get(Server.ISSUER + "/account/tokens");
        assertEquals(200, list.statusCode(), list::body);
        assertFalse(list.body().contains(token), "the value is shown only once");
        assertTrue(list.body().contains("laptop"));
        String id = found(REVOKE_ID, list.body());
        HttpResponse<String> revoked = browser.post(Server.ISSUER + "/account/tokens/revoke",
                Map.of("csrf", CookieBrowser.form(list).field("csrf"), "id", id));
        assertEquals(200, revoked.statusCode(), revoked::body);
        assertTrue(revoked.body().contains("The token was revoked."));

        assertEquals(Map.of("active", false), introspect(APP_ID, APP_SECRET, token));
        assertEquals(401, bearer("/oauth/userinfo", token).statusCode());
        assertEquals(Map.of("active", false), JSONObjectUtils.parse(bearer("/oauth/info", token).body()));
    }

    @Test
    void formsWithoutTheCsrfFieldAreRefused() {
        CookieBrowser browser = signedIn(PERSON, PERSON_PASSWORD);
        Map<String, String> fields = fields("", "pat", "forged", APP_ID, "orders:read");
        fields.remove("csrf");
        assertEquals(403, browser.post(Server.ISSUER + "/account/tokens", fields).statusCode());
        assertEquals(403, browser.post(Server.ISSUER + "/account/tokens/revoke", Map.of("id", "abcdefgh"))
                .statusCode());
    }

    @Test
    void aSignedOutVisitorIsSentToSignInFirst() {
        HttpResponse<String> page = new CookieBrowser().get(Server.ISSUER + "/account/tokens");
        assertEquals(Server.ISSUER + "/login?return_to=%2Faccount%2Ftokens", CookieBrowser.seeOther(page));
    }

    @Test
    void aServiceTokenIsRefusedToAPersonWhoIsNotAnAdministrator() {
        CookieBrowser browser = signedIn(PERSON, PERSON_PASSWORD);
        HttpResponse<String> refused = create(browser, "sat", "batch", APP_ID, "orders:read");
        assertEquals(403, refused.statusCode(), refused::body);
        assertTrue(refused.body().contains("access_denied"));
        assertFalse(SAT.matcher(refused.body()).find());
        assertEquals(403, create(browser, "pat", "mine", ADMIN_ONLY_ID, "orders:read").statusCode());
    }

    @Test
    void aServiceTokenIsRefusedForAnApplicationWithNoneEvenToAnAdministrator() {
        CookieBrowser browser = signedIn(ADMIN, ADMIN_PASSWORD);
        HttpResponse<String> refused = create(browser, "sat", "batch", Server.WEB_ID, "orders:read");
        assertEquals(403, refused.statusCode(), refused::body);
        assertFalse(SAT.matcher(refused.body()).find());
    }

    @Test
    void anAdministratorIssuesAServiceTokenThatActsAsTheApplication() throws Exception {
        CookieBrowser browser = signedIn(ADMIN, ADMIN_PASSWORD);
        HttpResponse<String> created = create(browser, "sat", "nightly batch", ADMIN_ONLY_ID, "orders:read");
        assertEquals(200, created.statusCode(), created::body);
        String token = IssuedSecrets.remember(found(SAT, created.body()));
        Map<String, Object> introspected = introspect(ADMIN_ONLY_ID, ADMIN_ONLY_SECRET, token);
        assertEquals(true, introspected.get("active"));
        assertEquals("client:" + ADMIN_ONLY_ID, introspected.get("sub"));
        assertFalse(introspected.containsKey("username"));
        assertEquals(403, bearer("/oauth/userinfo", token).statusCode(), "no openid scope, no person");
        HttpRequest revoke = HttpRequest.newBuilder(Server.uri("/oauth/revoke"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", Server.basic(ADMIN_ONLY_ID, ADMIN_ONLY_SECRET))
                .POST(HttpRequest.BodyPublishers.ofString("token=" + token)).build();
        assertEquals(200, Server.send(revoke).statusCode());
        assertEquals(Map.of("active", false), introspect(ADMIN_ONLY_ID, ADMIN_ONLY_SECRET, token));
    }

    private static CookieBrowser signedIn(String username, String password) {
        CookieBrowser browser = new CookieBrowser();
        HttpResponse<String> signedIn = browser.submitLogin(browser.get(Server.ISSUER + "/login"), username, password);
        assertEquals(200, signedIn.statusCode(), signedIn::body);
        assertTrue(browser.cookie(CookieBrowser.SESSION_COOKIE).isPresent());
        return browser;
    }

    private static HttpResponse<String> create(CookieBrowser browser, String kind, String name, String clientId,
                                               String scope) {
        HttpResponse<String> page = browser.get(Server.ISSUER + "/account/tokens");
        assertEquals(200, page.statusCode(), page::body);
        String csrf = CookieBrowser.form(page).field("csrf");
        return browser.post(Server.ISSUER + "/account/tokens", fields(csrf, kind, name, clientId, scope));
    }

    private static Map<String, String> fields(String csrf, String kind, String name, String clientId, String scope) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("csrf", csrf);
        fields.put("kind", kind);
        fields.put("name", name);
        fields.put("client_id", clientId);
        fields.put("scope", scope);
        fields.put("lifetime_days", "7");
        return fields;
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

    private static String found(Pattern pattern, String body) {
        Matcher matcher = pattern.matcher(body);
        assertTrue(matcher.find(), () -> "no " + pattern + " in " + body);
        return matcher.groupCount() > 0 ? matcher.group(1) : matcher.group();
    }
}
