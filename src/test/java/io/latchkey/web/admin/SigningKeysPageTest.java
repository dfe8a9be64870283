package io.latchkey.web.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.latchkey.account.Account;
import io.latchkey.account.AccountDefinition;
import io.latchkey.key.KeyCipher;
import io.latchkey.key.KeyRing;
import io.latchkey.key.KeySchedule;
import io.latchkey.security.RandomValues;
import io.latchkey.security.SameOriginForms;
import io.latchkey.security.Secret;
import io.latchkey.session.BrowserSession;
import io.latchkey.session.CookieNames;
import io.latchkey.session.CsrfToken;
import io.latchkey.store.Database;
import io.latchkey.store.SigningKeyRepository;
import io.latchkey.testing.SignInWorld;
import io.latchkey.testing.TestDatabase;
import io.latchkey.web.BrowserCookies;
import io.latchkey.web.IssuerUrls;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** "Rotate now" and "revoke now" want a recent sign-in: an older session signs in again and nothing changes. */
class SigningKeysPageTest {
    private static final String ISSUER = "https://id.example.com";
    private static final CookieNames NAMES = new CookieNames("latchkey_session", "latchkey_browser", true);
    private static final HttpServletRequest REQUEST = (HttpServletRequest) Proxy.newProxyInstance(
            SigningKeysPageTest.class.getClassLoader(), new Class<?>[] {HttpServletRequest.class},
            (proxy, method, args) -> method.getName().equals("getRemoteAddr") ? "127.0.0.1" : null);
    private Database database;
    private SignInWorld world;
    private KeyRing keys;
    private SigningKeysPage page;
    private final Secret browser = RandomValues.secret256();

    @BeforeEach
    void newWorld() {
        database = TestDatabase.open();
        world = new SignInWorld(database);
        keys = KeyRing.load(database.transactions(), new SigningKeyRepository(), new KeyCipher(new byte[32]),
                event -> { }, world.clock);
        page = new SigningKeysPage(new ConsoleAccess(world.accounts, world.sessions,
                new BrowserCookies(NAMES, "", new SameOriginForms(ISSUER)), new IssuerUrls(ISSUER),
                new RecentSignIn(RecentSignIn.DEFAULT_WINDOW, world.clock)), keys);
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Test
    void rotateNowAfterTheRecentSignInWindowSendsToSignInAgainAndRotatesNothing() {
        HttpHeaders headers = signedInAdministrator();
        List<KeySchedule.Row> before = keys.states();
        world.clock.advance(RecentSignIn.DEFAULT_WINDOW.plus(Duration.ofSeconds(1)));

        Response rotate = page.rotate(form("csrf=" + CsrfToken.forBrowser(browser)), headers, REQUEST);
        assertEquals(303, rotate.getStatus());
        assertEquals(ISSUER + "/admin/sign-in?return_to=%2Fadmin%2Fkeys", rotate.getLocation().toString());
        String kid = before.get(0).kid();
        Response revoke = page.revoke(kid, form("csrf=" + CsrfToken.forBrowser(browser) + "&confirm=yes"), headers,
                REQUEST);
        assertEquals(303, revoke.getStatus());
        assertEquals(before, keys.states(), "nothing rotated or revoked");
    }

    @Test
    void aRecentSignInRotatesAndRevokesOnlyWithTheBoxTicked() {
        HttpHeaders headers = signedInAdministrator();
        String csrf = CsrfToken.forBrowser(browser);
        List<KeySchedule.Row> before = keys.states();
        assertEquals(200, page.rotate(form("csrf=" + csrf), headers, REQUEST).getStatus());
        assertEquals(true, keys.states().stream().anyMatch(row -> row.rotationRequestedAt().isPresent()),
                "rotation asked: " + keys.states());

        String next = keys.states().stream().filter(row -> row.state().equals("next")).findFirst().orElseThrow().kid();
        assertEquals(400, page.revoke(next, form("csrf=" + csrf), headers, REQUEST).getStatus());
        assertEquals(true, keys.states().stream().anyMatch(row -> row.kid().equals(next)));
        assertEquals(200, page.revoke(next, form("csrf=" + csrf + "&confirm=yes"), headers, REQUEST).getStatus());
        assertEquals(false, keys.states().stream().anyMatch(row -> row.kid().equals(next)), "revoked: " + before);
        assertEquals(404, page.revoke("no-such-kid", form("csrf=" + csrf + "&confirm=yes"), headers, REQUEST)
                .getStatus());
    }

    private static ByteArrayInputStream form(String body) {
        return new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
    }

    private HttpHeaders signedInAdministrator() {
        String username = "k-" + UUID.randomUUID().toString().substring(0, 12);
        Account admin = world.transactions.inTransaction(em -> world.accounts.upsert(em, new AccountDefinition(
                username, Optional.empty(), "Admin " + username, Optional.empty(), false, true, true),
                world.clock.instant()));
        Secret session = world.sessions.start(admin.id(), BrowserSession.PASSWORD).cookieValue();
        Map<String, Cookie> cookies = Map.of(
                NAMES.browser(), new Cookie.Builder(NAMES.browser()).value(browser.reveal()).build(),
                NAMES.session(), new Cookie.Builder(NAMES.session()).value(session.reveal()).build());
        Map<String, String> more = Map.of(HttpHeaders.CONTENT_TYPE, "application/x-www-form-urlencoded");
        return (HttpHeaders) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {HttpHeaders.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getCookies" -> cookies;
                    case "getHeaderString" -> more.get((String) args[0]);
                    case "getRequestHeader" -> more.containsKey((String) args[0]) ? List.of(more.get((String) args[0]))
                            : null;
                    case "getRequestHeaders" -> {
                        MultivaluedHashMap<String, String> all = new MultivaluedHashMap<>();
                        more.forEach(all::add);
                        yield all;
                    }
                    default -> null;
                });
    }
}
