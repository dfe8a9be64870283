package io.latchkey.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.it.Oidc.RpClient;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
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
 * The three ways an answer travels back, checked on the wire without a browser: query (303), fragment (303
 * with '#'), and form_post (a page whose only script is allowed by its hash and whose form may only post to
 * the client).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SignInResponseModesIT {
    private static final Pattern SCRIPT = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL);

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.war();
    }

    /** A browser where alice is signed in and has consented to the web application's "openid profile". */
    private static CookieBrowser signedIn() {
        CookieBrowser browser = new CookieBrowser();
        Authorization first = Authorization.of(Server.WEB_ID, Authorization.WEB_CALLBACK, "openid profile");
        CookieBrowser.code(browser.signIn(first, Authorization.ALICE, Authorization.ALICE_PASSWORD), first);
        return browser;
    }

    @Test
    void formPostIsAPageThatPostsCodeStateAndIssToTheClientOnly() throws Exception {
        CookieBrowser browser = signedIn();
        Authorization request = Authorization.of(Server.WEB_ID, Authorization.WEB_CALLBACK, "openid profile")
                .set("response_mode", "form_post");
        HttpResponse<String> page = browser.authorize(request);
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.headers().firstValue("Location").isEmpty());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertEquals("no-store", page.headers().firstValue("Cache-Control").orElse(""));

        CookieBrowser.Form form = CookieBrowser.form(page);
        assertEquals(Authorization.WEB_CALLBACK, form.action());
        assertEquals(request.state().getValue(), form.field("state"));
        assertEquals(Server.ISSUER, form.field("iss"));
        String code = IssuedSecrets.remember(form.field("code"));
        assertTrue(page.body().contains("type=\"submit\""), "a Continue button for browsers without script");

        List<String> policies = page.headers().allValues("Content-Security-Policy");
        assertEquals(1, policies.size(), "one policy (a second one would be enforced too): " + policies);
        String policy = policies.get(0);
        Matcher script = SCRIPT.matcher(page.body());
        assertTrue(script.find(), "the auto-submitting script");
        String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(script.group(1).getBytes(StandardCharsets.UTF_8)));
        assertTrue(policy.contains("script-src 'sha256-" + hash + "'"), "the script is allowed by its hash: " + policy);
        assertFalse(policy.contains("unsafe-inline"), policy);
        assertTrue(policy.contains("form-action " + Authorization.RP), "the form may post to the client: " + policy);
        assertFalse(script.find(), "one script only");

        Oidc.verifyIdToken(Oidc.redeem(RpClient.WEB, code, request.redirectUri(), request.verifier()),
                Server.WEB_ID, request.nonce());
    }

    @Test
    void fragmentModePutsTheAnswerAfterTheHash() {
        CookieBrowser browser = signedIn();
        Authorization request = Authorization.of(Server.WEB_ID, Authorization.WEB_CALLBACK, "openid profile")
                .set("response_mode", "fragment");
        String location = CookieBrowser.seeOther(browser.authorize(request));
        assertTrue(location.startsWith(Authorization.WEB_CALLBACK + "#"), location);
        Map<String, List<String>> parameters = RelyingParty.parse(URI.create(location).getRawFragment());
        assertEquals(List.of(request.state().getValue()), parameters.get("state"));
        assertEquals(List.of(Server.ISSUER), parameters.get("iss"));
        String code = IssuedSecrets.remember(parameters.get("code").get(0));
        Oidc.redeem(RpClient.WEB, code, request.redirectUri(), request.verifier());
    }

    @Test
    void anUnknownResponseModeIsRedirectedWithInvalidRequest() {
        Authorization request = Authorization.web().set("response_mode", "jwt");
        String location = CookieBrowser.seeOther(new CookieBrowser().authorize(request));
        assertTrue(location.startsWith(Authorization.WEB_CALLBACK + "?"), location);
        Map<String, List<String>> parameters = RelyingParty.parse(URI.create(location).getRawQuery());
        assertEquals(List.of("invalid_request"), parameters.get("error"));
        assertEquals(List.of(request.state().getValue()), parameters.get("state"));
        assertEquals(List.of(Server.ISSUER), parameters.get("iss"));
    }
}
