package io.latchkey.web;

import io.latchkey.account.Account;
import io.latchkey.account.AccountService;
import io.latchkey.error.ErrorCode;
import io.latchkey.error.OAuthException;
import io.latchkey.security.Secret;
import io.latchkey.session.BrowserSessions;
import io.latchkey.session.CsrfToken;
import io.latchkey.token.ReferenceToken;
import io.latchkey.token.ReferenceTokenService;
import io.latchkey.token.ReferenceTokens;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
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
    private final AccountService accounts;
    private final BrowserSessions sessions;
    private final BrowserCookies cookies;
    private final ReferenceTokenService tokens;

    @Inject
    public AccountTokensPage(AccountService accounts, BrowserSessions sessions, BrowserCookies cookies,
                             ReferenceTokenService tokens) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.cookies = cookies;
        this.tokens = tokens;
    }

    @GET
    public Response list(@Context HttpHeaders headers) {
        Secret browser = cookies.browser(headers).orElseThrow(AccountTokensPage::signInFirst);
        return page(signedIn(headers), browser, Map.of());
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@FormParam("csrf") String csrf, @FormParam("kind") String kind,
                           @FormParam("name") String name, @FormParam("client_id") String clientId,
                           @FormParam("scope") List<String> scope, @FormParam("lifetime_days") String days,
                           @Context HttpHeaders headers) {
        Secret browser = cookies.requireForm(headers, csrf);
        Account account = signedIn(headers);
        ReferenceTokens.Issued issued = tokens.issue(account, new ReferenceTokenService.IssueRequest(kind(kind), name,
                clientId, scopes(scope), Duration.ofDays(days(days))));
        return page(account, browser, Map.of("created", issued.value().reveal(), "createdToken", issued.token()));
    }

    @POST
    @Path("revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response revoke(@FormParam("csrf") String csrf, @FormParam("id") String id, @Context HttpHeaders headers) {
        Secret browser = cookies.requireForm(headers, csrf);
        Account account = signedIn(headers);
        if (!tokens.revoke(account, id)) {
            // Someone else's token and a token that never existed look the same: not found, nothing changed.
            throw OAuthException.of(ErrorCode.NOT_FOUND, "you have no such token; it may have expired or been revoked",
                    "account " + account.id() + " has no live token with the id it asked to revoke");
        }
        return page(account, browser, Map.of("notice", "The token was revoked."));
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
        return cookies.session(headers).flatMap(sessions::find).flatMap(s -> accounts.findById(s.accountId()))
                .filter(Account::enabled).orElseThrow(AccountTokensPage::signInFirst);
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

    private static long days(String days) {
        try {
            return Long.parseLong(days == null ? "" : days.trim());
        } catch (NumberFormatException e) {
            throw OAuthException.invalidRequest("lifetime_days must be a whole number of days");
        }
    }

    private static OAuthException signInFirst() {
        return OAuthException.of(ErrorCode.LOGIN_REQUIRED, "sign in at /login first, then come back to this page");
    }
}
