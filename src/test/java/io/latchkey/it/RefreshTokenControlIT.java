package io.latchkey.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A person's refresh token under control: introspected while live, revoked (RFC 7009), then refused everywhere. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RefreshTokenControlIT {

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.war();
    }

    @Test
    void aRevokedRefreshTokenIsInactiveAndCannotBeUsedAndItsAccessTokenGoesToo() throws Exception {
        CookieBrowser browser = new CookieBrowser();
        Authorization request = Authorization.web();
        URI redirect = browser.signIn(request, Authorization.ALICE, Authorization.ALICE_PASSWORD);
        OIDCTokens tokens = Oidc.redeem(Oidc.RpClient.WEB, CookieBrowser.code(redirect, request),
                request.redirectUri(), request.verifier());
        assertNotNull(tokens.getRefreshToken(), "offline_access gives a refresh token");
        String refresh = IssuedSecrets.remember(tokens.getRefreshToken().getValue());
        String access = IssuedSecrets.remember(tokens.getAccessToken().getValue());
        String webBasic = Server.basic(Server.WEB_ID, Server.WEB_SECRET);

        Map<String, Object> live = introspect(refresh, "refresh_token", webBasic);
        assertEquals(Boolean.TRUE, live.get("active"));
        assertEquals("refresh_token", live.get("token_type"));
        assertEquals(Server.WEB_ID, live.get("client_id"));
        assertEquals("alice", live.get("username"));
        assertEquals(Map.of("active", false), introspect(refresh, null,
                Server.basic(Server.SERVICE_ID, Server.SERVICE_SECRET)), "another application sees nothing");

        HttpResponse<String> revoked = post("/oauth/revoke", "token=" + refresh + "&token_type_hint=refresh_token",
                webBasic);
        assertEquals(200, revoked.statusCode());
        assertEquals(Map.of("active", false), introspect(refresh, "refresh_token", webBasic));
        assertEquals("invalid_grant", Oidc.error(Oidc.refreshHttp(Oidc.RpClient.WEB, refresh), 400).getCode());
        assertEquals(Map.of("active", false), introspect(access, null, webBasic),
                "the access token issued from the revoked family is revoked too");
    }

    private static Map<String, Object> introspect(String token, String hint, String basic) throws Exception {
        String body = "token=" + Server.form(token) + (hint == null ? "" : "&token_type_hint=" + hint);
        HttpResponse<String> response = post("/oauth/introspect", body, basic);
        assertEquals(200, response.statusCode(), response.body());
        return JSONObjectUtils.parse(response.body());
    }

    private static HttpResponse<String> post(String path, String body, String basic) {
        return Server.send(HttpRequest.newBuilder(Server.uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", basic)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }
}
