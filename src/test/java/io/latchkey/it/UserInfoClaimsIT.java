package io.latchkey.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.openid.connect.sdk.claims.UserInfo;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import io.latchkey.it.Oidc.RpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * OpenID Connect Core §5.5: the {@code userinfo} member of the claims request parameter reaches UserInfo whatever
 * the application's access_token_format. The client asks for email without the email scope; UserInfo answers it
 * for the access token of the code exchange and for the one of a refresh, a JWT or an opaque reference token alike.
 * Two applications are made for the run (first party: no consent) and deleted after it.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class UserInfoClaimsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CALLBACK = Authorization.RP + "/userinfo-claims/callback";
    private static final String USER = "claims-user";
    private static final String PASSWORD = IssuedSecrets.remember("claims-user-password-0123");
    private static final String CLAIMS = "{\"userinfo\":{\"email\":null}}";
    private static final Map<String, RpClient> BY_FORMAT = new java.util.concurrent.ConcurrentHashMap<>();
    private static String adminToken;

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.war();
    }

    @BeforeAll
    static void registerApplications() throws Exception {
        HttpResponse<String> response = Server.token("it-admin-service",
                IssuedSecrets.remember("it-admin-service-secret-0123456789abcdefghij"),
                "grant_type=client_credentials&scope=latchkey:admin");
        assertEquals(200, response.statusCode(), response::body);
        adminToken = IssuedSecrets.remember(JSON.readTree(response.body()).path("access_token").asText());
        for (String format : new String[] {"jwt", "reference"}) {
            String clientId = "it-uic-" + format + "-" + Long.toString(System.nanoTime(), 36);
            HttpResponse<String> created = admin("POST", "/api/admin/applications", "{\"client_id\":\"" + clientId
                    + "\",\"type\":\"web\",\"redirect_uris\":[\"" + CALLBACK + "\"],\"scopes\":[\"openid\","
                    + "\"offline_access\"],\"first_party\":true,"
                    + "\"access_token_format\":\"" + format + "\"}", Map.of());
            assertEquals(201, created.statusCode(), created::body);
            BY_FORMAT.put(format, new RpClient(clientId,
                    IssuedSecrets.remember(JSON.readTree(created.body()).path("secret").asText())));
        }
    }

    @AfterAll
    static void deleteApplications() throws Exception {
        for (RpClient client : BY_FORMAT.values()) {
            HttpResponse<String> current = admin("GET", "/api/admin/applications/" + client.id(), null, Map.of());
            String etag = current.headers().firstValue("ETag").orElseThrow();
            assertEquals(204, admin("DELETE", "/api/admin/applications/" + client.id(), null,
                    Map.of("If-Match", etag)).statusCode());
        }
    }

    private static HttpResponse<String> admin(String method, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(Server.uri(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + adminToken);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        return Server.send(request.build());
    }

    @ParameterizedTest
    @ValueSource(strings = {"jwt", "reference"})
    void userInfoAnswersTheRequestedClaimsForEitherAccessTokenFormat(String format) {
        RpClient client = BY_FORMAT.get(format);
        Authorization request = Authorization.of(client.id(), CALLBACK, "openid offline_access")
                .set("claims", CLAIMS);
        String code = CookieBrowser.code(new CookieBrowser().signIn(request, USER, PASSWORD), request);
        OIDCTokens tokens = Oidc.redeem(client, code, CALLBACK, request.verifier());
        String accessToken = IssuedSecrets.remember(tokens.getAccessToken().getValue());
        assertEquals(format.equals("reference"), accessToken.startsWith("lk_at_"), accessToken);

        UserInfo userInfo = Oidc.userInfo(tokens.getAccessToken());
        assertEquals(Set.of("sub", "email"), userInfo.toJSONObject().keySet(), format);
        assertEquals("claims@example.test", userInfo.getEmailAddress());

        assertTrue(tokens.getRefreshToken() != null, "a refresh token was issued");
        OIDCTokens refreshed = Oidc.refresh(client, IssuedSecrets.remember(tokens.getRefreshToken().getValue()));
        IssuedSecrets.remember(refreshed.getAccessToken().getValue());
        assertEquals(Set.of("sub", "email"), Oidc.userInfo(refreshed.getAccessToken()).toJSONObject().keySet(),
                format + ", after a refresh");
    }
}
