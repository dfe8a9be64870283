package io.latchkey.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * "My applications" from outside: the consents of the signed-in person, and revoking one there takes back the
 * consent, the application's refresh tokens and their access tokens; the revoke form needs its CSRF field.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MyApplicationsIT {
    private static final String PAGE = Server.ISSUER + "/account/applications";
    private static final Pattern WEB_REVOKE_FORM = Pattern.compile(
            "<form\\b[^>]*action=\"[^\"]*/account/applications/revoke\"[^>]*>(?:(?!</form>).)*"
                    + "name=\"client_id\" value=\"" + Pattern.quote(Server.WEB_ID) + "\"(?:(?!</form>).)*"
                    + "<button[^>]*type=\"submit\"[^>]*>Revoke access</button>", Pattern.DOTALL);

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.war();
    }

    @Test
    void revokingAnApplicationTakesBackItsConsentAndTokens() throws Exception {
        CookieBrowser browser = new CookieBrowser();
        Authorization request = Authorization.web();
        URI redirect = browser.signIn(request, Authorization.BOB, Authorization.BOB_PASSWORD);
        OIDCTokens tokens = Oidc.redeem(Oidc.RpClient.WEB, CookieBrowser.code(redirect, request),
                request.redirectUri(), request.verifier());
        assertNotNull(tokens.getRefreshToken(), "offline_access gives a refresh token");
        String accessToken = tokens.getAccessToken().getValue();
        assertEquals(true, info(accessToken).get("active"));

        HttpResponse<String> page = browser.get(PAGE);
        assertEquals(200, page.statusCode(), page::body);
        assertEquals("no-store", page.headers().firstValue("Cache-Control").orElse(""));
        assertTrue(page.headers().firstValue("Content-Security-Policy").isPresent());
        assertTrue(page.body().contains("IT Orders Web"), page::body);
        assertTrue(page.body().contains("Read orders"), "scopes come with their descriptions");
        assertTrue(page.body().contains("offline_access"), page::body);
        assertTrue(WEB_REVOKE_FORM.matcher(page.body()).find(), page::body);

        HttpResponse<String> revoked = browser.post(PAGE + "/revoke",
                Map.of("csrf", CookieBrowser.form(page).field("csrf"), "client_id", Server.WEB_ID));
        assertEquals(PAGE, CookieBrowser.seeOther(revoked));
        HttpResponse<String> after = browser.get(PAGE);
        assertEquals(200, after.statusCode(), after::body);
        assertFalse(WEB_REVOKE_FORM.matcher(after.body()).find(), after::body);

        assertEquals("invalid_grant", Oidc.error(Oidc.refreshHttp(Oidc.RpClient.WEB,
                tokens.getRefreshToken().getValue()), 400).getCode());
        assertEquals(Map.of("active", false), info(accessToken));
        String next = CookieBrowser.seeOther(browser.authorize(Authorization.web()));
        assertTrue(next.startsWith(Server.ISSUER + "/consent?"), next);
    }

    @Test
    void theRevokeFormIsRefusedWithoutItsCsrfField() {
        CookieBrowser browser = new CookieBrowser();
        HttpResponse<String> signedIn = browser.submitLogin(browser.get(Server.ISSUER + "/login"),
                Authorization.BOB, Authorization.BOB_PASSWORD);
        assertEquals(200, signedIn.statusCode(), signedIn::body);
        assertTrue(signedIn.body().contains("/account/applications"), "the signed-in page links here");
        assertEquals(403, browser.post(PAGE + "/revoke", Map.of("client_id", Server.WEB_ID)).statusCode());
        assertEquals(403, browser.post(PAGE + "/revoke", Map.of("csrf", "forged", "client_id", Server.WEB_ID))
                .statusCode());
    }

    @Test
    void aSignedOutVisitorIsSentToSignInFirst() {
        HttpResponse<String> page = new CookieBrowser().get(PAGE);
        assertEquals(Server.ISSUER + "/login?return_to=%2Faccount%2Fapplications", CookieBrowser.seeOther(page));
    }

    private static Map<String, Object> info(String token) throws Exception {
        HttpResponse<String> response = Server.send(HttpRequest.newBuilder(Server.uri("/oauth/info"))
                .header("Authorization", "Bearer " + token).GET().build());
        assertEquals(200, response.statusCode(), response::body);
        return JSONObjectUtils.parse(response.body());
    }
}
