package io.latchkey.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the console's HTTP ITs share: the suite's administrator, person and applications, signing in with a
 * {@link CookieBrowser}, reading a page's CSRF field and version, ageing a sign-in ({@link AgedSignIn}), the admin
 * API's bearer token and the applications made and deleted through it, a person's PAT made on their own tokens page
 * and introspection by the PAT application.
 */
public final class ConsoleSession {
    public static final String ADMIN = "it-admin";
    public static final String ADMIN_PASSWORD = IssuedSecrets.remember("it-admin-password-0123");
    public static final String PERSON = "pat-user";
    public static final String PERSON_PASSWORD = IssuedSecrets.remember("pat-user-password-0123");
    public static final String PAT_APP = "it-pat-app";
    public static final String PAT_APP_SECRET =
            IssuedSecrets.remember("it-pat-app-secret-0123456789abcdefghijklmnop");
    public static final String ADMIN_SERVICE = "it-admin-service";
    public static final String ADMIN_SERVICE_SECRET =
            IssuedSecrets.remember("it-admin-service-secret-0123456789abcdefghij");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final Pattern VERSION = Pattern.compile("name=\"version\" value=\"(\\d+)\"");
    private static final Pattern PAT = Pattern.compile("lk_pat_[0-9A-Za-z]{49}");

    private ConsoleSession() {
    }

    /** A browser signed in on the login page as this person. */
    public static CookieBrowser signedIn(String username, String password) {
        CookieBrowser browser = new CookieBrowser();
        HttpResponse<String> signedIn = browser.submitLogin(browser.get(Server.ISSUER + "/login"), username, password);
        assertEquals(200, signedIn.statusCode(), signedIn::body);
        return browser;
    }

    /** The browser's sign-in made an hour old (skips the test where the server's database is out of reach). */
    public static void age(CookieBrowser browser) {
        AgedSignIn.age(browser.cookie(CookieBrowser.SESSION_COOKIE).orElseThrow());
    }

    /** The first CSRF field of a page. */
    public static String csrfOf(HttpResponse<String> page) {
        return csrfOf(page.body());
    }

    public static String csrfOf(String page) {
        Matcher csrf = CSRF.matcher(page);
        assertTrue(csrf.find(), page);
        return csrf.group(1);
    }

    /** The first version field of a page. */
    public static String versionOf(HttpResponse<String> page) {
        Matcher version = VERSION.matcher(page.body());
        assertTrue(version.find(), page::body);
        return version.group(1);
    }

    /**
     * The hidden fields of the page's first form posting to an address ending in {@code action}, as a browser sends
     * them (entities decoded).
     */
    public static Map<String, String> hiddenFieldsOf(HttpResponse<String> page, String action) {
        Matcher form = Pattern.compile("<form [^>]*action=\"[^\"]*" + Pattern.quote(action) + "\"[^>]*>(.*?)</form>",
                Pattern.DOTALL).matcher(page.body());
        assertTrue(form.find(), () -> "no form to " + action + " in " + page.body());
        Matcher input = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")
                .matcher(form.group(1));
        Map<String, String> fields = new LinkedHashMap<>();
        while (input.find()) {
            fields.put(input.group(1), input.group(2).replace("&amp;", "&"));
        }
        return fields;
    }

    /** The address of the page's link with this id, as the browser follows it (entities decoded). */
    public static String linkOf(HttpResponse<String> page, String id) {
        Matcher link = Pattern.compile("<a (?=[^>]*id=\"" + Pattern.quote(id) + "\")[^>]*href=\"([^\"]+)\"")
                .matcher(page.body());
        assertTrue(link.find(), () -> "no link " + id + " in " + page.body());
        return link.group(1).replace("&amp;", "&");
    }

    /** A fresh admin API token of the admin service ({@code latchkey:admin}). */
    public static String adminToken() {
        HttpResponse<String> response = Server.token(ADMIN_SERVICE, ADMIN_SERVICE_SECRET,
                "grant_type=client_credentials&scope=" + Server.form("latchkey:admin"));
        assertEquals(200, response.statusCode(), response::body);
        try {
            return IssuedSecrets.remember(JSON.readTree(response.body()).path("access_token").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A GET of the admin API with a fresh admin token (a colon in the path percent-encoded). */
    public static HttpResponse<String> adminGet(String path) {
        return Server.send(HttpRequest.newBuilder(Server.uri(path.replace(":", "%3A")))
                .header("Authorization", "Bearer " + adminToken()).GET().build());
    }

    /** The admin API's answer to creating this application (JSON as its create operation takes it). */
    public static HttpResponse<String> createApplication(String json) {
        return Server.send(HttpRequest.newBuilder(Server.uri("/api/admin/applications"))
                .header("Authorization", "Bearer " + adminToken()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** Creates an application through the admin API (201); its secret, or "" when it has none. */
    public static String createdApplication(String json) {
        HttpResponse<String> created = createApplication(json);
        assertEquals(201, created.statusCode(), created::body);
        try {
            return IssuedSecrets.remember(JSON.readTree(created.body()).path("secret").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes an application through the admin API (its current version as If-Match). */
    public static void deletedApplication(String clientId) {
        HttpResponse<String> current = adminGet("/api/admin/applications/" + clientId);
        assertEquals(200, current.statusCode(), current::body);
        HttpResponse<String> deleted = Server.send(HttpRequest.newBuilder(Server.uri("/api/admin/applications/"
                        + clientId)).header("Authorization", "Bearer " + adminToken())
                .header("If-Match", current.headers().firstValue("ETag").orElseThrow()).DELETE().build());
        assertEquals(204, deleted.statusCode(), deleted::body);
    }

    /** The answer of the signed-in person's own tokens page to making a PAT for this application. */
    public static HttpResponse<String> patForm(CookieBrowser browser, String name, String clientId, String scope) {
        HttpResponse<String> page = browser.get(Server.ISSUER + "/account/tokens");
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("csrf", CookieBrowser.form(page).field("csrf"));
        fields.put("kind", "pat");
        fields.put("name", name);
        fields.put("client_id", clientId);
        fields.put("scope", scope);
        fields.put("lifetime_days", "7");
        return browser.post(Server.ISSUER + "/account/tokens", fields);
    }

    /** A new PAT the browser's person made for this application (the value shown once). */
    public static String personalToken(CookieBrowser browser, String name, String clientId, String scope) {
        HttpResponse<String> created = patForm(browser, name, clientId, scope);
        assertEquals(200, created.statusCode(), created::body);
        Matcher matcher = PAT.matcher(created.body());
        assertTrue(matcher.find(), created::body);
        return IssuedSecrets.remember(matcher.group());
    }

    /** Introspection of a token by the PAT application. */
    public static Map<String, Object> introspect(String token) {
        HttpResponse<String> response = Server.send(HttpRequest.newBuilder(Server.uri("/oauth/introspect"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", Server.basic(PAT_APP, PAT_APP_SECRET))
                .POST(HttpRequest.BodyPublishers.ofString("token=" + token)).build());
        assertEquals(200, response.statusCode(), response::body);
        try {
            return JSONObjectUtils.parse(response.body());
        } catch (ParseException e) {
            throw new AssertionError(response.body(), e);
        }
    }
}
