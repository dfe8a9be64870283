package io.latchkey.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser without a screen: java.net.http with a cookie jar, following redirects by hand so that every hop
 * can be checked, and reading the forms of Latchkey's pages by the names of the page contract (DESIGN §3).
 */
public final class CookieBrowser {
    public static final String SESSION_COOKIE = "latchkey_session";
    public static final String BROWSER_COOKIE = "latchkey_browser";
    private static final Pattern FORM = Pattern.compile("<form\\b([^>]*)>(.*?)</form>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final Pattern INPUT = Pattern.compile("<(?:input|button)\\b[^>]*>", Pattern.CASE_INSENSITIVE);

    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ORIGINAL_SERVER);
    private final HttpClient client = HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    /** A form of a page: where it posts and its named fields (hidden inputs, text inputs, buttons). */
    public record Form(String action, Map<String, String> fields) {
        public String field(String name) {
            String value = fields.get(name);
            if (value == null) {
                throw new AssertionError("the form has no field " + name + ": " + fields.keySet());
            }
            return value;
        }
    }

    public HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").GET().build());
    }

    public HttpResponse<String> get(URI url) {
        return get(url.toString());
    }

    /** POST application/x-www-form-urlencoded; null values are left out. */
    public HttpResponse<String> post(String url, Map<String, String> form) {
        Map<String, String> present = new LinkedHashMap<>();
        form.forEach((k, v) -> {
            if (v != null) {
                present.put(k, v);
            }
        });
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(Authorization.query(present))).build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            cookies.getCookieStore().getCookies().forEach(c -> IssuedSecrets.remember(c.getValue()));
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The value of one of Latchkey's cookies this browser holds. */
    public Optional<String> cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue).filter(v -> !v.isEmpty()).findFirst();
    }

    public static Optional<String> location(HttpResponse<?> response) {
        return response.headers().firstValue("Location");
    }

    /** Asserts a 303 and gives its Location. */
    public static String seeOther(HttpResponse<String> response) {
        assertEquals(303, response.statusCode(), () -> "expected a redirect: " + response.statusCode() + " " + response.body());
        return location(response).orElseThrow(() -> new AssertionError("303 without Location"));
    }

    /** The first form of a page, read by its names. */
    public static Form form(HttpResponse<String> page) {
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"),
                () -> "not a page: " + page.statusCode() + " " + page.body());
        Matcher form = FORM.matcher(page.body());
        if (!form.find()) {
            throw new AssertionError("no form on the page: " + page.body());
        }
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher input = INPUT.matcher(form.group(2));
        while (input.find()) {
            String tag = input.group();
            attribute(tag, "name").ifPresent(name -> fields.put(name, attribute(tag, "value").orElse("")));
        }
        String action = attribute("<form " + form.group(1) + ">", "action").orElse("");
        return new Form(action, fields);
    }

    private static Optional<String> attribute(String tag, String name) {
        Matcher m = Pattern.compile("\\s" + name + "=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE).matcher(tag);
        return m.find() ? Optional.of(unescape(m.group(1))) : Optional.empty();
    }

    private static String unescape(String html) {
        return html.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&#x2F;", "/").replace("&amp;", "&");
    }

    /** Starts an authorization request; Latchkey's answer, not followed. */
    public HttpResponse<String> authorize(Authorization request) {
        return get(request.uri());
    }

    /** Fills and submits a login page. */
    public HttpResponse<String> submitLogin(HttpResponse<String> loginPage, String username, String password) {
        Form form = form(loginPage);
        assertTrue(form.fields().containsKey("password"), () -> "not the login page: " + loginPage.body());
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("csrf", form.field("csrf"));
        fields.put("interaction", form.fields().get("interaction"));
        fields.put("username", username);
        fields.put("password", password);
        return post(Server.ISSUER + "/login", fields);
    }

    /** Presses allow or deny on a consent page. */
    public HttpResponse<String> decide(HttpResponse<String> consentPage, String decision) {
        Form form = form(consentPage);
        assertTrue(form.fields().containsKey("decision"), () -> "not the consent page: " + consentPage.body());
        return post(Server.ISSUER + "/consent", Map.of("csrf", form.field("csrf"),
                "interaction", form.field("interaction"), "decision", decision));
    }

    /**
     * The whole front channel: the authorization request, the login page when Latchkey shows it, the consent
     * page when it shows it (allowed), up to the redirect back to the client, whose URI is returned.
     */
    public URI signIn(Authorization request, String username, String password) {
        HttpResponse<String> response = authorize(request);
        for (int hop = 0; hop < 8; hop++) {
            String location = seeOther(response);
            if (!location.startsWith(Server.ISSUER + "/")) {
                return URI.create(location);
            }
            HttpResponse<String> page = get(location);
            assertEquals(200, page.statusCode(), () -> location + ": " + page.body());
            if (location.startsWith(Server.ISSUER + "/login?")) {
                response = submitLogin(page, username, password);
            } else if (location.startsWith(Server.ISSUER + "/consent?")) {
                response = decide(page, "allow");
            } else {
                fail("unexpected stop at " + location);
            }
        }
        throw new AssertionError("too many redirects");
    }

    /** The authorization code of a redirect back to the client, after checking state and iss. */
    public static String code(URI redirect, Authorization request) {
        assertTrue(redirect.toString().startsWith(request.redirectUri() + "?"), redirect::toString);
        Map<String, java.util.List<String>> parameters = RelyingParty.parse(redirect.getRawQuery());
        assertEquals(java.util.List.of(request.state().getValue()), parameters.get("state"), redirect::toString);
        assertEquals(java.util.List.of(Server.ISSUER), parameters.get("iss"), "RFC 9207 iss");
        assertTrue(parameters.containsKey("code"), redirect::toString);
        return IssuedSecrets.remember(parameters.get("code").get(0));
    }
}
