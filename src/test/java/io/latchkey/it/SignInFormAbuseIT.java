package io.latchkey.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import io.latchkey.it.Oidc.RpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Abuse of the pages people use, without a browser: forged forms (CSRF field missing, wrong, or made for
 * another browser) on the login and consent pages, password guessing against one account, and an access
 * token put in a URL.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SignInFormAbuseIT {

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.war();
    }

    /** The CSRF values a forged form could carry, given the right one and one made for another browser. */
    private static Map<String, String> forgedCsrfValues(String right, String otherBrowsers) {
        Map<String, String> forged = new LinkedHashMap<>();
        forged.put("missing", null);
        forged.put("empty", "");
        forged.put("random", new State(32).getValue());
        forged.put("another browser's", otherBrowsers);
        forged.put("right one with a character changed", (right.charAt(0) == 'A' ? "B" : "A") + right.substring(1));
        forged.put("right one twice", right + right);
        return forged;
    }

    /** A CSRF value that is valid, but for another browser than the one sending it. */
    private static String csrfOfAnotherBrowser() {
        CookieBrowser other = new CookieBrowser();
        HttpResponse<String> login = other.get(CookieBrowser.seeOther(other.authorize(Authorization.web())));
        return CookieBrowser.form(login).field("csrf");
    }

    @Test
    void aLoginFormWithoutTheRightCsrfFieldIsForbiddenAndStartsNoSession() {
        CookieBrowser browser = new CookieBrowser();
        Authorization request = Authorization.web();
        HttpResponse<String> loginPage = browser.get(CookieBrowser.seeOther(browser.authorize(request)));
        CookieBrowser.Form form = CookieBrowser.form(loginPage);
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, String> forged : forgedCsrfValues(form.field("csrf"), csrfOfAnotherBrowser()).entrySet()) {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("csrf", forged.getValue());
            fields.put("interaction", form.field("interaction"));
            fields.put("username", Authorization.BOB);
            fields.put("password", Authorization.BOB_PASSWORD);
            HttpResponse<String> response = browser.post(Server.ISSUER + "/login", fields);
            String problem = forbidden(response);
            if (problem != null) {
                failures.add(forged.getKey() + ": " + problem);
            }
            if (browser.cookie(CookieBrowser.SESSION_COOKIE).isPresent()) {
                failures.add(forged.getKey() + ": a session cookie was set");
            }
        }
        // The right CSRF value from a client that lacks the browser cookie it was made for.
        Map<String, String> stolen = Map.of("csrf", form.field("csrf"), "interaction", form.field("interaction"),
                "username", Authorization.BOB, "password", Authorization.BOB_PASSWORD);
        CookieBrowser cookieless = new CookieBrowser();
        String problem = forbidden(cookieless.post(Server.ISSUER + "/login", stolen));
        if (problem != null) {
            failures.add("right value without the browser cookie: " + problem);
        }
        assertEquals(List.of(), failures);
        assertFalse(cookieless.cookie(CookieBrowser.SESSION_COOKIE).isPresent());

        assertPromptNoneSaysLoginRequired(browser);

        // Control: the same form with its own CSRF value signs in.
        HttpResponse<String> signedIn = browser.submitLogin(loginPage, Authorization.BOB, Authorization.BOB_PASSWORD);
        assertEquals(303, signedIn.statusCode(), signedIn.body());
        assertTrue(browser.cookie(CookieBrowser.SESSION_COOKIE).isPresent());
    }

    @Test
    void aConsentFormWithoutTheRightCsrfFieldIsForbiddenAndIssuesNoCode() {
        CookieBrowser browser = new CookieBrowser();
        Authorization request = Authorization.web().set("prompt", "consent");
        HttpResponse<String> loginPage = browser.get(CookieBrowser.seeOther(browser.authorize(request)));
        String consentUrl = CookieBrowser.seeOther(browser.submitLogin(loginPage, Authorization.BOB, Authorization.BOB_PASSWORD));
        assertTrue(consentUrl.startsWith(Server.ISSUER + "/consent?interaction="), consentUrl);
        HttpResponse<String> consentPage = browser.get(consentUrl);
        assertEquals(200, consentPage.statusCode());
        CookieBrowser.Form form = CookieBrowser.form(consentPage);

        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, String> forged : forgedCsrfValues(form.field("csrf"), csrfOfAnotherBrowser()).entrySet()) {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("csrf", forged.getValue());
            fields.put("interaction", form.field("interaction"));
            fields.put("decision", "allow");
            String problem = forbidden(browser.post(Server.ISSUER + "/consent", fields));
            if (problem != null) {
                failures.add(forged.getKey() + ": " + problem);
            }
        }
        assertEquals(List.of(), failures);

        // Control: the real form still works, once, so the refusals above were about the CSRF field alone.
        String redirect = CookieBrowser.seeOther(browser.decide(consentPage, "allow"));
        String code = CookieBrowser.code(java.net.URI.create(redirect), request);
        OIDCTokens tokens = Oidc.redeem(RpClient.WEB, code, request.redirectUri(), request.verifier());
        Oidc.verifyIdToken(tokens, Server.WEB_ID, request.nonce());
    }

    @Test
    void twentyBadPasswordsInARowBlockTheAccountWith429AndRetryAfter() {
        CookieBrowser browser = new CookieBrowser();
        HttpResponse<String> page = browser.get(Server.ISSUER + "/login");
        assertEquals(200, page.statusCode());
        String csrf = CookieBrowser.form(page).field("csrf");

        List<Integer> statuses = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        // When the last block announced (by a 429's Retry-After, whole seconds rounded up) may end at the earliest:
        // an attempt sent after that may be admitted again (on a slow machine the first, 2 s block can lapse
        // within the 20 attempts), one sent before it must not be.
        long blockMayEndAtNanos = Long.MIN_VALUE;
        for (int attempt = 1; attempt <= 20; attempt++) {
            String wrong = IssuedSecrets.remember("wrong-password-" + attempt + "-" + new State(8).getValue());
            long sentAtNanos = System.nanoTime();
            HttpResponse<String> response = browser.post(Server.ISSUER + "/login",
                    Map.of("csrf", csrf, "username", Authorization.THROTTLED, "password", wrong));
            statuses.add(response.statusCode());
            if (response.statusCode() == 429) {
                String retryAfter = response.headers().firstValue("Retry-After").orElse("");
                if (!retryAfter.matches("[1-9][0-9]*")) {
                    problems.add("attempt " + attempt + ": Retry-After '" + retryAfter + "'");
                } else {
                    blockMayEndAtNanos = sentAtNanos + (Long.parseLong(retryAfter) - 1) * 1_000_000_000L;
                }
                if (!response.body().contains("name=\"password\"")) {
                    problems.add("attempt " + attempt + ": the 429 is not the login page");
                }
            } else if (response.statusCode() == 401) {
                if (!response.body().contains("name=\"password\"")) {
                    problems.add("attempt " + attempt + ": the 401 is not the login page");
                }
                if (blockMayEndAtNanos != Long.MIN_VALUE && sentAtNanos < blockMayEndAtNanos) {
                    problems.add("attempt " + attempt + ": admitted while the last 429's Retry-After had not passed");
                }
            }
            if (browser.cookie(CookieBrowser.SESSION_COOKIE).isPresent()) {
                problems.add("attempt " + attempt + ": a session cookie");
            }
        }
        assertEquals(List.of(), problems, statuses.toString());
        assertTrue(statuses.stream().allMatch(s -> s == 401 || s == 429), statuses.toString());
        // On a fresh server: 5 free failures, the 6th starts a block, and the 7th on are 429. A data directory
        // reused from an earlier run may already hold failures for this username, so fewer 401s are fine.
        int firstBlocked = statuses.indexOf(429);
        assertTrue(firstBlocked >= 0 && firstBlocked <= 6, "blocked after at most 5 free failures and one more: " + statuses);
        // Once blocked, a later attempt is admitted (401) only after the block ran out (checked above), and
        // counts as a further failure that blocks again at once: never two 401s in a row.
        for (int i = firstBlocked; i + 1 < 20; i++) {
            assertFalse(statuses.get(i) == 401 && statuses.get(i + 1) == 401,
                    "a failure after the block ran out blocks again: " + statuses);
        }

        HttpResponse<String> right = browser.post(Server.ISSUER + "/login",
                Map.of("csrf", csrf, "username", Authorization.THROTTLED, "password", Authorization.THROTTLED_PASSWORD));
        assertEquals(429, right.statusCode(), "even the right password is refused while blocked");
        assertTrue(right.headers().firstValue("Retry-After").orElse("").matches("[1-9][0-9]*"));
        assertFalse(browser.cookie(CookieBrowser.SESSION_COOKIE).isPresent(), "no session while blocked");
        assertTrue(right.headers().allValues("Set-Cookie").stream().noneMatch(c -> c.startsWith(CookieBrowser.SESSION_COOKIE + "=")
                && !c.startsWith(CookieBrowser.SESSION_COOKIE + "=;")));
    }

    @Test
    void userInfoRefusesAnAccessTokenInTheQueryString() throws Exception {
        CookieBrowser browser = new CookieBrowser();
        Authorization request = Authorization.of(Server.WEB_ID, Authorization.WEB_CALLBACK, "openid profile");
        String code = CookieBrowser.code(browser.signIn(request, Authorization.ALICE, Authorization.ALICE_PASSWORD), request);
        String token = Oidc.redeem(RpClient.WEB, code, request.redirectUri(), request.verifier()).getAccessToken().getValue();

        for (String method : List.of("GET", "POST")) {
            HttpRequest.Builder builder = HttpRequest.newBuilder(Server.uri("/oauth/userinfo?access_token=" + token));
            HttpResponse<String> response = Server.send("GET".equals(method) ? builder.GET().build()
                    : builder.header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString("")).build());
            assertEquals(400, response.statusCode(), method + " " + response.body());
            assertEquals("invalid_request", JSONObjectUtils.parse(response.body()).get("error"), method);
            assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").contains("error=\"invalid_request\""),
                    method + " " + response.headers());
        }
        // The same token in the Authorization header is fine: the refusal was about where it was sent.
        HttpResponse<String> header = Oidc.userInfoHttp(token);
        assertEquals(200, header.statusCode(), header.body());
    }

    /** Why the response is not a 403 that leaves nothing behind, or null. */
    private static String forbidden(HttpResponse<String> response) {
        if (response.statusCode() != 403) {
            return "status " + response.statusCode() + " " + response.headers().firstValue("Location").orElse("");
        }
        if (response.headers().firstValue("Location").isPresent()) {
            return "redirects to " + response.headers().firstValue("Location").get();
        }
        if (response.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith(CookieBrowser.SESSION_COOKIE + "="))) {
            return "sets a session cookie";
        }
        if (response.body().contains("code=")) {
            return "carries a code";
        }
        return null;
    }

    private static void assertPromptNoneSaysLoginRequired(CookieBrowser browser) {
        Authorization silent = Authorization.web().set("prompt", "none");
        String location = CookieBrowser.seeOther(browser.authorize(silent));
        assertTrue(location.startsWith(silent.redirectUri() + "?"), location);
        Map<String, List<String>> parameters = RelyingParty.parse(java.net.URI.create(location).getRawQuery());
        assertEquals(List.of("login_required"), parameters.get("error"), "no session was started: " + location);
    }
}
