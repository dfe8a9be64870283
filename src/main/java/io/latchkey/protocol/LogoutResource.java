package io.latchkey.protocol;

import io.latchkey.account.AccountService;
import io.latchkey.authorize.RequestParameters;
import io.latchkey.client.FormParameters;
import io.latchkey.security.ContentSecurityPolicy;
import io.latchkey.security.Secret;
import io.latchkey.session.BrowserSession;
import io.latchkey.session.BrowserSessions;
import io.latchkey.session.CsrfToken;
import io.latchkey.session.LogoutService;
import io.latchkey.web.BrowserCookies;
import io.latchkey.web.View;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URI;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code GET/POST /oauth/logout}: OpenID Connect RP-Initiated Logout 1.0 (the end_session_endpoint). */
@Singleton
@Path("oauth/logout")
public final class LogoutResource {
    private final LogoutService logout;
    private final BrowserCookies cookies;
    private final BrowserSessions sessions;
    private final AccountService accounts;

    @Inject
    public LogoutResource(LogoutService logout, BrowserCookies cookies, BrowserSessions sessions,
                          AccountService accounts) {
        this.logout = logout;
        this.cookies = cookies;
        this.sessions = sessions;
        this.accounts = accounts;
    }

    /** The query is read raw, with the strict form rules (bad escapes and non-UTF-8 are refused). */
    @GET
    public Response get(@Context HttpServletRequest servlet, @Context HttpHeaders headers) {
        return handle(FormParameters.query(servlet.getQueryString(), FormParameters.NO_REPEATS).asMap(), headers,
                false);
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response post(InputStream body, @Context HttpHeaders headers) {
        FormParameters form = FormParameters.parse(headers.getHeaderString(HttpHeaders.CONTENT_TYPE), body);
        boolean confirmed = form.get("confirm").filter("yes"::equals).isPresent();
        if (confirmed) {
            cookies.requireForm(headers, form.get("csrf").orElse(null));
        }
        Map<String, List<String>> parameters = new LinkedHashMap<>(form.asMap());
        parameters.remove("confirm");
        parameters.remove("csrf");
        return handle(parameters, headers, confirmed);
    }

    private Response handle(Map<String, List<String>> raw, HttpHeaders headers, boolean confirmed) {
        Optional<Secret> cookie = cookies.session(headers);
        Optional<BrowserSession> session = cookie.flatMap(sessions::find);
        LogoutService.LogoutRequest request = logout.check(RequestParameters.of(raw), session);
        if (session.isPresent() && !confirmed && !request.hintNamesSession()) {
            return confirmation(request, headers, session.get());
        }
        cookie.ifPresent(logout::end);
        Response.ResponseBuilder response = request.location()
                .map(location -> Response.seeOther(URI.create(location)))
                .orElseGet(() -> Response.ok(new View("signed-out", Map.of()), MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")));
        return response.header(HttpHeaders.SET_COOKIE, cookies.clearSession())
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    private Response confirmation(LogoutService.LogoutRequest request, HttpHeaders headers, BrowserSession session) {
        BrowserCookies.Browser browser = cookies.browserOrNew(headers);
        Map<String, Object> model = new HashMap<>();
        model.put("csrf", CsrfToken.forBrowser(browser.id()));
        request.clientId().ifPresent(id -> model.put("clientId", id));
        request.postLogoutRedirectUri().ifPresent(uri -> model.put("postLogoutRedirectUri", uri));
        request.state().ifPresent(state -> model.put("state", state));
        accounts.findById(session.accountId()).ifPresent(a -> model.put("accountName",
                io.latchkey.web.LoginPage.nameOf(a)));
        Response.ResponseBuilder response = Response.ok(new View("logout-confirm", model),
                MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Content-Security-Policy",
                        ContentSecurityPolicy.pagesRedirectingTo(request.postLogoutRedirectUri()));
        if (browser.isNew()) {
            response.header(HttpHeaders.SET_COOKIE, cookies.setBrowser(browser.id()));
        }
        return response.build();
    }
}
