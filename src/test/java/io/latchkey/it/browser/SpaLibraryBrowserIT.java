package io.latchkey.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.latchkey.it.Deployments;
import io.latchkey.it.IssuedSecrets;
import io.latchkey.it.Oidc;
import io.latchkey.it.Server;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A single-page application built on a relying-party library nobody here wrote, oidc-client-ts (its browser bundle
 * from npm, pinned by src/test/spa/package-lock.json), served from a second loopback origin by a JDK HttpServer,
 * signing a person in through Latchkey in chromium: discovery, code + PKCE, the code exchange and userinfo (all
 * fetches from the SPA's origin, so all CORS), a refresh, and sign-out with revocation. The application is
 * it-spa-library in it-import.json, whose redirect URIs name {@link #PORT}; its web origin is theirs.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SpaLibraryBrowserIT {
    static final int PORT = 19126;
    static final String CLIENT_ID = "it-spa-library";
    static final String BASE = "http://127.0.0.1:" + PORT + "/spa";
    private static final Path PAGES = Path.of("src", "test", "spa");
    private static final Path INSTALL = Path.of("target", "spa-library");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static HttpServer spa;
    /** Its own chromium, without {@link ChromiumBrowserTest}'s relying party: the SPA is the relying party here. */
    private static Chromium chromium;

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.war();
    }

    @BeforeAll
    static void serveTheSpa() throws IOException {
        Path bundle = installLibrary();
        spa = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), PORT), 16);
        spa.createContext("/spa/", exchange -> {
            String name = exchange.getRequestURI().getPath().substring("/spa/".length());
            switch (name) {
                case "index.html", "callback.html" -> send(exchange, "text/html", Files.readAllBytes(PAGES.resolve(name)));
                case "app.js" -> send(exchange, "text/javascript", Files.readAllBytes(PAGES.resolve(name)));
                case "oidc-client-ts.min.js" -> send(exchange, "text/javascript", Files.readAllBytes(bundle));
                case "config.js" -> send(exchange, "text/javascript", ("window.SPA_CONFIG = " + JSONObjectUtils.toJSONString(
                        Map.of("issuer", Server.ISSUER, "clientId", CLIENT_ID, "base", BASE)) + ";\n")
                        .getBytes(StandardCharsets.UTF_8));
                default -> {
                    exchange.sendResponseHeaders(404, -1);
                    exchange.close();
                }
            }
        });
        spa.start();
        chromium = Chromium.start();
    }

    @AfterAll
    static void stopServingTheSpa() {
        if (chromium != null) {
            chromium.close();
        }
        if (spa != null) {
            spa.stop(0);
        }
    }

    /**
     * {@code npm ci} of src/test/spa's package-lock.json into target/spa-library (npm checks every package's
     * integrity against the lock file); done again only when the lock file changed. scripts/test installs npm.
     */
    private static Path installLibrary() throws IOException {
        Path bundle = INSTALL.resolve("node_modules/oidc-client-ts/dist/browser/oidc-client-ts.min.js");
        Path lock = PAGES.resolve("package-lock.json");
        Path installedLock = INSTALL.resolve("package-lock.json");
        if (Files.exists(bundle) && Files.exists(installedLock)
                && Files.mismatch(lock, installedLock) == -1) {
            return bundle;
        }
        Files.createDirectories(INSTALL);
        Files.copy(PAGES.resolve("package.json"), INSTALL.resolve("package.json"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(lock, installedLock, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Process npm;
        try {
            npm = new ProcessBuilder("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund")
                    .directory(INSTALL.toFile()).redirectErrorStream(true)
                    .redirectOutput(INSTALL.resolve("npm-ci.log").toFile()).start();
        } catch (IOException e) {
            throw new AssertionError("npm is needed to install oidc-client-ts for this test (scripts/test installs "
                    + "Debian's npm)", e);
        }
        try {
            if (!npm.waitFor(5, java.util.concurrent.TimeUnit.MINUTES) || npm.exitValue() != 0) {
                npm.destroyForcibly();
                throw new AssertionError("npm ci failed, see " + INSTALL.resolve("npm-ci.log") + ":\n"
                        + Files.readString(INSTALL.resolve("npm-ci.log")));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        assertTrue(Files.exists(bundle), "oidc-client-ts's browser bundle at " + bundle);
        return bundle;
    }

    private static void send(HttpExchange exchange, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(200, body.length);
        try (var out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** The JSON the SPA page shows in {@code #id}, once {@code ready} accepts it. */
    private Map<String, Object> shown(String id, java.util.function.Predicate<Map<String, Object>> ready) {
        try {
            // the page may re-render between finding #id and reading it: a stale element is read again
            return new WebDriverWait(chromium.driver, WAIT)
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
                if (!chromium.url().startsWith(BASE + "/index.html") || !chromium.has("#" + id)) {
                    return null;
                }
                try {
                    Map<String, Object> value = JSONObjectUtils.parse(chromium.find("#" + id).getText());
                    return ready.test(value) ? value : null;
                } catch (java.text.ParseException notYet) {
                    return null;
                }
            });
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("the SPA never showed the expected #" + id + "; at " + chromium.url()
                    + "; console: " + chromium.console() + "; page: " + chromium.driver.getPageSource(), e);
        }
    }

    private Map<String, Object> result(String step) {
        return shown("result", value -> step.equals(value.get("step")) || value.containsKey("error"));
    }

    /** The refresh token oidc-client-ts keeps in localStorage (its user store in app.js). */
    private String storedRefreshToken() {
        Object token = chromium.script("for (let i = 0; i < localStorage.length; i++) {"
                + " const key = localStorage.key(i);"
                + " if (key.startsWith('oidc.user:')) { return JSON.parse(localStorage.getItem(key)).refresh_token; } }"
                + " return null;");
        assertTrue(token instanceof String, "a refresh token in the SPA's user store");
        return IssuedSecrets.remember((String) token);
    }

    @Test
    void anSpaOnOidcClientTsSignsInCallsUserinfoRefreshesAndSignsOutFromItsOwnOrigin() {
        chromium.open(BASE + "/index.html");
        shown("state", state -> Boolean.FALSE.equals(state.get("signedIn")));

        chromium.find("#sign-in").click();
        chromium.signIn("alice", io.latchkey.it.Authorization.ALICE_PASSWORD);
        String url = chromium.waitForUrl(Server.ISSUER + "/consent?", BASE + "/");
        if (url.startsWith(Server.ISSUER + "/consent?")) {
            chromium.decide("allow");
        }
        Map<String, Object> signedIn = shown("state", state -> Boolean.TRUE.equals(state.get("signedIn")));
        assertEquals("alice@example.test", signedIn.get("email"), "claims from the ID token and userinfo: " + signedIn);
        assertEquals(Boolean.TRUE, signedIn.get("hasRefreshToken"), "it-spa-library may hold refresh tokens");

        chromium.find("#userinfo").click();
        Map<String, Object> userinfo = result("userinfo");
        assertEquals(200L, ((Number) userinfo.getOrDefault("status", -1)).longValue(), userinfo.toString());
        assertEquals(signedIn.get("sub"), userinfo.get("sub"));
        assertEquals("alice@example.test", userinfo.get("email"));

        String firstRefreshToken = storedRefreshToken();
        chromium.find("#refresh").click();
        Map<String, Object> refreshed = result("refresh");
        assertEquals(Boolean.TRUE, refreshed.get("newAccessToken"), refreshed.toString());
        assertEquals(Boolean.TRUE, refreshed.get("newRefreshToken"), "public clients' refresh tokens rotate");
        String secondRefreshToken = storedRefreshToken();

        chromium.find("#sign-out").click();
        String after = chromium.waitForUrl(BASE + "/index.html", Server.ISSUER + "/oauth/logout");
        if (after.startsWith(Server.ISSUER + "/oauth/logout")) {
            chromium.find("button[name=confirm][value=yes]").click();
        }
        shown("state", state -> Boolean.FALSE.equals(state.get("signedIn")));

        assertFalse(firstRefreshToken.equals(secondRefreshToken));
        for (String token : List.of(firstRefreshToken, secondRefreshToken)) {
            assertEquals(OAuth2Error.INVALID_GRANT.getCode(), Oidc.error(Oidc.refreshHttp(
                    new Oidc.RpClient(CLIENT_ID, null), token), 400).getCode(),
                    "rotated, then revoked by the SPA at sign-out");
        }
        chromium.find("#sign-in").click();
        chromium.waitForUrl(Server.ISSUER + "/login?");
        assertTrue(chromium.has("input[name=password]"), "the Latchkey session ended: signing in again asks again");
        assertTrue(chromium.console().stream().noneMatch(line -> line.contains("CORS")), chromium.console()::toString);
    }
}
