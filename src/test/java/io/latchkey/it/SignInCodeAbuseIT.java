package io.latchkey.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import io.latchkey.it.Oidc.RpClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Abuse of the back channel of the code flow, without a browser: replayed codes (one after the other and at
 * the same instant), PKCE verifiers that are wrong or missing, and a replayed refresh token.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SignInCodeAbuseIT {
    /** One signed-in browser for the class: after the first sign-in and consent, codes come without pages. */
    private final CookieBrowser browser = new CookieBrowser();

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.war();
    }

    private String code(Authorization request) {
        return CookieBrowser.code(browser.signIn(request, Authorization.ALICE, Authorization.ALICE_PASSWORD), request);
    }

    @Test
    void aReplayedCodeIsRefusedAndRevokesTheTokensOfTheFirstRedemption() {
        Authorization request = Authorization.web();
        String code = code(request);
        OIDCTokens first = Oidc.redeem(RpClient.WEB, code, request.redirectUri(), request.verifier());
        assertNotNull(first.getRefreshToken(), "offline_access gives the web application a refresh token");
        Oidc.verifyAccessToken(first.getAccessToken(), Oidc.ORDERS_API, Server.WEB_ID);
        Oidc.verifyIdToken(first, Server.WEB_ID, request.nonce());
        assertEquals(200, Oidc.userInfoHttp(first.getAccessToken().getValue()).statusCode(), "the token works before the replay");

        HTTPResponse replay = Oidc.redeemHttp(RpClient.WEB, code, request.redirectUri(), request.verifier());
        assertEquals("invalid_grant", Oidc.error(replay, 400).getCode());

        HttpResponse<String> userInfo = Oidc.userInfoHttp(first.getAccessToken().getValue());
        assertEquals(401, userInfo.statusCode(), "RFC 6749 §4.1.2: tokens of a replayed code are revoked; " + userInfo.body());
        assertTrue(userInfo.headers().firstValue("WWW-Authenticate").orElse("").contains("error=\"invalid_token\""),
                userInfo.headers().toString());
        assertTrue(userInfo.body().contains("invalid_token"), userInfo.body());
        assertEquals("invalid_grant",
                Oidc.error(Oidc.refreshHttp(RpClient.WEB, first.getRefreshToken().getValue()), 400).getCode(),
                "the refresh token of a replayed code is revoked");
    }

    @Test
    void twoThreadsRedeemingOneCodeAtOnceGetExactlyOneSuccess() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                Authorization request = Authorization.web();
                String code = code(request);
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<HTTPResponse>> answers = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    answers.add(pool.submit(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        return Oidc.redeemHttp(RpClient.WEB, code, request.redirectUri(), request.verifier());
                    }));
                }
                int successes = 0;
                for (Future<HTTPResponse> answer : answers) {
                    HTTPResponse http = answer.get(30, TimeUnit.SECONDS);
                    if (http.getStatusCode() == 200) {
                        Oidc.success(http);
                        successes++;
                    } else {
                        assertEquals("invalid_grant", Oidc.error(http, 400).getCode());
                    }
                }
                assertEquals(1, successes, "round " + round + ": exactly one of two concurrent redemptions succeeds");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aWrongCodeVerifierIsInvalidGrantAndBurnsTheCode() {
        Authorization request = Authorization.web();
        String code = code(request);
        CodeVerifier other = new CodeVerifier();
        IssuedSecrets.remember(other.getValue());
        assertEquals("invalid_grant",
                Oidc.error(Oidc.redeemHttp(RpClient.WEB, code, request.redirectUri(), other), 400).getCode());
        assertEquals("invalid_grant",
                Oidc.error(Oidc.redeemHttp(RpClient.WEB, code, request.redirectUri(), request.verifier()), 400).getCode(),
                "a failed PKCE check burns the code, so a verifier cannot be guessed in several tries");

        Authorization spa = Authorization.of(Server.SPA_ID, Authorization.SPA_CALLBACK, "openid profile");
        String spaCode = code(spa);
        assertEquals("invalid_grant",
                Oidc.error(Oidc.redeemHttp(RpClient.SPA, spaCode, spa.redirectUri(), other), 400).getCode(),
                "a public client is held to PKCE the same way");
    }

    /**
     * RFC 7636 §4.6: a code issued with a code_challenge and redeemed without code_verifier is an
     * invalid_grant (no verifier equals the challenge), and the code is burnt as after a wrong verifier.
     */
    @Test
    void aMissingCodeVerifierIsAnInvalidGrantAndBurnsTheCode() {
        Authorization request = Authorization.web();
        String code = code(request);
        assertEquals("invalid_grant",
                Oidc.error(Oidc.redeemHttp(RpClient.WEB, code, request.redirectUri(), null), 400).getCode());
        assertEquals("invalid_grant", Oidc.error(Oidc.redeemHttp(RpClient.WEB, code, request.redirectUri(),
                request.verifier()), 400).getCode(), "the code was burnt");

        Authorization spa = Authorization.of(Server.SPA_ID, Authorization.SPA_CALLBACK, "openid");
        String spaCode = code(spa);
        assertEquals("invalid_grant",
                Oidc.error(Oidc.redeemHttp(RpClient.SPA, spaCode, spa.redirectUri(), null), 400).getCode());
        assertEquals("invalid_grant", Oidc.error(Oidc.redeemHttp(RpClient.SPA, spaCode, spa.redirectUri(),
                spa.verifier()), 400).getCode(), "the public client's code was burnt too");
    }

    @Test
    void aCodeOnlyWorksForItsClientAndItsRedirectUri() {
        Authorization spa = Authorization.of(Server.SPA_ID, Authorization.SPA_CALLBACK, "openid");
        String spaCode = code(spa);
        assertEquals("invalid_grant",
                Oidc.error(Oidc.redeemHttp(RpClient.WEB, spaCode, spa.redirectUri(), spa.verifier()), 400).getCode(),
                "the SPA's code redeemed by the web application");

        Authorization web = Authorization.web();
        String webCode = code(web);
        assertEquals("invalid_grant", Oidc.error(Oidc.redeemHttp(RpClient.WEB, webCode,
                "https://app.example.test/callback", web.verifier()), 400).getCode(),
                "another registered redirect_uri than the one of the request");
    }

    @Test
    void reusingARotatedRefreshTokenRevokesTheWholeFamily() {
        Authorization request = Authorization.web();
        OIDCTokens issued = Oidc.redeem(RpClient.WEB, code(request), request.redirectUri(), request.verifier());
        String r0 = issued.getRefreshToken().getValue();

        OIDCTokens second = Oidc.refresh(RpClient.WEB, r0);
        String r1 = second.getRefreshToken().getValue();
        assertNotEquals(r0, r1, "every use rotates");
        Oidc.verifyAccessToken(second.getAccessToken(), Oidc.ORDERS_API, Server.WEB_ID);
        OIDCTokens third = Oidc.refresh(RpClient.WEB, r1);
        String r2 = third.getRefreshToken().getValue();
        assertNotEquals(r1, r2);

        assertEquals("invalid_grant", Oidc.error(Oidc.refreshHttp(RpClient.WEB, r0), 400).getCode(),
                "a rotated refresh token presented again");
        assertEquals("invalid_grant", Oidc.error(Oidc.refreshHttp(RpClient.WEB, r2), 400).getCode(),
                "the newest refresh token of the family is revoked with it");
        assertEquals("invalid_grant", Oidc.error(Oidc.refreshHttp(RpClient.WEB, r1), 400).getCode());

        Authorization again = Authorization.web();
        OIDCTokens fresh = Oidc.redeem(RpClient.WEB, code(again), again.redirectUri(), again.verifier());
        Oidc.refresh(RpClient.WEB, fresh.getRefreshToken().getValue());
    }
}
