package io.latchkey.web;

import io.latchkey.account.Account;
import io.latchkey.account.AccountService;
import io.latchkey.audit.Actor;
import io.latchkey.client.Client;
import io.latchkey.client.ClientDirectory;
import io.latchkey.client.FormParameters;
import io.latchkey.consent.ConsentService;
import io.latchkey.consent.ScopeCatalog;
import io.latchkey.error.ErrorCode;
import io.latchkey.error.OAuthException;
import io.latchkey.security.Secret;
import io.latchkey.security.TransportSecurityFilter;
import io.latchkey.session.BrowserSessions;
import io.latchkey.session.CsrfToken;
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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /account/applications}: the applications the signed-in person consented to (which scopes, when),
 * each with a revoke form that removes the consent and revokes that application's refresh tokens for them.
 * Every form carries {@code csrf}.
 */
@Singleton
@Path("account/applications")
@Produces(MediaType.TEXT_HTML)
public final class MyApplicationsPage {
    /** One row of the page. */
    public record Row(String clientId, String name, List<ScopeCatalog.Scope> scopes, Instant grantedAt) {
    }

    private final AccountService accounts;
    private final BrowserSessions sessions;
    private final BrowserCookies cookies;
    private final ConsentService consents;
    private final ClientDirectory clients;
    private final ScopeCatalog catalog;
    private final IssuerUrls urls;

    @Inject
    public MyApplicationsPage(AccountService accounts, BrowserSessions sessions, BrowserCookies cookies,
                              ConsentService consents, ClientDirectory clients, ScopeCatalog catalog, IssuerUrls urls) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.cookies = cookies;
        this.consents = consents;
        this.clients = clients;
        this.catalog = catalog;
        this.urls = urls;
    }

    /** A signed-out visitor is sent to sign in, and comes back here afterwards. */
    @GET
    public Response list(@Context HttpHeaders headers) {
        Optional<Secret> signedInBrowser = cookies.browser(headers);
        Optional<Account> signedIn = signedInBrowser.isPresent() ? signedInAccount(headers) : Optional.empty();
        if (signedIn.isEmpty()) {
            return LoginPage.signInThenReturnTo(urls, "/account/applications");
        }
        Secret browser = signedInBrowser.get();
        Account account = signedIn.get();
        List<Row> rows = consents.list(account.id()).stream().map(this::row).toList();
        return LoginPage.page("account-applications", Map.of("csrf", CsrfToken.forBrowser(browser),
                "accountName", LoginPage.nameOf(account), "applications", rows), 200, List.of());
    }

    @POST
    @Path("revoke")
    @Consumes(MediaType.WILDCARD)
    public Response revoke(InputStream body, @Context HttpHeaders headers, @Context HttpServletRequest request) {
        FormParameters form = FormParameters.parse(headers.getHeaderString(HttpHeaders.CONTENT_TYPE), body);
        cookies.requireForm(headers, form.get("csrf").orElse(null));
        Account account = signedIn(headers);
        String clientId = form.get("client_id")
                .orElseThrow(() -> OAuthException.invalidRequest("client_id is required"));
        consents.forget(Actor.account(account.subject(), TransportSecurityFilter.requestId(request),
                request.getRemoteAddr()), account, clientId);
        return Response.seeOther(urls.page("/account/applications"))
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    private Row row(ConsentService.Granted granted) {
        String name = clients.find(granted.clientId()).map(Client::name).orElse(granted.clientId());
        List<ScopeCatalog.Scope> scopes = granted.scopes().stream().map(this::scope).toList();
        return new Row(granted.clientId(), name, scopes, granted.grantedAt());
    }

    private ScopeCatalog.Scope scope(String name) {
        return catalog.find(name)
                .or(() -> ScopeCatalog.STANDARD.stream().filter(s -> s.name().equals(name)).findFirst())
                .orElseGet(() -> new ScopeCatalog.Scope(name, name, Optional.empty()));
    }

    private Account signedIn(HttpHeaders headers) {
        return signedInAccount(headers).orElseThrow(MyApplicationsPage::signInFirst);
    }

    private Optional<Account> signedInAccount(HttpHeaders headers) {
        return cookies.session(headers).flatMap(sessions::find).flatMap(s -> accounts.findById(s.accountId()))
                .filter(Account::enabled);
    }

    private static OAuthException signInFirst() {
        return OAuthException.of(ErrorCode.LOGIN_REQUIRED, "sign in at /login first, then come back to this page");
    }
}
