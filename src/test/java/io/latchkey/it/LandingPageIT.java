package io.latchkey.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code /} from outside, signed in and out; and a signed-out visitor of an account page goes through the sign-in
 * form and lands back on that page, never on a return target of someone else's choosing.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LandingPageIT {
    private static final String LANDING = Server.ISSUER + "/";
    private static final String TOKENS = Server.ISSUER + "/account/tokens";

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.war();
    }

    @Test
    void theLandingPageLinksEverythingAndKnowsWhoIsSignedIn() {
        CookieBrowser browser = new CookieBrowser();
        HttpResponse<String> out = browser.get(LANDING);
        assertEquals(200, out.statusCode(), out::body);
        assertTrue(out.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertEquals("no-store", out.headers().firstValue("Cache-Control").orElse(""));
        assertTrue(out.headers().firstValue("Content-Security-Policy").isPresent());
        String context = URI.create(Server.ISSUER).getPath();
        for (String link : new String[] {"/.well-known/openid-configuration", "/oauth/jwks", "/login",
                "/account/applications", "/account/tokens"}) {
            assertTrue(out.body().contains("href=\"" + context + link + "\""), () -> link + " in " + out.body());
        }
        assertTrue(out.body().contains(Server.ISSUER), "the issuer is shown");
        assertFalse(out.body().contains("/oauth/logout"), "no sign-out link for a signed-out visitor");

        HttpResponse<String> signedIn = browser.submitLogin(browser.get(Server.ISSUER + "/login"),
                Authorization.BOB, Authorization.BOB_PASSWORD);
        assertEquals(200, signedIn.statusCode(), signedIn::body);
        HttpResponse<String> in = browser.get(LANDING);
        assertEquals(200, in.statusCode(), in::body);
        assertTrue(in.body().contains("href=\"" + context + "/oauth/logout\""), in::body);
        assertTrue(in.body().contains("You are signed in as"), in::body);
        assertTrue(in.body().contains("href=\"" + context + "/account/tokens\""), in::body);
    }

    @Test
    void headIsAnsweredAndOtherMethodsAreNotAllowed() {
        HttpResponse<String> head = new CookieBrowser().send(HttpRequest.newBuilder(URI.create(LANDING))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, head.statusCode());
        assertTrue(head.body().isEmpty());
        HttpResponse<String> post = new CookieBrowser().post(LANDING, Map.of("a", "b"));
        assertEquals(405, post.statusCode(), post::body);
        HttpResponse<String> delete = new CookieBrowser().send(HttpRequest.newBuilder(URI.create(LANDING))
                .header("Accept", "text/html").DELETE().build());
        assertEquals(405, delete.statusCode(), delete::body);
    }

    /** The page at {@code /} claims nothing below it: unknown paths stay 404 for every method; the CSS is served. */
    @Test
    void pathsBelowTheLandingPageAreUntouched() {
        CookieBrowser browser = new CookieBrowser();
        assertEquals(404, browser.get(Server.ISSUER + "/no-such-page").statusCode());
        assertEquals(404, browser.post(Server.ISSUER + "/no-such-page", Map.of("a", "b")).statusCode());
        HttpResponse<String> css = browser.get(Server.ISSUER + "/static/latchkey.css");
        assertEquals(200, css.statusCode(), css::body);
    }

    @Test
    void aSignedOutVisitorSignsInAndComesBackToThePageTheyAskedFor() {
        CookieBrowser browser = new CookieBrowser();
        String login = CookieBrowser.seeOther(browser.get(TOKENS));
        HttpResponse<String> form = browser.get(login);
        assertEquals(200, form.statusCode(), form::body);
        assertEquals("/account/tokens", CookieBrowser.form(form).field("return_to"));

        HttpResponse<String> back = submit(browser, form, Map.of());
        assertEquals(TOKENS, CookieBrowser.seeOther(back));
        assertTrue(back.headers().allValues("Set-Cookie").stream()
                .anyMatch(c -> c.startsWith(CookieBrowser.SESSION_COOKIE + "=")), "the session starts");
        HttpResponse<String> page = browser.get(TOKENS);
        assertEquals(200, page.statusCode(), page::body);

        assertEquals(TOKENS, CookieBrowser.seeOther(browser.get(login)), "already signed in: straight back");
    }

    @Test
    void aReturnTargetOfSomeoneElsesChoosingIsIgnored() {
        for (String evil : new String[] {"//evil.example/", "/\\evil.example", "https://evil.example/account/tokens",
                "%2F%2Fevil.example"}) {
            CookieBrowser browser = new CookieBrowser();
            HttpResponse<String> form = browser.get(Server.ISSUER + "/login?return_to="
                    + java.net.URLEncoder.encode(evil, java.nio.charset.StandardCharsets.UTF_8));
            assertEquals(200, form.statusCode(), form::body);
            assertFalse(CookieBrowser.form(form).fields().containsKey("return_to"), form::body);
            HttpResponse<String> landed = submit(browser, form, Map.of("return_to", evil));
            assertEquals(200, landed.statusCode(), () -> evil + ": " + landed.body());
            assertTrue(landed.body().contains("You are signed in"), landed::body);
            assertTrue(landed.headers().firstValue("Location").isEmpty(), evil);
        }
    }

    /** Submits the login form as a browser would (all its fields), with Bob's credentials and {@code extra}. */
    private static HttpResponse<String> submit(CookieBrowser browser, HttpResponse<String> form,
                                               Map<String, String> extra) {
        Map<String, String> fields = new LinkedHashMap<>(CookieBrowser.form(form).fields());
        fields.remove("");
        fields.put("username", Authorization.BOB);
        fields.put("password", Authorization.BOB_PASSWORD);
        fields.putAll(extra);
        return browser.post(Server.ISSUER + "/login", fields);
    }
}
