package io.latchkey.web;

import io.latchkey.account.Account;
import io.latchkey.account.AccountService;
import io.latchkey.account.SignInEvents;
import io.latchkey.account.SignInResult;
import io.latchkey.audit.AuditTrail;
import io.latchkey.authorize.AuthorizationService;
import io.latchkey.client.FormParameters;
import io.latchkey.error.ErrorCode;
import io.latchkey.error.OAuthException;
import io.latchkey.security.ContentSecurityPolicy;
import io.latchkey.security.Secret;
import io.latchkey.security.TransportSecurityFilter;
import io.latchkey.session.BrowserSession;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /login}: the sign-in form (DESIGN §3: {@code username}, {@code password}, {@code csrf}). The same
 * answer for an unknown user, a wrong password and a disabled account; throttled attempts get 429.
 */
@Singleton
@Path("login")
@Produces(MediaType.TEXT_HTML)
public final class LoginPage {
    static final String WRONG = "The username or password is incorrect.";

    private final AccountService accounts;
    private final BrowserSessions sessions;
    private final BrowserCookies cookies;
    private final AuthorizationService authorization;
    private final AuthorizationResponses responses;
    private final AuditTrail audit;
    private final IssuerUrls urls;

    @Inject
    public LoginPage(AccountService accounts, BrowserSessions sessions, BrowserCookies cookies,
                     AuthorizationService authorization, AuthorizationResponses responses, AuditTrail audit,
                     IssuerUrls urls) {
        this.urls = urls;
        this.audit = audit;
        this.accounts = accounts;
        this.sessions = sessions;
        this.cookies = cookies;
        this.authorization = authorization;
        this.responses = responses;
    }

    /**
     * {@code return_to} names the page to come back to after signing in; only a {@link ReturnTarget} is kept,
     * anything else is dropped (the signed-in page then).
     */
    @GET
    public Response form(@QueryParam("interaction") String interaction, @QueryParam("return_to") String returnTo,
                         @Context HttpHeaders headers) {
        BrowserCookies.Browser browser = cookies.browserOrNew(headers);
        Map<String, Object> model = new HashMap<>();
        Optional<String> redirectTarget = Optional.empty();
        if (interaction != null) {
            AuthorizationService.SignInPrompt prompt = authorization.signInPrompt(interaction, browser.id());
            redirectTarget = Optional.of(prompt.redirectUri());
            model.put("clientName", prompt.clientName());
            prompt.loginHint().ifPresent(hint -> model.put("username", hint));
            model.put("interaction", interaction);
        } else {
            Optional<BrowserSession> session = cookies.session(headers).flatMap(sessions::find);
            Optional<Account> account = session.flatMap(s -> accounts.findById(s.accountId()));
            Optional<String> name = account.map(LoginPage::nameOf);
            if (name.isPresent()) {
                // Only an enabled account goes back: the account pages send anyone else here again (no loop).
                Optional<String> target = ReturnTarget.of(returnTo).filter(t -> account.get().enabled());
                if (target.isPresent()) {
                    return Response.seeOther(urls.page(target.get())).header(HttpHeaders.CACHE_CONTROL, "no-store")
                            .build();
                }
                return page("signed-in", Map.of("accountName", name.get()), 200, List.of());
            }
            ReturnTarget.of(returnTo).ifPresent(target -> model.put("returnTo", target));
        }
        model.put("csrf", CsrfToken.forBrowser(browser.id()));
        return page("login", model, 200, AuthorizationResponses.browserCookie(cookies, browser), redirectTarget);
    }

