package io.latchkey.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import io.latchkey.testing.AtOnce;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Identical requests at the same instant get exactly the answers the same requests one after another would get:
 * never a 500 from two writes of one row.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ConcurrentRequestsIT {
    private static final int N = 8;
    /** pat-user gives no consent to the SPA in any other test; an earlier run's is taken back first. */
    private static final String PERSON = "pat-user";
    private static final String PERSON_PASSWORD = IssuedSecrets.remember("pat-user-password-0123");
    private static final String APPLICATIONS = Server.ISSUER + "/account/applications";

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.war();
    }

    @Test
    void aRotatedRefreshTokenReusedByManyAtOnceGetsInvalidGrantEverywhereAndTheFamilyGoes() {
        CookieBrowser browser = new CookieBrowser();
        Authorization request = Authorization.web();
        URI redirect = browser.signIn(request, Authorization.ALICE, Authorization.ALICE_PASSWORD);
        OIDCTokens tokens = Oidc.redeem(Oidc.RpClient.WEB, CookieBrowser.code(redirect, request),
                request.redirectUri(), request.verifier());
        String rotated = tokens.getRefreshToken().getValue();
        String live = Oidc.refresh(Oidc.RpClient.WEB, rotated).getRefreshToken().getValue();

        var answers = AtOnce.run(N, () -> Oidc.refreshHttp(Oidc.RpClient.WEB, rotated));

        for (var answer : answers) {
            HTTPResponse http = answer.value().orElseThrow(() -> new AssertionError(answer.toString()));
            assertInvalidGrant(http);
        }
        assertInvalidGrant(Oidc.refreshHttp(Oidc.RpClient.WEB, live));
    }

    @Test
    void tabsAllowingOneApplicationAtOnceAllGetTheirCodeAndTheConsentIsRemembered() {
        CookieBrowser browser = new CookieBrowser();
        HttpResponse<String> signedIn = browser.submitLogin(browser.get(Server.ISSUER + "/login"), PERSON,
                PERSON_PASSWORD);
        assertEquals(200, signedIn.statusCode(), signedIn.body());
        HttpResponse<String> applications = browser.get(APPLICATIONS);
        if (applications.body().contains("value=\"" + Server.SPA_ID + "\"")) {
            CookieBrowser.seeOther(browser.post(APPLICATIONS + "/revoke", Map.of(
                    "csrf", CookieBrowser.form(applications).field("csrf"), "client_id", Server.SPA_ID)));
        }
        List<Authorization> tabs = new ArrayList<>();
        List<HttpResponse<String>> consentPages = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            Authorization tab = Authorization.of(Server.SPA_ID, Authorization.SPA_CALLBACK, "openid profile");
            String next = CookieBrowser.seeOther(browser.authorize(tab));
            assertTrue(next.startsWith(Server.ISSUER + "/consent?"), "tab " + i + " asks for consent: " + next);
            HttpResponse<String> page = browser.get(next);
            assertEquals(200, page.statusCode(), page.body());
            tabs.add(tab);
            consentPages.add(page);
        }

        var answers = AtOnce.run(N, i -> () -> browser.decide(consentPages.get(i), "allow"));

        for (int i = 0; i < N; i++) {
            HttpResponse<String> answer = answers.get(i).value()
                    .orElseThrow(() -> new AssertionError(answers.toString()));
            URI back = URI.create(CookieBrowser.seeOther(answer));
            String code = CookieBrowser.code(back, tabs.get(i));
            Oidc.redeem(Oidc.RpClient.SPA, code, Authorization.SPA_CALLBACK, tabs.get(i).verifier());
        }
        Authorization again = Authorization.of(Server.SPA_ID, Authorization.SPA_CALLBACK, "openid profile");
        String next = CookieBrowser.seeOther(browser.authorize(again));
        assertTrue(next.startsWith(Authorization.SPA_CALLBACK + "?"), "the consent is remembered: " + next);
    }

    private static void assertInvalidGrant(HTTPResponse http) {
        ErrorObject error = Oidc.error(http, 400);
        assertEquals("invalid_grant", error.getCode());
        assertEquals("the refresh token is invalid, expired, revoked or was issued to another client",
                error.getDescription());
    }
}
