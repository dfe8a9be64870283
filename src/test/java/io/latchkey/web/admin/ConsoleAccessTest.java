package io.latchkey.web.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.latchkey.account.Account;
import io.latchkey.account.AccountDefinition;
import io.latchkey.error.OAuthException;
import io.latchkey.security.RandomValues;
import io.latchkey.security.SameOriginForms;
import io.latchkey.security.Secret;
import io.latchkey.session.BrowserSession;
import io.latchkey.session.CookieNames;
import io.latchkey.session.CsrfToken;
import io.latchkey.store.Database;
import io.latchkey.testing.SignInWorld;
import io.latchkey.testing.TestDatabase;
import io.latchkey.web.BrowserCookies;
import io.latchkey.web.IssuerUrls;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The console's access rules without a container: who is let in, the csrf check, the recent sign-in. */
class ConsoleAccessTest {
    private static final String ISSUER = "https://id.example.com";
    private static final CookieNames NAMES = new CookieNames("latchkey_session", "latchkey_browser", true);
    private static Database database;
    private SignInWorld world;
    private ConsoleAccess access;
    private final Secret browser = RandomValues.secret256();

    @BeforeAll
    static void openDatabase() {
        database = TestDatabase.open();
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    @BeforeEach
    void newWorld() {
        world = new SignInWorld(database);
        access = new ConsoleAccess(world.accounts, world.sessions,
                new BrowserCookies(NAMES, "", new SameOriginForms(ISSUER)), new IssuerUrls(ISSUER),
                new RecentSignIn(RecentSignIn.DEFAULT_WINDOW, world.clock));
    }

    @Test
    void aSignedOutVisitorIsSentToSignInAndBack() {
        ConsoleAccess.TurnedAway away = assertInstanceOf(ConsoleAccess.TurnedAway.class,
                access.visit(headers(Optional.empty(), Map.of()), "/admin/applications"));
        assertEquals(303, away.response().getStatus());
        assertEquals(ISSUER + "/login?return_to=%2Fadmin%2Fapplications", away.response().getLocation().toString());
    }

    @Test
    void someoneWhoIsNotAnAdministratorGets403AndAnAdministratorIsAdmitted() {
        ConsoleAccess.TurnedAway away = assertInstanceOf(ConsoleAccess.TurnedAway.class,
                access.visit(signedIn(account(false)), "/admin"));
        assertEquals(403, away.response().getStatus());

        Account admin = account(true);
        ConsoleAccess.Admitted admitted = assertInstanceOf(ConsoleAccess.Admitted.class,
                access.visit(signedIn(admin), "/admin"));
        assertEquals(admin.id(), admitted.administrator().account().id());
    }

    @Test
    void aFormWithoutThisBrowsersCsrfFieldIsRefusedBeforeAnythingElse() {
        HttpHeaders headers = signedIn(account(true));
        assertThrows(OAuthException.class, () -> access.post(headers, null, "/admin"));
        assertThrows(OAuthException.class, () -> access.post(headers, CsrfToken.forBrowser(RandomValues.secret256()),
                "/admin"));
        assertInstanceOf(ConsoleAccess.Admitted.class, access.post(headers, CsrfToken.forBrowser(browser), "/admin"));
    }

    @Test
    void aDangerousFormAfterFiveMinutesSendsTheAdministratorToSignInAgainAndBackToTheForm() {
        HttpHeaders headers = signedIn(account(true));
        String csrf = CsrfToken.forBrowser(browser);
        world.clock.advance(Duration.ofMinutes(5));
        assertInstanceOf(ConsoleAccess.Admitted.class, access.dangerousPost(headers, csrf, "/admin/applications/web"));

        world.clock.advance(Duration.ofSeconds(1));
        assertInstanceOf(ConsoleAccess.Admitted.class, access.post(headers, csrf, "/admin"), "an ordinary form is fine");
        ConsoleAccess.TurnedAway away = assertInstanceOf(ConsoleAccess.TurnedAway.class,
                access.dangerousPost(headers, csrf, "/admin/applications/web"));
        assertEquals(303, away.response().getStatus());
        assertEquals(ISSUER + "/admin/sign-in?return_to=%2Fadmin%2Fapplications%2Fweb",
                away.response().getLocation().toString());
    }

    private Account account(boolean admin) {
        String username = "c-" + UUID.randomUUID().toString().substring(0, 12);
        return world.transactions.inTransaction(em -> world.accounts.upsert(em, new AccountDefinition(username,
                Optional.empty(), "Person " + username, Optional.empty(), false, admin, true), world.clock.instant()));
    }

    private HttpHeaders signedIn(Account account) {
        Secret session = world.sessions.start(account.id(), BrowserSession.PASSWORD).cookieValue();
        return headers(Optional.of(session), Map.of());
    }

    private HttpHeaders headers(Optional<Secret> session, Map<String, String> more) {
        Map<String, Cookie> cookies = new java.util.HashMap<>();
        cookies.put(NAMES.browser(), new Cookie.Builder(NAMES.browser()).value(browser.reveal()).build());
        session.ifPresent(s -> cookies.put(NAMES.session(), new Cookie.Builder(NAMES.session()).value(s.reveal()).build()));
        return new HttpHeaders() {
            @Override
            public List<String> getRequestHeader(String name) {
                return more.containsKey(name) ? List.of(more.get(name)) : null;
            }

            @Override
            public String getHeaderString(String name) {
                return more.get(name);
            }

            @Override
            public MultivaluedMap<String, String> getRequestHeaders() {
                MultivaluedMap<String, String> all = new MultivaluedHashMap<>();
                more.forEach(all::add);
                return all;
            }

            @Override
            public List<MediaType> getAcceptableMediaTypes() {
                return List.of(MediaType.TEXT_HTML_TYPE);
            }

            @Override
            public List<Locale> getAcceptableLanguages() {
                return List.of();
            }

            @Override
            public MediaType getMediaType() {
                return null;
            }

            @Override
            public Locale getLanguage() {
                return null;
            }

            @Override
            public Map<String, Cookie> getCookies() {
                return cookies;
            }

            @Override
            public Date getDate() {
                return null;
            }

            @Override
            public int getLength() {
                return -1;
            }
        };
    }
}