    /** The form is read by {@link FormParameters}: a malformed body, or NUL in a username, is a 400 page. */
    @POST
    @Consumes(MediaType.WILDCARD)
    public Response signIn(InputStream body, @Context HttpHeaders headers, @Context HttpServletRequest request) {
        FormParameters form = FormParameters.parse(headers.getHeaderString(HttpHeaders.CONTENT_TYPE), body);
        String csrf = form.get("csrf").orElse(null);
        String username = form.get("username").orElse(null);
        String password = form.get("password").orElse(null);
        String interaction = form.get("interaction").orElse(null);
        Optional<String> returnTo = interaction == null ? form.get("return_to").flatMap(ReturnTarget::of)
                : Optional.empty();
        Secret browser = cookies.requireForm(headers, csrf);
        Map<String, Object> model = new HashMap<>();
        model.put("csrf", csrf);
        if (username != null) {
            model.put("username", username);
        }
        Optional<String> redirectTarget = Optional.empty();
        // Read and validated once: the same request is continued after the sign-in.
        Optional<AuthorizationService.SignInPrompt> prompt = Optional.empty();
        if (interaction != null) {
            prompt = Optional.of(authorization.signInPrompt(interaction, browser));
            redirectTarget = Optional.of(prompt.get().redirectUri());
            model.put("interaction", interaction);
            model.put("clientName", prompt.get().clientName());
        }
        returnTo.ifPresent(target -> model.put("returnTo", target));
        if (username == null || username.isBlank() || password == null || password.isEmpty()) {
            model.put("error", "Enter your username and password.");
            return page("login", model, 400, List.of(), redirectTarget);
        }
        String requestId = TransportSecurityFilter.requestId(request);
        String address = request.getRemoteAddr();
        Optional<AuthorizationService.SignInPrompt> pending = prompt;
        // A success writes, in one transaction (one commit): the throttle's release of the username, the sign_in
        // event, the new session and, for a pending request, its one-time end and what continuing it writes (the
        // code). A lost claim rolls all of it back but the release.
        AccountService.SignedIn<Begun> signedIn = accounts.signIn(username, Secret.of(password), address,
                (em, account) -> {
                    audit.record(em, SignInEvents.of(new SignInResult.Success(account), "the sign-in form", requestId,
                            address));
                    BrowserSessions.Started started = sessions.start(em, account.id(), BrowserSession.PASSWORD);
                    return new Begun(started, pending.map(p -> authorization.claim(p, em, started, browser, account)));
                });
        SignInResult result = signedIn.result();
        if (!(result instanceof SignInResult.Success success)) {
            // A refusal changed nothing: recorded on its own.
            audit.record(SignInEvents.of(result, "the sign-in form", requestId, address));
            if (result instanceof SignInResult.Throttled throttled) {
                long seconds = Math.max(1, throttled.retryAfter().toSeconds());
                model.put("retryAfterSeconds", seconds);
                return Response.fromResponse(page("login", model, 429, List.of(), redirectTarget))
                        .header("Retry-After", seconds).build();
            }
            model.put("error", WRONG);
            return page("login", model, 401, List.of(), redirectTarget);
        }
        Begun begun = signedIn.started().orElseThrow();
        List<String> setCookies = new ArrayList<>();
        setCookies.add(cookies.setSession(begun.started().cookieValue(), sessions.absoluteLifetime()));
        if (returnTo.isPresent()) {
            Response.ResponseBuilder back = Response.seeOther(urls.page(returnTo.get()))
                    .header(HttpHeaders.CACHE_CONTROL, "no-store");
            setCookies.forEach(c -> back.header(HttpHeaders.SET_COOKIE, c));
            return back.build();
        }
        if (begun.claimed().isEmpty()) {
            return page("signed-in", Map.of("accountName", nameOf(success.account())), 200, setCookies);
        }
        return responses.of(authorization.afterSignIn(begun.claimed().get(), browser), setCookies);
    }

    /** What a successful sign-in started: its session and, for a pending request, that request claimed. */
    private record Begun(BrowserSessions.Started started, Optional<AuthorizationService.ClaimedSignIn> claimed) {
    }

    /** 303 to the sign-in form, which brings the person back to {@code page} (a {@link ReturnTarget}) afterwards. */
    static Response signInThenReturnTo(IssuerUrls urls, String page) {
        return Response.seeOther(urls.page("/login", Map.of("return_to", ReturnTarget.of(page).orElseThrow())))
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    public static String nameOf(Account account) {
        return account.displayName() == null || account.displayName().isBlank() ? account.username() : account.displayName();
    }

    static Response page(String template, Map<String, Object> model, int status, List<String> setCookies) {
        return page(template, model, status, setCookies, Optional.empty());
    }

    /**
     * A page; when its form's answer may redirect to an application, the page's CSP names that application's
     * origin in {@code form-action} (browsers apply it to the redirects after a submission).
     */
    static Response page(String template, Map<String, Object> model, int status, List<String> setCookies,
                         Optional<String> redirectTarget) {
        Response.ResponseBuilder response = Response.status(status).entity(new View(template, model))
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Content-Security-Policy", ContentSecurityPolicy.pagesRedirectingTo(redirectTarget));
        setCookies.forEach(c -> response.header(HttpHeaders.SET_COOKIE, c));
        return response.build();
    }
}
