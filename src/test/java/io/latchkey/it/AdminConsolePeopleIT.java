package io.latchkey.it;

import static io.latchkey.it.ConsoleSession.ADMIN;
import static io.latchkey.it.ConsoleSession.ADMIN_PASSWORD;
import static io.latchkey.it.ConsoleSession.PAT_APP;
import static io.latchkey.it.ConsoleSession.PERSON;
import static io.latchkey.it.ConsoleSession.PERSON_PASSWORD;
import static io.latchkey.it.ConsoleSession.age;
import static io.latchkey.it.ConsoleSession.csrfOf;
import static io.latchkey.it.ConsoleSession.hiddenFieldsOf;
import static io.latchkey.it.ConsoleSession.introspect;
import static io.latchkey.it.ConsoleSession.linkOf;
import static io.latchkey.it.ConsoleSession.personalToken;
import static io.latchkey.it.ConsoleSession.signedIn;
import static io.latchkey.it.ConsoleSession.versionOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
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
 * The console's People pages over HTTP: a new person's form keeps what was typed and marks the wrong field, the list
 * searches and pages, and each form acts at once where it matters — a disabled person's session stops working, a
 * reset code works on /account/reset, an unlock lets a throttled person in, an ended session is signed out, a
 * revoked token is inactive at /oauth/introspect. Making someone an administrator needs a recent sign-in; nobody
 * disables or demotes themselves; forms without their csrf field and non-administrators are refused.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdminConsolePeopleIT {
    /** People made here carry this run's mark: the server's database outlives a test run. */
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);
    private static final String PEOPLE = Server.ISSUER + "/admin/people";

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.war();
    }

    @Test
    void theNewPersonFormKeepsWhatWasTypedButThePasswordMarksTheWrongFieldThenCreates() {
        CookieBrowser admin = signedIn(ADMIN, ADMIN_PASSWORD);
        HttpResponse<String> form = admin.get(PEOPLE + "/new");
        assertEquals(200, form.statusCode(), form::body);
        String username = "pp-new-" + RUN;
        String password = IssuedSecrets.remember("pp-new-password-0123");
        Map<String, String> fields = new HashMap<>(Map.of("csrf", csrfOf(form), "username", username,
                "name", "Typed Name", "email", "not-an-email", "password", password));

        HttpResponse<String> refused = admin.post(PEOPLE, fields);
        assertEquals(400, refused.statusCode(), refused::body);
        assertTrue(Pattern.compile("<input id=\"email\"[^>]*value=\"not-an-email\"[^>]*aria-invalid=\"true\""
                + "[^>]*aria-describedby=\"email-error\"").matcher(refused.body()).find(), refused::body);
        assertTrue(refused.body().contains("id=\"email-error\">is not an email address"), refused::body);
        assertTrue(refused.body().contains("value=\"Typed Name\""), "what was typed is kept: " + refused.body());
        assertTrue(refused.body().contains("value=\"" + username + "\""), refused::body);
        assertFalse(refused.body().contains(password), "the password is never shown again");
        assertFalse(Pattern.compile("<input id=\"name\"[^>]*aria-invalid").matcher(refused.body()).find(),
                "only the wrong field is marked");
        assertEquals(404, admin.get(PEOPLE + "/" + username).statusCode(), "nothing was created");

        fields.put("email", username + "@example.com");
        HttpResponse<String> created = admin.post(PEOPLE, fields);
        assertEquals(201, created.statusCode(), created::body);
        assertTrue(created.body().contains("id=\"username\">" + username + "<"), created::body);
        assertTrue(created.body().contains("id=\"status\">enabled<"), created::body);
        assertEquals(200, signInStatus(username, password), "the password given signs in");

        HttpResponse<String> again = admin.post(PEOPLE, fields);
        assertEquals(409, again.statusCode(), again::body);
        assertTrue(again.body().contains("id=\"username-error\">is already the username of someone else"),
                again::body);
    }

    @Test
    void theListSearchesFiltersAndPages() {
        CookieBrowser admin = signedIn(ADMIN, ADMIN_PASSWORD);
        String prefix = "pp-list-" + RUN + "-";
        for (int i = 0; i < 52; i++) {
            created(admin, prefix + String.format("%02d", i), null);
        }
        HttpResponse<String> first = admin.get(PEOPLE + "?q=" + Server.form(prefix));
        assertEquals(200, first.statusCode(), first::body);
        List<String> onFirst = listed(first.body(), prefix);
        assertEquals(50, onFirst.size(), first::body);
        assertEquals(prefix + "00", onFirst.get(0), "username order");
        Matcher next = Pattern.compile("id=\"next-page\" href=\"([^\"]+)\"").matcher(first.body());
        assertTrue(next.find(), first::body);
        HttpResponse<String> second = admin.get(URI.create(Server.ISSUER).resolve(next.group(1).replace("&amp;", "&")));
        assertEquals(List.of(prefix + "50", prefix + "51"), listed(second.body(), prefix), second::body);
        assertFalse(second.body().contains("id=\"next-page\""), "the last page");

        assertEquals(List.of(), listed(admin.get(PEOPLE + "?role=admin&q=" + Server.form(prefix)).body(), prefix));
        String admins = admin.get(PEOPLE + "?role=admin").body();
        assertTrue(admins.contains(">" + ADMIN + "</a>"), admins);
        assertFalse(admins.contains(">" + PERSON + "</a>"), admins);
        String disabled = admin.get(PEOPLE + "?status=disabled&q=" + Server.form(prefix)).body();
        assertEquals(List.of(), listed(disabled, prefix), disabled);
    }

    @Test
    void disablingSignsThePersonOutAtOnceAndAStaleFormIsRefusedWithTheCurrentState() {
        String username = "pp-disable-" + RUN;
        String password = IssuedSecrets.remember("pp-disable-password-0123");
        CookieBrowser admin = signedIn(ADMIN, ADMIN_PASSWORD);
        created(admin, username, password);
        CookieBrowser person = signedIn(username, password);
        assertEquals(200, person.get(Server.ISSUER + "/account/tokens").statusCode());

        HttpResponse<String> page = admin.get(PEOPLE + "/" + username);
        String version = versionOf(page);
        HttpResponse<String> disabled = admin.post(PEOPLE + "/" + username + "/enabled",
                Map.of("csrf", csrfOf(page), "enabled", "false", "version", version));
        assertEquals(200, disabled.statusCode(), disabled::body);
        assertTrue(disabled.body().contains("id=\"status\">disabled<"), disabled::body);
        assertEquals(303, person.get(Server.ISSUER + "/account/tokens").statusCode(), "their session stopped");
        assertEquals(401, signInStatus(username, password), "and they cannot sign in again");

        HttpResponse<String> stale = admin.post(PEOPLE + "/" + username + "/enabled",
                Map.of("csrf", csrfOf(page), "enabled", "true", "version", version));
        assertEquals(409, stale.statusCode(), stale::body);
        assertTrue(stale.body().contains("Someone changed this person meanwhile"), stale::body);
        assertTrue(stale.body().contains("id=\"status\">disabled<"), "the current state: " + stale.body());
        HttpResponse<String> enabled = admin.post(PEOPLE + "/" + username + "/enabled",
                Map.of("csrf", csrfOf(stale), "enabled", "true", "version", versionOf(stale)));
        assertEquals(200, enabled.statusCode(), enabled::body);
        assertEquals(200, signInStatus(username, password));
    }

    @Test
    void theProfileFormKeepsWhatWasTypedMarksTheWrongFieldThenSaves() {
        String username = "pp-profile-" + RUN;
        CookieBrowser admin = signedIn(ADMIN, ADMIN_PASSWORD);
        created(admin, username, null);
        HttpResponse<String> page = admin.get(PEOPLE + "/" + username);
        Map<String, String> fields = new HashMap<>(Map.of("csrf", csrfOf(page), "version", versionOf(page),
                "name", "Renamed Person", "email", "still not an email", "email_verified", "yes"));

        HttpResponse<String> refused = admin.post(PEOPLE + "/" + username + "/profile", fields);
        assertEquals(400, refused.statusCode(), refused::body);
        assertTrue(Pattern.compile("<input id=\"email\"[^>]*value=\"still not an email\"[^>]*aria-invalid=\"true\"")
                .matcher(refused.body()).find(), refused::body);
        assertTrue(refused.body().contains("value=\"Renamed Person\""), "what was typed is kept: " + refused.body());
        assertTrue(refused.body().contains("<h1>Person " + username + "</h1>"), "nothing saved: " + refused.body());

        fields.put("email", username + "@example.com");
        HttpResponse<String> saved = admin.post(PEOPLE + "/" + username + "/profile", fields);
        assertEquals(200, saved.statusCode(), saved::body);
        assertTrue(saved.body().contains("<h1>Renamed Person</h1>"), saved::body);
        assertTrue(saved.body().contains(username + "@example.com (verified)"), saved::body);
        HttpResponse<String> stale = admin.post(PEOPLE + "/" + username + "/profile", fields);
        assertEquals(409, stale.statusCode(), "the same form again is stale: " + stale.body());
    }

    @Test
    void anAdministratorCannotDisableOrDemoteThemselves() {
        CookieBrowser admin = signedIn(ADMIN, ADMIN_PASSWORD);
        HttpResponse<String> page = admin.get(PEOPLE + "/" + ADMIN);
        assertEquals(200, page.statusCode(), page::body);
        assertFalse(page.body().contains("/admin/people/" + ADMIN + "/enabled\""), "no such button for oneself");
        HttpResponse<String> disable = admin.post(PEOPLE + "/" + ADMIN + "/enabled",
                Map.of("csrf", csrfOf(page), "enabled", "false", "version", versionOf(page)));
        assertEquals(409, disable.statusCode(), disable::body);
        assertTrue(disable.body().contains("You cannot disable your own account"), disable::body);
        HttpResponse<String> demote = admin.post(PEOPLE + "/" + ADMIN + "/admin",
                Map.of("csrf", csrfOf(page), "admin", "false", "version", versionOf(page)));
        assertEquals(409, demote.statusCode(), demote::body);
        assertTrue(demote.body().contains("You cannot take away your own administrator role"), demote::body);
        HttpResponse<String> after = admin.get(PEOPLE + "/" + ADMIN);
        assertTrue(after.body().contains("id=\"status\">enabled<") && after.body().contains("id=\"role\">administrator<"),
                after::body);
        assertEquals(200, admin.get(Server.ISSUER + "/admin").statusCode(), "still in the console");
    }

    @Test
    void makingSomeoneAnAdministratorOrSettingAPasswordDemandsARecentSignIn() throws Exception {
        String username = "pp-admin-" + RUN;
        String password = IssuedSecrets.remember("pp-admin-password-0123");
        CookieBrowser admin = signedIn(ADMIN, ADMIN_PASSWORD);
        created(admin, username, password);
        HttpResponse<String> page = admin.get(PEOPLE + "/" + username);
        age(admin);

        HttpResponse<String> promote = admin.post(PEOPLE + "/" + username + "/admin",
                Map.of("csrf", csrfOf(page), "admin", "true", "version", versionOf(page)));
        assertEquals(Server.ISSUER + "/admin/sign-in?return_to=%2Fadmin%2Fpeople%2F" + username,
                CookieBrowser.seeOther(promote));
        String fresh = IssuedSecrets.remember("pp-admin-new-password-0123");
        HttpResponse<String> setPassword = admin.post(PEOPLE + "/" + username + "/password",
                Map.of("csrf", csrfOf(page), "password", fresh));
        assertEquals(303, setPassword.statusCode(), setPassword::body);
        assertEquals(200, signInStatus(username, password), "nothing changed");
        assertEquals(403, signedIn(username, password).get(Server.ISSUER + "/admin").statusCode());

        HttpResponse<String> again = admin.post(Server.ISSUER + "/admin/sign-in", Map.of("csrf", csrfOf(page),
                "return_to", "/admin/people/" + username, "password", ADMIN_PASSWORD));
        assertEquals(PEOPLE + "/" + username, CookieBrowser.seeOther(again));
        HttpResponse<String> promoted = admin.post(PEOPLE + "/" + username + "/admin",
                Map.of("csrf", csrfOf(page), "admin", "true", "version", versionOf(page)));
        assertEquals(200, promoted.statusCode(), promoted::body);
        assertTrue(promoted.body().contains("id=\"role\">administrator<"), promoted::body);
        assertEquals(200, signedIn(username, password).get(Server.ISSUER + "/admin").statusCode());

        HttpResponse<String> weak = admin.post(PEOPLE + "/" + username + "/password",
                Map.of("csrf", csrfOf(page), "password", "short-0123"));
        assertEquals(400, weak.statusCode(), weak::body);
        assertTrue(Pattern.compile("<input id=\"password\"[^>]*aria-invalid=\"true\"[^>]*aria-describedby=\"password-error\"")
                .matcher(weak.body()).find(), weak::body);
        assertTrue(weak.body().contains("id=\"password-error\">must be at least 12 characters"), weak::body);
        assertFalse(weak.body().contains("short-0123"), "never echoed");
        HttpResponse<String> set = admin.post(PEOPLE + "/" + username + "/password",
                Map.of("csrf", csrfOf(page), "password", fresh));
        assertEquals(200, set.statusCode(), set::body);
        assertEquals(200, signInStatus(username, fresh));
        assertEquals(401, signInStatus(username, password), "the old password no longer works");

        HttpResponse<String> demoted = admin.post(PEOPLE + "/" + username + "/admin",
                Map.of("csrf", csrfOf(set), "admin", "false", "version", versionOf(set)));
        assertEquals(200, demoted.statusCode(), demoted::body);
        assertTrue(demoted.body().contains("id=\"role\">not an administrator<"), demoted::body);
    }

    @Test
    void aResetCodeIsShownOnceAndSetsAPasswordOnTheResetPage() {
        String username = "pp-reset-" + RUN;
        CookieBrowser admin = signedIn(ADMIN, ADMIN_PASSWORD);
        created(admin, username, null);
        HttpResponse<String> page = admin.get(PEOPLE + "/" + username);
        HttpResponse<String> issued = admin.post(PEOPLE + "/" + username + "/reset-code", Map.of("csrf", csrfOf(page)));
        assertEquals(200, issued.statusCode(), issued::body);
        Matcher code = Pattern.compile("id=\"reset-code\"[^>]*value=\"([A-Z2-7-]+)\"").matcher(issued.body());
        assertTrue(code.find(), issued::body);
        String value = IssuedSecrets.remember(code.group(1));
        assertTrue(issued.body().contains(Server.ISSUER + "/account/reset"), issued::body);
        assertFalse(admin.get(PEOPLE + "/" + username).body().contains(value), "shown only once");

        String fresh = IssuedSecrets.remember("pp-reset-new-password-0123");
        CookieBrowser person = new CookieBrowser();
        String csrf = CookieBrowser.form(person.get(Server.ISSUER + "/account/reset")).field("csrf");
        HttpResponse<String> reset = person.post(Server.ISSUER + "/account/reset", Map.of("csrf", csrf,
                "username", username, "code", value, "password", fresh, "password_confirmation", fresh));
        assertEquals(200, reset.statusCode(), reset::body);
        assertEquals(200, signInStatus(username, fresh));
    }

    @Test
    void unlockLetsAThrottledPersonInAtOnce() {
        String username = "pp-locked-" + RUN;
        String password = IssuedSecrets.remember("pp-locked-password-0123");
        CookieBrowser admin = signedIn(ADMIN, ADMIN_PASSWORD);
        created(admin, username, password);
        CookieBrowser browser = new CookieBrowser();
        String csrf = CookieBrowser.form(browser.get(Server.ISSUER + "/login")).field("csrf");
        int status = 0;
        for (int attempt = 1; attempt <= 10 && status != 429; attempt++) {
            status = browser.post(Server.ISSUER + "/login", Map.of("csrf", csrf, "username", username,
                    "password", IssuedSecrets.remember("pp-wrong-password-" + attempt))).statusCode();
        }
        assertEquals(429, status, "wrong passwords throttle the person");
        assertEquals(429, signInStatus(username, password), "even the right password waits");

        HttpResponse<String> page = admin.get(PEOPLE + "/" + username);
        HttpResponse<String> unlocked = admin.post(PEOPLE + "/" + username + "/unlock", Map.of("csrf", csrfOf(page)));
        assertEquals(200, unlocked.statusCode(), unlocked::body);
        assertTrue(unlocked.body().contains("The failed sign-ins were forgotten"), unlocked::body);
        assertEquals(200, signInStatus(username, password), "unlocked, the right password signs in at once");
    }

    @Test
    void endingASessionSignsThatBrowserOutAndEndingAllSignsOutEveryOne() {
        String username = "pp-session-" + RUN;
        String password = IssuedSecrets.remember("pp-session-password-0123");
        CookieBrowser admin = signedIn(ADMIN, ADMIN_PASSWORD);
        created(admin, username, password);
        CookieBrowser laptop = signedIn(username, password);
        HttpResponse<String> page = admin.get(PEOPLE + "/" + username);
        List<String> sids = Pattern.compile("name=\"sid\" value=\"([A-Za-z0-9_-]{10,})\"").matcher(page.body())
                .results().map(m -> m.group(1)).toList();
        assertEquals(1, sids.size(), page::body);

        CookieBrowser phone = signedIn(username, password);
        HttpResponse<String> ended = admin.post(PEOPLE + "/" + username + "/sessions/end",
                Map.of("csrf", csrfOf(page), "sid", sids.get(0)));
        assertEquals(200, ended.statusCode(), ended::body);
        assertTrue(ended.body().contains("The session was ended."), ended::body);
        assertEquals(303, laptop.get(Server.ISSUER + "/account/tokens").statusCode(), "that browser is signed out");
        assertEquals(200, phone.get(Server.ISSUER + "/account/tokens").statusCode(), "the other is not");

        HttpResponse<String> all = admin.post(PEOPLE + "/" + username + "/sessions/end",
                Map.of("csrf", csrfOf(ended), "sid", "all"));
        assertEquals(200, all.statusCode(), all::body);
        assertTrue(all.body().contains("1 session was ended."), all::body);
        assertEquals(303, phone.get(Server.ISSUER + "/account/tokens").statusCode());
        assertTrue(all.body().contains("Not signed in anywhere."), all::body);
    }

    @Test
    void aPersonsTokensPageThroughEveryOneKeepingTheOtherTablesPlacesAndOneOnALaterPageIsRevoked() {
        CookieBrowser admin = signedIn(ADMIN, ADMIN_PASSWORD);
        Person someone = newPerson(admin, "pp-pages-");
        String username = someone.username();
        for (String name : List.of("first", "second", "third")) {
            personalToken(someone.browser(), "paged " + name, PAT_APP, "openid");
        }
        String page = PEOPLE + "/" + username;

        HttpResponse<String> newest = admin.get(page + "?limit=2&families_offset=4");
        assertEquals(200, newest.statusCode(), newest::body);
        assertTrue(newest.body().contains("Showing 1–2 of 3"), newest::body);
        assertTrue(newest.body().contains("paged third") && newest.body().contains("paged second"), newest::body);
        assertFalse(newest.body().contains("paged first"), "only two rows: " + newest.body());
        assertTrue(newest.body().contains("No live refresh token."), "a position past the end shows the first rows");
        String olderPage = linkOf(newest, "tokens-older");
        assertTrue(olderPage.endsWith("/admin/people/" + username + "?tokens_offset=2&families_offset=4&limit=2"
                + "#tokens-heading"), "the other table's place and the limit are kept: " + olderPage);
        assertFalse(newest.body().contains("id=\"tokens-newer\""), newest::body);

        HttpResponse<String> oldest = admin.get(URI.create(Server.ISSUER).resolve(olderPage).toString());
        assertEquals(200, oldest.statusCode(), oldest::body);
        assertTrue(oldest.body().contains("Showing 3–3 of 3"), oldest::body);
        assertTrue(oldest.body().contains("paged first") && !oldest.body().contains("paged second"), oldest::body);
        assertTrue(oldest.body().contains("id=\"tokens-newer\""), oldest::body);
        assertFalse(oldest.body().contains("id=\"tokens-older\""), oldest::body);

        Matcher id = Pattern.compile("name=\"id\" value=\"([A-Za-z0-9_-]{8})\"").matcher(oldest.body());
        assertTrue(id.find(), oldest::body);
        HttpResponse<String> revoked = admin.post(page + "/tokens/revoke",
                Map.of("csrf", csrfOf(oldest), "id", id.group(1)));
        assertEquals(200, revoked.statusCode(), revoked::body);
        assertTrue(revoked.body().contains("The token was revoked."), revoked::body);
        assertFalse(revoked.body().contains("paged first"), revoked::body);
        assertFalse(revoked.body().contains("id=\"tokens-older\""), "two tokens fit on a page: " + revoked.body());
    }

    @Test
    void aTokenRevokedFromALaterPageAnswersWithEveryTableWhereItWas() {
        CookieBrowser admin = signedIn(ADMIN, ADMIN_PASSWORD);
        Person someone = newPerson(admin, "pp-revoke-");
        for (String name : List.of("first", "second", "third")) {
            personalToken(someone.browser(), "kept " + name, PAT_APP, "openid");
        }
        String page = PEOPLE + "/" + someone.username();
        HttpResponse<String> middle = admin.get(page + "?limit=1&tokens_offset=1&families_offset=4");
        assertTrue(middle.body().contains("kept second") && middle.body().contains("Showing 2–2 of 3"), middle::body);

        Map<String, String> form = hiddenFieldsOf(middle, "/tokens/revoke");
        assertEquals("1", form.get("tokens_offset"), () -> "the form carries the tables' positions: " + form);
        HttpResponse<String> revoked = admin.post(page + "/tokens/revoke", form);

        assertEquals(200, revoked.statusCode(), revoked::body);
        assertTrue(revoked.body().contains("The token was revoked."), revoked::body);
        assertTrue(revoked.body().contains("Showing 2–2 of 2"), () -> "still the second row: " + revoked.body());
        assertTrue(revoked.body().contains("kept first") && !revoked.body().contains("kept third"), revoked::body);
        assertTrue(linkOf(revoked, "tokens-newer").endsWith("?families_offset=4&limit=1#tokens-heading"),
                () -> "the other table's place and the limit are kept: " + linkOf(revoked, "tokens-newer"));
    }

    @Test
    void aTokenPastAPersonsFirst200IsRevokedFromTheirPage() {
        CookieBrowser admin = signedIn(ADMIN, ADMIN_PASSWORD);
        Person someone = newPerson(admin, "pp-many-");
        String csrf = CookieBrowser.form(someone.browser().get(Server.ISSUER + "/account/tokens")).field("csrf");
        Pattern pat = Pattern.compile("lk_pat_[0-9A-Za-z]{49}");
        for (int i = 0; i < 201; i++) {
            HttpResponse<String> made = someone.browser().post(Server.ISSUER + "/account/tokens", Map.of("csrf", csrf,
                    "kind", "pat", "name", "many " + i, "client_id", PAT_APP, "scope", "openid", "lifetime_days", "7"));
            Matcher value = pat.matcher(made.body());
            assertTrue(value.find(), made::body);
            IssuedSecrets.remember(value.group());
        }
        String page = PEOPLE + "/" + someone.username();
        HttpResponse<String> last = admin.get(page + "?tokens_offset=200");
        assertTrue(last.body().contains("Showing 201–201 of 201"), last::body);
        Matcher id = Pattern.compile("name=\"id\" value=\"([A-Za-z0-9_-]{8})\"").matcher(last.body());
        assertTrue(id.find(), last::body);

        HttpResponse<String> revoked = admin.post(page + "/tokens/revoke", Map.of("csrf", csrfOf(last),
                "id", id.group(1)));
        assertEquals(200, revoked.statusCode(), "theirs, though not among their newest 200: " + revoked.body());
        assertTrue(revoked.body().contains("The token was revoked."), revoked::body);
        assertTrue(revoked.body().contains("Showing 1–50 of 200"), revoked::body);

        // The suite shares one database: the other 200 go with a disable.
        HttpResponse<String> disabled = admin.post(page + "/enabled", Map.of("csrf", csrfOf(revoked),
                "version", versionOf(revoked), "enabled", "false"));
        assertEquals(200, disabled.statusCode(), disabled::body);
        assertTrue(disabled.body().contains("No live personal or service access token."), disabled::body);
    }

    @Test
    void deletingAPersonWantsTheBoxAndARecentSignInNeverOneselfAndTakesWhatTheyHeld() throws Exception {
        CookieBrowser admin = signedIn(ADMIN, ADMIN_PASSWORD);
        Person someone = newPerson(admin, "pp-delete-");
        String username = someone.username();
        CookieBrowser person = someone.browser();
        String token = personalToken(person, "doomed", PAT_APP, "openid");
        String page = PEOPLE + "/" + username;
        HttpResponse<String> shown = admin.get(page);
        assertTrue(shown.body().contains("Delete the person"), shown::body);
        Map<String, String> fields = new HashMap<>(Map.of("csrf", csrfOf(shown), "version", versionOf(shown)));

        HttpResponse<String> unticked = admin.post(page + "/delete", fields);
        assertEquals(400, unticked.statusCode(), unticked::body);
        assertTrue(unticked.body().contains("Tick the box"), unticked::body);
        fields.put("confirm", "yes");
        HttpResponse<String> deleted = admin.post(page + "/delete", fields);
        assertEquals(PEOPLE, CookieBrowser.seeOther(deleted), "back to the list");
        assertEquals(404, admin.get(page).statusCode());
        assertEquals(Map.of("active", false), introspect(token), "their token went with them");
        assertEquals(303, person.get(Server.ISSUER + "/account/tokens").statusCode(), "and their session");
        assertEquals(401, signInStatus(username, someone.password()));

        HttpResponse<String> me = admin.get(PEOPLE + "/" + ADMIN);
        assertFalse(me.body().contains("Delete the person"), "no delete form for oneself: " + me.body());
        HttpResponse<String> myself = admin.post(PEOPLE + "/" + ADMIN + "/delete", Map.of("csrf", csrfOf(me),
                "version", versionOf(me), "confirm", "yes"));
        assertEquals(409, myself.statusCode(), myself::body);
        assertTrue(myself.body().contains("nobody can delete their own account"), myself::body);

        // An hour-old sign-in signs in again first (the Tomcat suite only: it ages the session in its database).
        String other = "pp-delete-aged-" + RUN;
        created(admin, other, null);
        HttpResponse<String> otherPage = admin.get(PEOPLE + "/" + other);
        age(admin);
        HttpResponse<String> aged = admin.post(PEOPLE + "/" + other + "/delete", Map.of("csrf", csrfOf(otherPage),
                "version", versionOf(otherPage), "confirm", "yes"));
        assertEquals(Server.ISSUER + "/admin/sign-in?return_to=%2Fadmin%2Fpeople%2F" + other,
                CookieBrowser.seeOther(aged));
        assertEquals(200, admin.get(PEOPLE + "/" + other).statusCode(), "nothing deleted");
    }

    @Test
    void aRevokedTokenIsInactiveAtIntrospection() throws Exception {
        CookieBrowser admin = signedIn(ADMIN, ADMIN_PASSWORD);
        Person someone = newPerson(admin, "pp-token-");
        String username = someone.username();
        String token = personalToken(someone.browser(), "laptop", PAT_APP, "openid");
        assertEquals(true, introspect(token).get("active"));

        HttpResponse<String> page = admin.get(PEOPLE + "/" + username);
        Matcher id = Pattern.compile("name=\"id\" value=\"([A-Za-z0-9_-]{8})\"").matcher(page.body());
        assertTrue(id.find(), page::body);
        assertFalse(page.body().contains(token), "never the token itself");
        HttpResponse<String> notTheirs = admin.post(PEOPLE + "/" + PERSON + "/tokens/revoke",
                Map.of("csrf", csrfOf(page), "id", id.group(1)));
        assertEquals(404, notTheirs.statusCode(), "only this person's tokens: " + notTheirs.body());
        assertEquals(true, introspect(token).get("active"));

        HttpResponse<String> revoked = admin.post(PEOPLE + "/" + username + "/tokens/revoke",
                Map.of("csrf", csrfOf(page), "id", id.group(1)));
        assertEquals(200, revoked.statusCode(), revoked::body);
        assertTrue(revoked.body().contains("The token was revoked."), revoked::body);
        assertEquals(Map.of("active", false), introspect(token));
    }

    @Test
    void revokingTheRefreshTokensOrTheConsentRefusesTheRefreshTokenAtOnce() throws Exception {
        String username = "pp-consent-" + RUN;
        String password = IssuedSecrets.remember("pp-consent-password-0123");
        CookieBrowser admin = signedIn(ADMIN, ADMIN_PASSWORD);
        created(admin, username, password);
        String first = refreshTokenOf(username, password);
        HttpResponse<String> page = admin.get(PEOPLE + "/" + username);
        assertTrue(page.body().contains("name=\"client_id\" value=\"" + Server.WEB_ID + "\""), "the consent: "
                + page.body());
        assertTrue(page.body().contains("/refresh-tokens/revoke\""), "a family: " + page.body());

        HttpResponse<String> families = admin.post(PEOPLE + "/" + username + "/refresh-tokens/revoke",
                Map.of("csrf", csrfOf(page)));
        assertEquals(200, families.statusCode(), families::body);
        assertTrue(families.body().contains("1 sign-in grant was revoked."), families::body);
        assertEquals(400, refresh(first).statusCode(), "the family is revoked");
        assertTrue(families.body().contains("No live refresh token."), families::body);

        String second = refreshTokenOf(username, password);
        HttpResponse<String> consent = admin.post(PEOPLE + "/" + username + "/consents/revoke",
                Map.of("csrf", csrfOf(page), "client_id", Server.WEB_ID));
        assertEquals(200, consent.statusCode(), consent::body);
        assertTrue(consent.body().contains("The consent was revoked"), consent::body);
        assertTrue(consent.body().contains("No consent."), consent::body);
        assertEquals(400, refresh(second).statusCode(), "the consent took the application's tokens with it");
    }

    @Test
    void everyFormIsRefusedWithoutItsCsrfFieldOrFromAnotherSite() {
        String username = "pp-csrf-" + RUN;
        String password = IssuedSecrets.remember("pp-csrf-password-0123");
        CookieBrowser admin = signedIn(ADMIN, ADMIN_PASSWORD);
        created(admin, username, password);
        String page = PEOPLE + "/" + username;
        HttpResponse<String> shown = admin.get(page);
        String csrf = csrfOf(shown);
        String version = versionOf(shown);
        for (String action : new String[] {"/enabled", "/admin", "/password", "/reset-code", "/unlock", "/profile",
                "/sessions/end", "/tokens/revoke", "/consents/revoke", "/refresh-tokens/revoke"}) {
            Map<String, String> fields = Map.of("enabled", "false", "admin", "true", "version", version,
                    "password", "forged-password-0123", "name", "Forged", "sid", "all");
            assertEquals(403, admin.post(page + action, fields).statusCode(), action);
            Map<String, String> wrong = new HashMap<>(fields);
            wrong.put("csrf", csrf + "x");
            assertEquals(403, admin.post(page + action, wrong).statusCode(), action);
            HttpResponse<String> foreign = admin.send(HttpRequest.newBuilder(URI.create(page + action))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", "https://evil.example")
                    .POST(HttpRequest.BodyPublishers.ofString("csrf=" + csrf + "&enabled=false&version=" + version))
                    .build());
            assertEquals(403, foreign.statusCode(), action);
        }
        assertEquals(403, admin.post(PEOPLE, Map.of("username", "pp-forged-" + RUN)).statusCode());
        assertEquals(404, admin.get(PEOPLE + "/pp-forged-" + RUN).statusCode());
        HttpResponse<String> after = admin.get(page);
        assertTrue(after.body().contains("id=\"status\">enabled<"), after::body);
        assertTrue(after.body().contains("id=\"role\">not an administrator<"), after::body);
        assertEquals(version, versionOf(after), "nothing changed");
        assertEquals(200, signInStatus(username, password));
    }

    @Test
    void someoneWhoIsNotAnAdministratorIsRefusedEveryPageAndForm() {
        CookieBrowser person = signedIn(PERSON, PERSON_PASSWORD);
        for (String page : new String[] {"/admin/people", "/admin/people/new", "/admin/people/" + ADMIN}) {
            HttpResponse<String> response = person.get(Server.ISSUER + page);
            assertEquals(403, response.statusCode(), page);
            assertTrue(response.body().contains("Only administrators may use the console"), response::body);
        }
        String csrf = CookieBrowser.form(person.get(Server.ISSUER + "/account/tokens")).field("csrf");
        HttpResponse<String> promote = person.post(PEOPLE + "/" + PERSON + "/admin",
                Map.of("csrf", csrf, "admin", "true", "version", "0"));
        assertEquals(403, promote.statusCode(), promote::body);
        HttpResponse<String> create = person.post(PEOPLE, Map.of("csrf", csrf, "username", "pp-by-person-" + RUN));
        assertEquals(403, create.statusCode(), create::body);
        CookieBrowser admin = signedIn(ADMIN, ADMIN_PASSWORD);
        assertEquals(404, admin.get(PEOPLE + "/pp-by-person-" + RUN).statusCode());
        assertTrue(admin.get(PEOPLE + "/" + PERSON).body().contains("id=\"role\">not an administrator<"));
    }

    // ---- helpers ----

    /** The person signs in to the web application with offline_access (consenting); its refresh token. */
    private static String refreshTokenOf(String username, String password) throws Exception {
        CookieBrowser browser = new CookieBrowser();
        Authorization request = Authorization.web();
        URI redirect = browser.signIn(request, username, password);
        OIDCTokens tokens = Oidc.redeem(Oidc.RpClient.WEB, CookieBrowser.code(redirect, request),
                request.redirectUri(), request.verifier());
        IssuedSecrets.remember(tokens.getAccessToken().getValue());
        return IssuedSecrets.remember(tokens.getRefreshToken().getValue());
    }

    private static HttpResponse<String> refresh(String refreshToken) {
        return Server.token(Server.WEB_ID, Server.WEB_SECRET, "grant_type=refresh_token&refresh_token="
                + Server.form(refreshToken));
    }

    /** A person made through the console's form, and their own browser signed in. */
    private record Person(String username, String password, CookieBrowser browser) {
    }

    /** A new person named {@code prefix} and this run's mark, with a password, signed in. */
    private static Person newPerson(CookieBrowser admin, String prefix) {
        String username = prefix + RUN;
        String password = IssuedSecrets.remember(prefix + "password-0123");
        created(admin, username, password);
        return new Person(username, password, signedIn(username, password));
    }

    /** A new person made through the console's form, with this password (or none). */
    private static void created(CookieBrowser admin, String username, String password) {
        HttpResponse<String> form = admin.get(PEOPLE + "/new");
        Map<String, String> fields = new HashMap<>(Map.of("csrf", csrfOf(form), "username", username,
                "name", "Person " + username));
        if (password != null) {
            fields.put("password", password);
        }
        HttpResponse<String> created = admin.post(PEOPLE, fields);
        assertEquals(201, created.statusCode(), created::body);
    }

    /** The usernames a list page shows that start with {@code prefix}, in the page's order. */
    private static List<String> listed(String body, String prefix) {
        return Pattern.compile(">(" + Pattern.quote(prefix) + "[0-9]+)</a>").matcher(body).results()
                .map(m -> m.group(1)).toList();
    }

    private static int signInStatus(String username, String password) {
        CookieBrowser browser = new CookieBrowser();
        return browser.submitLogin(browser.get(Server.ISSUER + "/login"), username, password).statusCode();
    }
}
