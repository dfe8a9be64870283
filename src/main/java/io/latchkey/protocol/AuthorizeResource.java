package io.latchkey.protocol;

import io.latchkey.authorize.AuthorizationService;
import io.latchkey.authorize.RequestParameters;
import io.latchkey.client.FormParameters;
import io.latchkey.session.BrowserSessions;
import io.latchkey.web.AuthorizationResponses;
import io.latchkey.web.BrowserCookies;
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

/** {@code GET/POST /oauth/authorize} (RFC 6749 §3.1, OIDC Core §3.1.2.1: both methods must be supported). */
@Singleton
@Path("oauth/authorize")
public final class AuthorizeResource {
    private final AuthorizationService authorization;
    private final BrowserCookies cookies;
    private final BrowserSessions sessions;
    private final AuthorizationResponses responses;

    @Inject
    public AuthorizeResource(AuthorizationService authorization, BrowserCookies cookies, BrowserSessions sessions,
                             AuthorizationResponses responses) {
        this.authorization = authorization;
        this.cookies = cookies;
        this.sessions = sessions;
        this.responses = responses;
    }

    /**
     * The query is read from the raw query string with the strict form rules: a bad escape or bytes that are
     * not UTF-8 are refused, never decoded into another value. Repeats stay visible for the validator, which
     * redirects them once the redirect URI is verified.
     */
    @GET
    public Response get(@Context HttpServletRequest request, @Context HttpHeaders headers) {
        return authorize(FormParameters.query(request.getQueryString(), FormParameters.REPEATS_CHECKED_LATER), headers);
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response post(InputStream body, @Context HttpHeaders headers) {
        return authorize(FormParameters.parse(headers.getHeaderString(HttpHeaders.CONTENT_TYPE), body,
                FormParameters.REPEATS_CHECKED_LATER), headers);
    }

    private Response authorize(FormParameters parameters, HttpHeaders headers) {
        BrowserCookies.Browser browser = cookies.browserOrNew(headers);
        var session = cookies.session(headers).flatMap(sessions::find);
        var outcome = authorization.start(RequestParameters.of(parameters.asMap()), browser.id(), session);
        return responses.of(outcome, AuthorizationResponses.browserCookie(cookies, browser));
    }
}
