package io.latchkey.web;

import io.latchkey.account.Account;
import io.latchkey.account.AccountService;
import io.latchkey.audit.Actor;
import io.latchkey.client.FormParameters;
import io.latchkey.error.ErrorCode;
import io.latchkey.error.OAuthException;
import io.latchkey.security.Secret;
import io.latchkey.security.TransportSecurityFilter;
import io.latchkey.session.BrowserSessions;
import io.latchkey.session.CsrfToken;
import io.latchkey.token.ReferenceToken;
import io.latchkey.token.ReferenceTokenService;
import io.latchkey.token.ReferenceTokens;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /account/tokens}: the signed-in person's personal access tokens — create (name, application, scopes,
 * lifetime; the value is shown once), list with last use, revoke. Administrators also see a kind selector to
 * issue service access tokens; the service decides, with the same policy for everyone. Every form carries
 * {@code csrf}.
 */
@Singleton
@Path("account/tokens")
@Produces(MediaType.TEXT_HTML)
public final class AccountTokensPage {
    /** A hundred years: past any application's maximum lifetime, far below what a Duration holds. */
    static final long MAX_LIFETIME_DAYS = 36_500;

    private final AccountService accounts;
    private final BrowserSessions sessions;
    private final BrowserCookies cookies;
    private final ReferenceTokenService tokens;
    private final IssuerUrls urls;

    @Inject
    public AccountTokensPage(AccountService accounts, BrowserSessions sessions, BrowserCookies cookies,
                             ReferenceTokenService tokens, IssuerUrls urls) {
        this.urls = urls;
        this.accounts = accounts;
        this.sessions = sessions;
        this.cookies = cookies;
        this.tokens = tokens;
    }

    /** A signed-out visitor is sent to sign in, and comes back here afterwards. */
    @GET
    public Response list(@Context HttpHeaders headers) {
        Optional<Secret> browser = cookies.browser(headers);
        Optional<Account> account = browser.isPresent() ? signedInAccount(headers) : Optional.empty();
        if (account.isEmpty()) {
            return LoginPage.signInThenReturnTo(urls, "/account/tokens");
        }
        return page(account.get(), browser.get(), Map.of());
    }

    /** {@code scope} may repeat (checkboxes); every other field comes once. */
    @POST
    @Consumes(MediaType.WILDCARD)
    public Response create(InputStream body, @Context HttpHeaders headers, @Context HttpServletRequest request) {
        FormParameters form = FormParameters.parse(headers.getHeaderString(HttpHeaders.CONTENT_TYPE), body,
                "scope"::equals);
        Secret browser = cookies.requireForm(headers, form.get("csrf").orElse(null));
        Account account = signedIn(headers);
        ReferenceTokens.Issued issued = tokens.issue(actor(account, request), account,
                new ReferenceTokenService.IssueRequest(
                kind(form.get("kind").orElse(null)), form.get("name").orElse(null), form.get("client_id").orElse(null),
                scopes(form.all("scope")), Duration.ofDays(days(form.get("lifetime_days").orElse(null)))));
        return page(account, browser, Map.of("created", issued.value().reveal(), "createdToken", issued.token()));
    }

    @POST
    @Path("revoke")
    @Consumes(MediaType.WILDCARD)
    public Response revoke(InputStream body, @Context HttpHeaders headers, @Context HttpServletRequest request) {
        FormParameters form = FormParameters.parse(headers.getHeaderString(HttpHeaders.CONTENT_TYPE), body);
        Secret browser = cookies.requireForm(headers, form.get("csrf").orElse(null));
        Account account = signedIn(headers);
        if (!tokens.revoke(actor(account, request), account, form.get("id").orElse(null))) {
            // Someone else's token and a token that never existed look the same: not found, nothing changed.
            throw OAuthException.of(ErrorCode.NOT_FOUND, "you have no such token; it may have expired or been revoked",
                    "account " + account.id() + " has no live token with the id it asked to revoke");
        }
        return page(account, browser, Map.of("notice", "The token was revoked."));
    }

    private static Actor actor(Account account, HttpServletRequest request) {
        return Actor.account(account.subject(), TransportSecurityFilter.requestId(request), request.getRemoteAddr());
    }

    private Response page(Account account, Secret browser, Map<String, Object> extra) {
        Map<String, Object> model = new HashMap<>(extra);
        model.put("csrf", CsrfToken.forBrowser(browser));
        model.put("accountName", LoginPage.nameOf(account));
        model.put("admin", account.admin());
        model.put("tokens", tokens.issuedBy(account));
        return LoginPage.page("account-tokens", model, 200, List.of());
    }

    private Account signedIn(HttpHeaders headers) {
        return signedInAccount(headers).orElseThrow(AccountTokensPage::signInFirst);
    }

    private Optional<Account> signedInAccount(HttpHeaders headers) {
        return cookies.session(headers).flatMap(sessions::find).flatMap(s -> accounts.findById(s.accountId()))
                .filter(Account::enabled);
    }

    private static ReferenceToken.Kind kind(String kind) {
        if (kind == null || kind.isEmpty() || "pat".equals(kind)) {
            return ReferenceToken.Kind.PAT;
        }
        if ("sat".equals(kind)) {
            return ReferenceToken.Kind.SAT;
        }
        throw OAuthException.invalidRequest("kind must be pat or sat");
    }

    /** Scopes from checkboxes and/or one space-separated field. */
    private static Set<String> scopes(List<String> values) {
        Set<String> scopes = new LinkedHashSet<>();
        Optional.ofNullable(values).orElse(List.of()).forEach(v -> scopes.addAll(Arrays.stream(v.trim().split(" +"))
                .filter(s -> !s.isEmpty()).toList()));
        return scopes;
    }

    /**
     * A whole number of days from 1 to {@link #MAX_LIFETIME_DAYS}; the application's own maximum is the policy's
     * to check. Bounded here so that no number can overflow a {@link Duration}.
     */
    static long days(String days) {
        String trimmed = days == null ? "" : days.trim();
        long value = trimmed.matches("[0-9]{1,9}") ? Long.parseLong(trimmed) : -1;
        if (value < 1 || value > MAX_LIFETIME_DAYS) {
            throw OAuthException.invalidRequest("lifetime_days must be a whole number of days from 1 to "
                    + MAX_LIFETIME_DAYS);
        }
        return value;
    }

    private static OAuthException signInFirst() {
        return OAuthException.of(ErrorCode.LOGIN_REQUIRED, "sign in at /login first, then come back to this page");
    }
}
