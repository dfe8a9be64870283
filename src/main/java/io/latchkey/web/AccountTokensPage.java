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
import io.latchkey.token.ReferenceTokenPolicy;
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
import jakarta.ws.rs.QueryParam;
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
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code /account/tokens}: the signed-in person's personal access tokens — create (name, an application from the
 * list of those they may create tokens for, its scopes, a lifetime within its cap; the value is shown once; a wrong
 * field is marked with the rule it broke and the rest is kept), list with last use, revoke. Administrators also see a kind selector to
 * issue service access tokens; the service decides, with the same policy for everyone. Every form carries
 * {@code csrf}.
 */
@Singleton
@Path("account/tokens")
@Produces(MediaType.TEXT_HTML)
public final class AccountTokensPage {
    /** A hundred years: past any application's maximum lifetime, far below what a Duration holds. */
    static final long MAX_LIFETIME_DAYS = 36_500;
    static final long DEFAULT_LIFETIME_DAYS = 30;
    static final List<Long> SUGGESTED_LIFETIME_DAYS = List.of(1L, 7L, 30L, 90L, 180L, 365L);
    /** The form's field for each field of the request. */
    private static final Map<ReferenceTokenPolicy.Field, String> FIELD_NAMES = Map.of(
            ReferenceTokenPolicy.Field.NAME, "name", ReferenceTokenPolicy.Field.APPLICATION, "client_id",
            ReferenceTokenPolicy.Field.SCOPE, "scope", ReferenceTokenPolicy.Field.LIFETIME, "lifetime_days");

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

    /**
     * A signed-out visitor is sent to sign in, and comes back here afterwards. {@code client_id} picks the
     * application the form starts with (the first one offered otherwise).
     */
    @GET
    public Response list(@QueryParam("client_id") String clientId, @Context HttpHeaders headers) {
        Optional<Secret> browser = cookies.browser(headers);
        Optional<Account> account = browser.isPresent() ? signedInAccount(headers) : Optional.empty();
        if (account.isEmpty()) {
            return LoginPage.signInThenReturnTo(urls, "/account/tokens");
        }
        return page(account.get(), browser.get(), TokenForm.blank(clientId), Map.of(), 200, Map.of());
    }

    /**
     * {@code scope} may repeat (checkboxes); every other field comes once. A wrong field shows the form again, as
     * it was filled in, with the rule each wrong field broke (400); a kind of token the person may never issue is
     * the 403 error page (the form never offers it).
     */
    @POST
    @Consumes(MediaType.WILDCARD)
    public Response create(InputStream body, @Context HttpHeaders headers, @Context HttpServletRequest request) {
        FormParameters form = FormParameters.parse(headers.getHeaderString(HttpHeaders.CONTENT_TYPE), body,
                "scope"::equals);
        Secret browser = cookies.requireForm(headers, form.get("csrf").orElse(null));
        Account account = signedIn(headers);
        TokenForm typed = new TokenForm(form.get("kind").orElse("pat"), form.get("name").orElse(""),
                form.get("client_id").orElse(""), scopes(form.all("scope")), form.get("lifetime_days").orElse(""));
        OptionalLong days = days(typed.lifetimeDays());
        ReferenceTokenService.Outcome outcome = tokens.create(actor(account, request), account,
                new ReferenceTokenService.IssueRequest(kind(typed.kind()), typed.name(), typed.clientId(),
                        typed.scopes(), days.isPresent() ? Duration.ofDays(days.getAsLong()) : null));
        if (outcome instanceof ReferenceTokenService.Refused refused) {
            Map<String, String> errors = new HashMap<>();
            refused.problems().forEach((field, message) -> errors.put(FIELD_NAMES.get(field), message));
            return page(account, browser, typed, errors, 400, Map.of());
        }
        ReferenceTokens.Issued issued = ((ReferenceTokenService.Created) outcome).issued();
        return page(account, browser, TokenForm.blank(typed.clientId()), Map.of(), 200,
                Map.of("created", issued.value().reveal(), "createdToken", issued.token()));
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
        return page(account, browser, TokenForm.blank(null), Map.of(), 200,
                Map.of("notice", "The token was revoked."));
    }

    private static Actor actor(Account account, HttpServletRequest request) {
        return Actor.account(account.subject(), TransportSecurityFilter.requestId(request), request.getRemoteAddr());
    }

    /**
     * The form as the person filled it in (or blank); {@code scopes} are the checked ones, {@code lifetimeDays} is
     * kept as typed.
     */
    record TokenForm(String kind, String name, String clientId, Set<String> scopes, String lifetimeDays) {
        static TokenForm blank(String clientId) {
            return new TokenForm("pat", "", clientId == null ? "" : clientId, Set.of(), "");
        }
    }

    private Response page(Account account, Secret browser, TokenForm form, Map<String, String> errors, int status,
                          Map<String, Object> extra) {
        List<ReferenceTokenService.Offer> offers = tokens.offersFor(account);
        Optional<ReferenceTokenService.Offer> chosen = offers.stream()
                .filter(offer -> offer.clientId().equals(form.clientId())).findFirst()
                .or(() -> offers.stream().findFirst());
        Map<String, Object> model = new HashMap<>(extra);
        model.put("csrf", CsrfToken.forBrowser(browser));
        model.put("accountName", LoginPage.nameOf(account));
        model.put("admin", account.admin());
        model.put("tokens", tokens.issuedBy(account));
        model.put("offers", offers);
        chosen.ifPresent(offer -> {
            model.put("chosen", offer);
            model.put("lifetimes", lifetimesWithin(offer.maxDays()));
            model.put("lifetimeValue", form.lifetimeDays().isEmpty()
                    ? String.valueOf(Math.min(DEFAULT_LIFETIME_DAYS, offer.maxDays())) : form.lifetimeDays());
        });
        model.put("form", form);
        model.put("errors", errors);
        return LoginPage.page("account-tokens", model, status, List.of());
    }

    /** The lifetimes the form suggests: the usual ones up to the application's cap, and the cap itself. */
    static List<Long> lifetimesWithin(long maxDays) {
        Set<Long> lifetimes = new TreeSet<>();
        for (long days : SUGGESTED_LIFETIME_DAYS) {
            if (days <= maxDays) {
                lifetimes.add(days);
            }
        }
        lifetimes.add(maxDays);
        return List.copyOf(lifetimes);
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
     * A whole number of days from 1 to {@link #MAX_LIFETIME_DAYS}, or empty; the application's own maximum is the
     * policy's to check. Bounded here so that no number can overflow a {@link Duration}.
     */
    static OptionalLong days(String days) {
        String trimmed = days == null ? "" : days.trim();
        long value = trimmed.matches("[0-9]{1,9}") ? Long.parseLong(trimmed) : -1;
        return value < 1 || value > MAX_LIFETIME_DAYS ? OptionalLong.empty() : OptionalLong.of(value);
    }

    private static OAuthException signInFirst() {
        return OAuthException.of(ErrorCode.LOGIN_REQUIRED, "sign in at /login first, then come back to this page");
    }
}
