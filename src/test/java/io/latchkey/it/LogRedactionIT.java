package io.latchkey.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs after every other integration test (junit-platform.properties orders classes by @Order) and searches
 * all of the server's log files, the container's access log included, for every token and secret the run sent
 * or received. It first sends the requests that put tokens into URLs themselves, as relying parties do: an
 * RP-initiated logout with an {@code id_token_hint} in the query, an authorization request with one, and a
 * userinfo call with the access token as a query parameter.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Order(Integer.MAX_VALUE)
class LogRedactionIT {
    /** The container writes its access log in the background (Tomcat: about every 10 s). */
    private static final long ACCESS_LOG_WAIT_MILLIS = 30_000;

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.war();
    }

    @Test
    void noTokenOrSecretOfTheWholeRunAppearsInAnyServerLog() throws IOException, InterruptedException {
        // A failed authentication whose secret must not be logged either, even at FINE.
        Server.token(Server.SERVICE_ID, IssuedSecrets.remember("leaked-if-logged-0123456789abcdef"), "grant_type=client_credentials");
        putTokensIntoUrls();
        // The last request of the run: once the access log shows its path, every earlier request is in it too.
        String lastPath = "/log-scan-" + UUID.randomUUID();
        Server.get(lastPath);

        Path logs = Path.of(System.getProperty("it.server.logs"));
        List<Path> accessLogs = awaitAccessLog(logs, lastPath);
        if ("tomcat".equals(System.getProperty("it.server"))) {
            assertFalse(accessLogs.isEmpty(), "Tomcat wrote an access log under " + logs + " that records " + lastPath);
        }
        List<Path> files = files(logs);
        assertFalse(files.isEmpty(), "the server wrote logs to " + logs);
        long bytes = 0;
        List<String> leaks = new ArrayList<>();
        for (Path file : files) {
            String text = Files.readString(file, StandardCharsets.ISO_8859_1);
            bytes += text.length();
            for (String secret : IssuedSecrets.all()) {
                if (text.contains(secret) || text.contains(Server.form(secret))) {
                    leaks.add(file.getFileName() + " contains " + secret.substring(0, 6) + "...");
                }
            }
        }
        assertTrue(bytes > 0, "the logs are not empty");
        assertTrue(IssuedSecrets.all().size() > 5, "the run handled tokens and secrets: " + IssuedSecrets.all().size());
        assertEquals(List.of(), leaks);
    }

    /** What relying-party libraries send in query strings (express-openid-connect's logout, for one). */
    private static void putTokensIntoUrls() {
        CookieBrowser browser = new CookieBrowser();
        Authorization first = Authorization.web();
        String code = CookieBrowser.code(browser.signIn(first, Authorization.BOB, Authorization.BOB_PASSWORD), first);
        OIDCTokens tokens = Oidc.redeem(Oidc.RpClient.WEB, code, first.redirectUri(), first.verifier());
        String idToken = IssuedSecrets.remember(tokens.getIDTokenString());
        String accessToken = IssuedSecrets.remember(tokens.getAccessToken().getValue());
        assertTrue(idToken.length() > 100 && accessToken.length() > 20, "the sign-in gave an ID and an access token");

        // A silent re-authentication naming the session's ID token, then userinfo with the token in the query.
        browser.authorize(Authorization.web().set("prompt", "none").set("id_token_hint", idToken)
                .set("login_hint", Authorization.BOB));
        Server.send(HttpRequest.newBuilder(URI.create(Oidc.USERINFO_ENDPOINT + "?access_token="
                + Server.form(accessToken))).GET().build());
        Oidc.userInfoHttp(accessToken);

        // RP-initiated logout by GET, as express-openid-connect sends it: the ID token is in the query.
        browser.get(Server.ISSUER + "/oauth/logout?" + Server.form(Map.of("id_token_hint", idToken,
                "post_logout_redirect_uri", Authorization.WEB_SIGNED_OUT, "state", "log-scan")));
    }

    /** The access logs under {@code logs} once one of them records {@code path}; none if none does in time. */
    private static List<Path> awaitAccessLog(Path logs, String path) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + ACCESS_LOG_WAIT_MILLIS;
        boolean anyAccessLog;
        do {
            List<Path> accessLogs = files(logs).stream()
                    .filter(file -> file.getFileName().toString().contains("access")).toList();
            anyAccessLog = !accessLogs.isEmpty();
            for (Path file : accessLogs) {
                if (Files.readString(file, StandardCharsets.ISO_8859_1).contains(path)) {
                    return accessLogs;
                }
            }
            Thread.sleep(500);
        } while (anyAccessLog && System.currentTimeMillis() < deadline);
        return List.of();
    }

    private static List<Path> files(Path logs) throws IOException {
        try (Stream<Path> walk = Files.walk(logs)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }
}
