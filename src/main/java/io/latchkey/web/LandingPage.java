package io.latchkey.web;

import io.latchkey.account.Account;
import io.latchkey.account.AccountService;
import io.latchkey.session.BrowserSessions;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /}: what this server is, its issuer, links to discovery, the JWKS, sign-in and the account pages; a
 * signed-in person also sees who they are and a sign-out link. {@code HEAD} comes with {@code GET}; any other
 * method is a 405 like every page.
 */
@Singleton
@Path("/")
@Produces(MediaType.TEXT_HTML)
public final class LandingPage {
    private final AccountService accounts;
    private final BrowserSessions sessions;
    private final BrowserCookies cookies;
    private final IssuerUrls urls;

    @Inject
    public LandingPage(AccountService accounts, BrowserSessions sessions, BrowserCookies cookies, IssuerUrls urls) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.cookies = cookies;
        this.urls = urls;
    }

    @GET
    public Response show(@Context HttpHeaders headers) {
        Map<String, Object> model = new HashMap<>();
        model.put("issuer", urls.issuer());
        cookies.session(headers).flatMap(sessions::find).flatMap(s -> accounts.findById(s.accountId()))
                .filter(Account::enabled).ifPresent(account -> model.put("accountName", LoginPage.nameOf(account)));
        return LoginPage.page("landing", model, 200, List.of());
    }
}
