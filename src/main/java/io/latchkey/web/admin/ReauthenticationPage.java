package io.latchkey.web.admin;

import io.latchkey.account.AccountService;
import io.latchkey.account.SignInEvents;
import io.latchkey.account.SignInResult;
import io.latchkey.audit.AuditEvent;
import io.latchkey.audit.AuditTrail;
import io.latchkey.client.FormParameters;
import io.latchkey.security.Secret;
import io.latchkey.security.TransportSecurityFilter;
import io.latchkey.session.BrowserSession;
import io.latchkey.session.BrowserSessions;
import io.latchkey.web.BrowserCookies;
import io.latchkey.web.IssuerUrls;
import io.latchkey.web.LoginPage;
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
import java.util.HashMap;
import java.util.Map;

/**
 * {@code /admin/sign-in}: an administrator whose sign-in is older than {@link RecentSignIn} enters their password
 * again (the account is fixed: the session's), which starts a new session with a new {@code auth_time} and ends
 * the old one, then goes back to the console page it came from ({@link ConsoleTarget}). Throttled and audited as
 * every sign-in.
 */
@Singleton
@Path("admin/sign-in")
@Produces(MediaType.TEXT_HTML)
public final class ReauthenticationPage {
    static final String PATH = "/admin/sign-in";

    private final ConsoleAccess access;
    private final AccountService accounts;
    private final BrowserSessions sessions;
    private final BrowserCookies cookies;
    private final AuditTrail audit;
    private final IssuerUrls urls;

    @Inject
    public ReauthenticationPage(ConsoleAccess access, AccountService accounts, BrowserSessions sessions,
                                BrowserCookies cookies, AuditTrail audit, IssuerUrls urls) {
        this.access = access;
        this.accounts = accounts;
        this.sessions = sessions;
        this.cookies = cookies;
        this.audit = audit;
        this.urls = urls;
    }

    @GET
    public Response form(@QueryParam("return_to") String returnTo, @Context HttpHeaders headers) {
        String target = ConsoleTarget.orOverview(returnTo);
        return access.page(headers, target, administrator -> page(administrator, target, null, 200));
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response signIn(InputStream body, @Context HttpHeaders headers, @Context HttpServletRequest request) {
        return access.form(headers, body, form -> ConsoleTarget.orOverview(form.get("return_to").orElse(null)),
                (administrator, form) -> signIn(administrator, form, headers, request));
    }

    private Response signIn(ConsoleAccess.Administrator administrator, FormParameters form, HttpHeaders headers,
                            HttpServletRequest request) {
        String target = ConsoleTarget.orOverview(form.get("return_to").orElse(null));
        String password = form.get("password").orElse("");
        if (password.isEmpty()) {
            return page(administrator, target, "Enter your password.", 400);
        }
        SignInResult result = accounts.signIn(administrator.account().username(), Secret.of(password),
                request.getRemoteAddr());
        AuditEvent signIn = SignInEvents.of(result, "the console's sign-in again",
                TransportSecurityFilter.requestId(request), request.getRemoteAddr());
        boolean sameAdministrator = result instanceof SignInResult.Success success
                && success.account().id().equals(administrator.account().id());
        if (!sameAdministrator) {
            // What starts no session changed nothing: recorded on its own. A sign-in goes with its session.
            audit.record(signIn);
        }
        if (result instanceof SignInResult.Throttled throttled) {
            return Response.fromResponse(page(administrator, target,
                    "Too many attempts; try again in " + Math.max(1, throttled.retryAfter().toSeconds()) + " seconds.",
                    429)).header("Retry-After", Math.max(1, throttled.retryAfter().toSeconds())).build();
        }
        if (!sameAdministrator) {
            return page(administrator, target, "The password is incorrect.", 401);
        }
        cookies.session(headers).ifPresent(sessions::end);
        // The sign-in's event is stored with the session it starts (one transaction).
        BrowserSessions.Started started = sessions.start(administrator.account().id(), BrowserSession.PASSWORD,
                (em, begun) -> {
                    audit.record(em, signIn);
                    return begun;
                });
        return Response.seeOther(urls.page(target)).header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header(HttpHeaders.SET_COOKIE, cookies.setSession(started.cookieValue(), sessions.absoluteLifetime()))
                .build();
    }

    private static Response page(ConsoleAccess.Administrator administrator, String target, String error, int status) {
        Map<String, Object> model = new HashMap<>();
        model.put("csrf", administrator.csrf());
        model.put("accountName", LoginPage.nameOf(administrator.account()));
        model.put("username", administrator.account().username());
        model.put("returnTo", target);
        if (error != null) {
            model.put("error", error);
        }
        return ConsoleAccess.page("admin/sign-in", model, status);
    }
}
