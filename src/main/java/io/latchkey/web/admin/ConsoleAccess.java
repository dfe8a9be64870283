package io.latchkey.web.admin;

import io.latchkey.account.Account;
import io.latchkey.account.AccountService;
import io.latchkey.audit.Actor;
import io.latchkey.client.FormParameters;
import io.latchkey.security.ContentSecurityPolicy;
import io.latchkey.security.Secret;
import io.latchkey.security.TransportSecurityFilter;
import io.latchkey.session.BrowserSession;
import io.latchkey.session.BrowserSessions;
import io.latchkey.session.CsrfToken;
import io.latchkey.web.BrowserCookies;
import io.latchkey.web.IssuerUrls;
import io.latchkey.web.LoginPage;
import io.latchkey.web.ReturnTarget;
import io.latchkey.web.View;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Who may use the console: a signed-in, enabled administrator. A signed-out visitor is sent to the sign-in form and
 * comes back ({@link ReturnTarget}); anyone else signed in gets the 403 page. Every form is checked
 * ({@link BrowserCookies#requireForm}: same origin and the {@code csrf} field) before anything else, and the
 * dangerous ones also demand a {@link RecentSignIn}, sending an older session to sign in again first.
 */
public final class ConsoleAccess {
    private final AccountService accounts;
    private final BrowserSessions sessions;
    private final BrowserCookies cookies;
    private final IssuerUrls urls;
    private final RecentSignIn recent;

    public ConsoleAccess(AccountService accounts, BrowserSessions sessions, BrowserCookies cookies, IssuerUrls urls,
                         RecentSignIn recent) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.cookies = cookies;
        this.urls = urls;
        this.recent = recent;
    }

    /** A signed-in administrator, their session and browser cookie (what the csrf field is made from). */
    record Administrator(Account account, BrowserSession session, Secret browser) {
        String csrf() {
            return CsrfToken.forBrowser(browser);
        }

        Actor actor(HttpServletRequest request) {
            return Actor.account(account.subject(), TransportSecurityFilter.requestId(request), request.getRemoteAddr());
        }
    }

    /** Either the administrator, or the answer for anyone else. */
    sealed interface Visit permits Admitted, TurnedAway {
    }

    record Admitted(Administrator administrator) implements Visit {
    }

    record TurnedAway(Response response) implements Visit {
    }

    /** A page visit; {@code returnTo} is where a signed-out visitor comes back to after signing in. */
    Visit visit(HttpHeaders headers, String returnTo) {
        Optional<Secret> browser = cookies.browser(headers);
        Optional<BrowserSession> session = browser.isEmpty() ? Optional.empty()
                : cookies.session(headers).flatMap(sessions::find);
        Optional<Account> account = session.flatMap(s -> accounts.findById(s.accountId())).filter(Account::enabled);
        if (account.isEmpty()) {
            String target = ReturnTarget.of(returnTo).orElse(ConsoleTarget.OVERVIEW);
            return new TurnedAway(Response.seeOther(urls.page("/login", Map.of("return_to", target)))
                    .header(HttpHeaders.CACHE_CONTROL, "no-store").build());
        }
        if (!account.get().admin()) {
            return new TurnedAway(page("admin/forbidden", Map.of("accountName", LoginPage.nameOf(account.get())), 403));
        }
        return new Admitted(new Administrator(account.get(), session.get(), browser.get()));
    }

    /** A form post: refused (403) without this browser's csrf field or from another origin, then as a visit. */
    Visit post(HttpHeaders headers, String csrf, String returnTo) {
        cookies.requireForm(headers, csrf);
        return visit(headers, returnTo);
    }

    /**
     * A form post of a dangerous action: as {@link #post}, and an administrator whose sign-in is not recent is sent
     * to sign in again, then back to {@code formPage} (the page with the form; what was posted is not kept).
     */
    Visit dangerousPost(HttpHeaders headers, String csrf, String formPage) {
        Visit visit = post(headers, csrf, formPage);
        if (visit instanceof Admitted admitted && !recent.holds(admitted.administrator().session())) {
            return new TurnedAway(Response.seeOther(urls.page(ReauthenticationPage.PATH,
                            Map.of("return_to", ConsoleTarget.orOverview(formPage))))
                    .header(HttpHeaders.CACHE_CONTROL, "no-store").build());
        }
        return visit;
    }

    RecentSignIn recent() {
        return recent;
    }

    /** What a page does for an admitted administrator. */
    @FunctionalInterface
    interface PageAction {
        Response render(Administrator administrator);
    }

    /** What a form post does for an admitted administrator, with the form's fields. */
    @FunctionalInterface
    interface FormAction {
        Response act(Administrator administrator, FormParameters form);
    }

    /** A page: {@code action} for an administrator, the sign-in redirect or the 403 page for anyone else. */
    Response page(HttpHeaders headers, String returnTo, PageAction action) {
        return admitted(visit(headers, returnTo), action);
    }

    /** A form post ({@link #post}): the body parsed once, {@code action} for an administrator. */
    Response form(HttpHeaders headers, InputStream body, String returnTo, FormAction action) {
        FormParameters form = parse(headers, body);
        return admitted(post(headers, form.get("csrf").orElse(null), returnTo),
                administrator -> action.act(administrator, form));
    }

    /** A form post of a dangerous action ({@link #dangerousPost}), else as {@link #form}. */
    Response dangerousForm(HttpHeaders headers, InputStream body, String formPage, FormAction action) {
        FormParameters form = parse(headers, body);
        return admitted(dangerousPost(headers, form.get("csrf").orElse(null), formPage),
                administrator -> action.act(administrator, form));
    }

    /** A form post whose return target comes from the form itself ({@code target} reads it). */
    Response form(HttpHeaders headers, InputStream body, Function<FormParameters, String> target,
                  FormAction action) {
        FormParameters form = parse(headers, body);
        return admitted(post(headers, form.get("csrf").orElse(null), target.apply(form)),
                administrator -> action.act(administrator, form));
    }

    /** To another console page after a change (a list after a delete), never cached. */
    Response seeOther(String path) {
        return Response.seeOther(urls.page(path)).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    private static FormParameters parse(HttpHeaders headers, InputStream body) {
        return FormParameters.parse(headers.getHeaderString(HttpHeaders.CONTENT_TYPE), body);
    }

    private static Response admitted(Visit visit, PageAction action) {
        return visit instanceof Admitted admitted ? action.render(admitted.administrator())
                : ((TurnedAway) visit).response();
    }

    /** A console page: HTML, never cached, under the pages' strict CSP. */
    static Response page(String template, Map<String, Object> model, int status) {
        return Response.status(status).entity(new View(template, new HashMap<>(model)))
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Content-Security-Policy", ContentSecurityPolicy.pages())
                .build();
    }
}
