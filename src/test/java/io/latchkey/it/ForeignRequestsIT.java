package io.latchkey.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
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
 * Requests that come from somewhere else than they claim: a forged {@code Host} header (every Location stays
 * under the issuer), form posts with a valid csrf field but from another site's page ({@code Origin} or
 * {@code Referer} not the issuer's: 403, nothing changes), and revoking a token that belongs to someone else (404).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ForeignRequestsIT {
    private static final URI ISSUER = URI.create(Server.ISSUER);
    private static final String OUR_ORIGIN = ISSUER.getScheme() + "://" + ISSUER.getHost() + ":" + ISSUER.getPort();
    private static final String EVIL = "https://evil.example";
    private static final Pattern REVOKE_ID = Pattern.compile("name=\"id\" value=\"([A-Za-z0-9_-]{8})\"");

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.war();
    }

    // ---- Host header ----

    @Test
    void aPagePostWithAForgedHostIsRedirectedUnderTheIssuer() {
        CookieBrowser browser = signedIn(Authorization.BOB, Authorization.BOB_PASSWORD);
        // The csrf field is made for the browser, so any page's will do; this one always has a form.
        String csrf = CookieBrowser.form(browser.get(Server.ISSUER + "/account/tokens")).field("csrf");
        Raw revoked = Raw.post(ISSUER.getRawPath() + "/account/applications/revoke", "evil.example", cookies(browser),
                Map.of(), "csrf=" + Server.form(csrf) + "&client_id=nothing-allowed");
        assertEquals(303, revoked.status(), revoked::text);
        assertEquals(Server.ISSUER + "/account/applications", revoked.header("Location").orElse(""), revoked::text);

        Raw forwarded = Raw.post(ISSUER.getRawPath() + "/account/applications/revoke", ISSUER.getAuthority(),
                cookies(browser), Map.of("X-Forwarded-Host", "evil.example"),
                "csrf=" + Server.form(csrf) + "&client_id=nothing-allowed");
        assertEquals(Server.ISSUER + "/account/applications", forwarded.header("Location").orElse(""),
                forwarded::text);
    }

    @Test
    void theSignInStepsAreRedirectedUnderTheIssuerWhateverTheHost() {
        CookieBrowser browser = new CookieBrowser();
        Authorization request = Authorization.web().set("prompt", "login consent");
        Raw authorize = Raw.get(request.uri().getRawPath() + "?" + request.uri().getRawQuery(), "evil.example",
                cookies(browser));
        assertTrue(authorize.header("Location").orElse("").startsWith(Server.ISSUER + "/login?"), authorize::text);

        HttpResponse<String> login = browser.get(CookieBrowser.seeOther(browser.authorize(request)));
        CookieBrowser.Form form = CookieBrowser.form(login);
        Raw signedIn = Raw.post(ISSUER.getRawPath() + "/login", "evil.example", cookies(browser), Map.of(),
                Authorization.query(Map.of("csrf", form.field("csrf"), "interaction", form.field("interaction"),
                        "username", Authorization.ALICE, "password", Authorization.ALICE_PASSWORD)));
        assertEquals(303, signedIn.status(), signedIn::text);
        assertTrue(signedIn.header("Location").orElse("").startsWith(Server.ISSUER + "/consent?"), signedIn::text);
    }

    // ---- cross-site form posts ----

    @Test
    void aSignInWithAValidCsrfFieldFromAnotherSitesPageIsForbiddenAndStartsNoSession() {
        for (String[] foreign : new String[][] {{"Origin", EVIL}, {"Referer", EVIL + "/phish"}, {"Origin", "null"},
                {"Origin", "http://evil.example:" + ISSUER.getPort()}}) {
            CookieBrowser browser = new CookieBrowser();
            HttpResponse<String> refused = signIn(browser, foreign[0], foreign[1]);
            String what = foreign[0] + ": " + foreign[1];
            assertEquals(403, refused.statusCode(), () -> what + ": " + refused.body());
            assertTrue(refused.body().contains("invalid_request"), refused::body);
            assertFalse(browser.cookie(CookieBrowser.SESSION_COOKIE).isPresent(), () -> what + " signed in");
        }
    }

    @Test
    void aSignInFromOurOwnPageOrWithoutOriginAndRefererSucceeds() {
        CookieBrowser ours = new CookieBrowser();
        assertEquals(200, signIn(ours, "Origin", OUR_ORIGIN).statusCode());
        assertTrue(ours.cookie(CookieBrowser.SESSION_COOKIE).isPresent());

        CookieBrowser referred = new CookieBrowser();
        assertEquals(200, signIn(referred, "Referer", Server.ISSUER + "/login").statusCode());

        CookieBrowser neither = new CookieBrowser();
        assertEquals(200, signIn(neither, null, null).statusCode());
        assertTrue(neither.cookie(CookieBrowser.SESSION_COOKIE).isPresent());
    }

    @Test
    void aConsentFromAnotherSitesPageIsForbiddenAndNothingIsGranted() {
        CookieBrowser browser = new CookieBrowser();
        Authorization request = Authorization.web().set("prompt", "consent");
        HttpResponse<String> login = browser.get(CookieBrowser.seeOther(browser.authorize(request)));
        String consentUrl = CookieBrowser.seeOther(browser.submitLogin(login, Authorization.ALICE,
                Authorization.ALICE_PASSWORD));
        HttpResponse<String> consent = browser.get(consentUrl);
        CookieBrowser.Form form = CookieBrowser.form(consent);
        Map<String, String> fields = Map.of("csrf", form.field("csrf"), "interaction", form.field("interaction"),
                "decision", "allow");

        HttpResponse<String> refused = browser.send(post("/consent", fields, "Origin", EVIL));
        assertEquals(403, refused.statusCode(), refused::body);
        assertFalse(refused.headers().firstValue("Location").isPresent());

        HttpResponse<String> allowed = browser.send(post("/consent", fields, "Origin", OUR_ORIGIN));
        URI redirect = URI.create(CookieBrowser.seeOther(allowed));
        assertTrue(CookieBrowser.code(redirect, request).length() > 10, "the same form from our page still works");
    }

    @Test
    void accountAndLogoutConfirmationPostsFromAnotherSiteAreForbidden() {
        CookieBrowser browser = signedIn(Authorization.BOB, Authorization.BOB_PASSWORD);
        String csrf = CookieBrowser.form(browser.get(Server.ISSUER + "/account/tokens")).field("csrf");
        HttpResponse<String> revoke = browser.send(post("/account/tokens/revoke", Map.of("csrf", csrf, "id",
                "abcdefgh"), "Referer", EVIL + "/"));
        assertEquals(403, revoke.statusCode(), revoke::body);

        HttpResponse<String> confirm = browser.get(Server.ISSUER + "/oauth/logout");
        assertEquals(200, confirm.statusCode(), confirm::body);
        HttpResponse<String> logout = browser.send(post("/oauth/logout", Map.of("csrf",
                CookieBrowser.form(confirm).field("csrf"), "confirm", "yes"), "Origin", EVIL));
        assertEquals(403, logout.statusCode(), logout::body);
        assertEquals(200, browser.get(Server.ISSUER + "/account/tokens").statusCode(), "still signed in");

        HttpResponse<String> fromTheApplication = browser.send(post("/oauth/logout", Map.of("client_id",
                Server.WEB_ID), "Origin", Authorization.RP));
        assertEquals(200, fromTheApplication.statusCode(),
                "an application's RP-initiated logout post carries no csrf of ours and is not refused");
        assertTrue(fromTheApplication.body().contains("name=\"confirm\""), fromTheApplication::body);
    }

    // ---- someone else's token ----

    @Test
    void revokingSomeoneElsesTokenOrNoTokenAnswersNotFoundAndRevokesNothing() {
        CookieBrowser owner = signedIn("pat-user", IssuedSecrets.remember("pat-user-password-0123"));
        HttpResponse<String> page = owner.get(Server.ISSUER + "/account/tokens");
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("csrf", CookieBrowser.form(page).field("csrf"));
        fields.put("kind", "pat");
        fields.put("name", "not-yours-" + System.nanoTime());
        fields.put("client_id", "it-pat-app");
        fields.put("scope", "openid");
        fields.put("lifetime_days", "7");
        HttpResponse<String> created = owner.post(Server.ISSUER + "/account/tokens", fields);
        assertEquals(200, created.statusCode(), created::body);
        Matcher token = Pattern.compile("lk_pat_[0-9A-Za-z]{49}").matcher(created.body());
        assertTrue(token.find(), created::body);
        String value = IssuedSecrets.remember(token.group());
        String id = idOf(owner.get(Server.ISSUER + "/account/tokens").body(), fields.get("name"));

        CookieBrowser other = signedIn(Authorization.ALICE, Authorization.ALICE_PASSWORD);
        String csrf = CookieBrowser.form(other.get(Server.ISSUER + "/account/tokens")).field("csrf");
        HttpResponse<String> someoneElses = other.post(Server.ISSUER + "/account/tokens/revoke",
                Map.of("csrf", csrf, "id", id));
        assertEquals(404, someoneElses.statusCode(), someoneElses::body);
        assertTrue(someoneElses.body().contains("invalid_request"), someoneElses::body);
        HttpResponse<String> noSuch = other.post(Server.ISSUER + "/account/tokens/revoke",
                Map.of("csrf", csrf, "id", "zzzzzzzz"));
        assertEquals(404, noSuch.statusCode(), noSuch::body);

        HttpResponse<String> info = Server.send(HttpRequest.newBuilder(Server.uri("/oauth/info"))
                .header("Authorization", "Bearer " + value).GET().build());
        assertTrue(info.body().contains("\"active\":true"), () -> "the owner's token still works: " + info.body());
    }

    // ---- helpers ----

    private static String idOf(String listPage, String name) {
        int at = listPage.indexOf(name);
        assertTrue(at >= 0, listPage);
        Matcher id = REVOKE_ID.matcher(listPage);
        return id.find(at) ? id.group(1) : "";
    }

    private static CookieBrowser signedIn(String username, String password) {
        CookieBrowser browser = new CookieBrowser();
        HttpResponse<String> signedIn = browser.submitLogin(browser.get(Server.ISSUER + "/login"), username, password);
        assertEquals(200, signedIn.statusCode(), signedIn::body);
        return browser;
    }

    /** Signs Bob in through the login page, the post carrying one extra header (or none). */
    private static HttpResponse<String> signIn(CookieBrowser browser, String header, String value) {
        String csrf = CookieBrowser.form(browser.get(Server.ISSUER + "/login")).field("csrf");
        return browser.send(post("/login", Map.of("csrf", csrf, "username", Authorization.BOB,
                "password", Authorization.BOB_PASSWORD), header, value));
    }

    private static HttpRequest post(String path, Map<String, String> fields, String header, String value) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(Server.uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(Authorization.query(fields)));
        if (header != null) {
            builder.header(header, value);
        }
        return builder.build();
    }

    private static String cookies(CookieBrowser browser) {
        StringBuilder cookie = new StringBuilder();
        for (String name : new String[] {CookieBrowser.BROWSER_COOKIE, CookieBrowser.SESSION_COOKIE}) {
            browser.cookie(name).ifPresent(v -> cookie.append(cookie.length() == 0 ? "" : "; ").append(name)
                    .append('=').append(v));
        }
        return cookie.toString();
    }

    /** One HTTP/1.1 exchange over a plain socket, with a Host header java.net.http would not send. */
    private record Raw(int status, String text) {
        static Raw get(String target, String host, String cookies) {
            return exchange("GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\nAccept: text/html\r\n"
                    + (cookies.isEmpty() ? "" : "Cookie: " + cookies + "\r\n") + "Connection: close\r\n\r\n");
        }

        static Raw post(String target, String host, String cookies, Map<String, String> headers, String body) {
            StringBuilder request = new StringBuilder("POST " + target + " HTTP/1.1\r\nHost: " + host + "\r\n"
                    + "Accept: text/html\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n"
                    + (cookies.isEmpty() ? "" : "Cookie: " + cookies + "\r\n"));
            headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
            return exchange(request.append("Connection: close\r\n\r\n").append(body).toString());
        }

        private static Raw exchange(String request) {
            try (Socket socket = new Socket(ISSUER.getHost(), ISSUER.getPort())) {
                socket.setSoTimeout(20_000);
                OutputStream out = socket.getOutputStream();
                out.write(request.getBytes(StandardCharsets.UTF_8));
                out.flush();
                InputStream in = socket.getInputStream();
                ByteArrayOutputStream response = new ByteArrayOutputStream();
                in.transferTo(response);
                String text = response.toString(StandardCharsets.UTF_8);
                return new Raw(Integer.parseInt(text.substring(9, 12)), text);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        Optional<String> header(String name) {
            for (String line : text.split("\r\n")) {
                if (line.isEmpty()) {
                    break;
                }
                if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                    return Optional.of(line.substring(name.length() + 1).strip());
                }
            }
            return Optional.empty();
        }
    }
}
