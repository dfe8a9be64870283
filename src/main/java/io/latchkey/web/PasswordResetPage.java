package io.latchkey.web;

import io.latchkey.account.AccountCommands;
import io.latchkey.account.AccountPolicy;
import io.latchkey.account.LoginThrottle;
import io.latchkey.audit.Actor;
import io.latchkey.client.FormParameters;
import io.latchkey.error.Violation;
import io.latchkey.security.Secret;
import io.latchkey.security.TransportSecurityFilter;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code /account/reset}: where a person redeems the one-time code an administrator issued them
 * ({@code POST /api/admin/accounts/{username}/password-reset}) for a new password. Form fields: {@code username},
 * {@code code}, {@code password}, {@code password_confirmation}, {@code csrf}. A wrong username or code gets one
 * answer (it never says whether the username exists) and counts as a failed sign-in of that username and address
 * ({@link LoginThrottle}); throttled attempts get 429. A refused password keeps the username, never the secrets.
 */
@Singleton
@Path("account/reset")
@Produces(MediaType.TEXT_HTML)
public final class PasswordResetPage {
    static final String WRONG = "The username or code is incorrect, or the code has expired or was already used.";
    private static final String TEMPLATE = "password-reset";

    private final AccountCommands commands;
    private final LoginThrottle throttle;
    private final BrowserCookies cookies;

    @Inject
    public PasswordResetPage(AccountCommands commands, LoginThrottle throttle, BrowserCookies cookies) {
        this.commands = commands;
        this.throttle = throttle;
        this.cookies = cookies;
    }

    @GET
    public Response form(@Context HttpHeaders headers) {
        BrowserCookies.Browser browser = cookies.browserOrNew(headers);
        Map<String, Object> model = new HashMap<>();
        model.put("csrf", CsrfToken.forBrowser(browser.id()));
        return LoginPage.page(TEMPLATE, model, 200, AuthorizationResponses.browserCookie(cookies, browser));
    }

    /** The form is read by {@link FormParameters}: a malformed body is a 400 page. */
    @POST
    @Consumes(MediaType.WILDCARD)
    public Response reset(InputStream body, @Context HttpHeaders headers, @Context HttpServletRequest request) {
        FormParameters form = FormParameters.parse(headers.getHeaderString(HttpHeaders.CONTENT_TYPE), body);
        String csrf = form.get("csrf").orElse(null);
        String username = form.get("username").orElse("").trim();
        String code = form.get("code").orElse("");
        String password = form.get("password").orElse("");
        String confirmation = form.get("password_confirmation").orElse("");
        cookies.requireForm(headers, csrf);
        Map<String, Object> model = new HashMap<>();
        model.put("csrf", csrf);
        model.put("username", username);
        if (username.isEmpty() || code.isBlank() || password.isEmpty()) {
            return refused(model, "Enter your username, the code and a new password.", "form");
        }
        Optional<String> weak = AccountPolicy.passwordProblem(Secret.of(password));
        if (weak.isPresent()) {
            return refused(model, "The new password " + weak.get() + ".", "password");
        }
        if (!password.equals(confirmation)) {
            return refused(model, "The two new passwords differ.", "password_confirmation");
        }
        String address = request.getRemoteAddr();
        if (throttle.admit(username, address) instanceof LoginThrottle.Blocked blocked) {
            long seconds = Math.max(1, blocked.blockedFor().toSeconds());
            model.put("retryAfterSeconds", seconds);
            return Response.fromResponse(LoginPage.page(TEMPLATE, model, 429, List.of()))
                    .header("Retry-After", seconds).build();
        }
        AccountCommands.Outcome outcome = commands.resetPassword(
                Actor.anonymous(TransportSecurityFilter.requestId(request), address), username, Secret.of(code),
                Secret.of(password));
        if (outcome instanceof AccountCommands.Done) {
            throttle.recordSuccess(username, address);
            return LoginPage.page("password-reset-done", Map.of(), 200, List.of());
        }
        if (outcome instanceof AccountCommands.Invalid invalid) {
            return refused(model, invalid.violations().stream().map(v -> "The " + v.field() + " " + v.message() + ".")
                    .collect(Collectors.joining(" ")), invalid.violations().stream().map(Violation::field)
                    .findFirst().orElse("form"));
        }
        throttle.recordAddressFailure(address);
        return refused(model, WRONG, "code");
    }

    private static Response refused(Map<String, Object> model, String error, String field) {
        model.put("error", error);
        model.put("errorField", field);
        return LoginPage.page(TEMPLATE, model, 400, List.of());
    }
}
