package io.latchkey.protocol;

import io.latchkey.authorize.AuthorizationService;
import io.latchkey.authorize.RequestParameters;
import io.latchkey.session.BrowserSessions;
import io.latchkey.web.AuthorizationResponses;
import io.latchkey.web.BrowserCookies;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

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

    @GET
    public Response get(@Context UriInfo uri, @Context HttpHeaders headers) {
        return authorize(uri.getQueryParameters(), headers);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response post(MultivaluedMap<String, String> form, @Context HttpHeaders headers) {
        return authorize(form, headers);
    }

    private Response authorize(MultivaluedMap<String, String> parameters, HttpHeaders headers) {
        BrowserCookies.Browser browser = cookies.browserOrNew(headers);
        var session = cookies.session(headers).flatMap(sessions::find);
        var outcome = authorization.start(RequestParameters.of(parameters), browser.id(), session);
        return responses.of(outcome, AuthorizationResponses.browserCookie(cookies, browser));
    }
}
