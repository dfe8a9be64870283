package io.latchkey.web;

import io.latchkey.account.AccountService;
import io.latchkey.authorize.AuthorizationService;
import io.latchkey.client.FormParameters;
import io.latchkey.error.ErrorCode;
import io.latchkey.error.OAuthException;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /consent}: each requested scope with its description, the application's name, and two buttons
 * (DESIGN §3: {@code decision=allow} and {@code decision=deny}). The scopes come in {@link ConsentOrder}.
 */
@Singleton
@Path("consent")
@Produces(MediaType.TEXT_HTML)
public final class ConsentPage {
    private final AccountService accounts;
    private final BrowserSessions sessions;
    private final BrowserCookies cookies;
    private final AuthorizationService authorization;
    private final AuthorizationResponses responses;

    @Inject
    public ConsentPage(AccountService accounts, BrowserSessions sessions, BrowserCookies cookies,
                       AuthorizationService authorization, AuthorizationResponses responses) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.cookies = cookies;
        this.authorization = authorization;
        this.responses = responses;
    }

    @GET
    public Response form(@QueryParam("interaction") String interaction, @Context HttpHeaders headers) {
        Secret browser = cookies.browser(headers).orElseThrow(ConsentPage::expired);
        BrowserSession session = signedIn(headers);
        AuthorizationService.ConsentPrompt prompt = authorization.consentPrompt(interaction, browser);
        Map<String, Object> model = new HashMap<>();
        model.put("csrf", CsrfToken.forBrowser(browser));
        model.put("interaction", interaction);
        model.put("clientId", prompt.clientId());
        model.put("clientName", prompt.clientName());
        model.put("scopes", ConsentOrder.of(prompt.scopes()));
        model.put("accountName", accounts.findById(session.accountId()).map(LoginPage::nameOf).orElse(""));
        return LoginPage.page("consent", model, 200, List.of(), Optional.of(prompt.redirectUri()));
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response decide(InputStream body, @Context HttpHeaders headers, @Context HttpServletRequest request) {
        FormParameters form = FormParameters.parse(headers.getHeaderString(HttpHeaders.CONTENT_TYPE), body);
        Secret browser = cookies.requireForm(headers, form.get("csrf").orElse(null));
        BrowserSession session = signedIn(headers);
        String decision = form.get("decision").filter(d -> d.equals("allow") || d.equals("deny")).orElseThrow(() ->
                OAuthException.invalidRequest("decision must be allow or deny"));
        return responses.of(authorization.decide(form.get("interaction").orElse(null), browser, session,
                "allow".equals(decision), TransportSecurityFilter.requestId(request), request.getRemoteAddr()),
                List.of());
    }

    private BrowserSession signedIn(HttpHeaders headers) {
        return cookies.session(headers).flatMap(sessions::find).orElseThrow(ConsentPage::expired);
    }

    private static OAuthException expired() {
        return OAuthException.of(ErrorCode.LOGIN_REQUIRED,
                "you are no longer signed in; start again from the application");
    }
}
