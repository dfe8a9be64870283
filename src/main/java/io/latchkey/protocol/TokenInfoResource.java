package io.latchkey.protocol;

import io.latchkey.token.TokenInfoEndpoint;
import io.latchkey.token.UserInfoEndpoint;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code GET /oauth/info}: what a bearer access token is, for the client that holds it. */
@Singleton
@CrossOrigin(CrossOriginPolicy.Endpoint.TOKEN_INFO)
@Path("oauth/info")
public final class TokenInfoResource {
    private final TokenInfoEndpoint info;

    @Inject
    public TokenInfoResource(TokenInfoEndpoint info) {
        this.info = info;
    }

    @GET
    @NoStore
    @Produces(MediaType.APPLICATION_JSON)
    public Response get(@Context HttpHeaders headers, @Context HttpServletRequest servlet) {
        return Response.ok(info.info(BearerToken.fromHeader(headers).orElseThrow(UserInfoEndpoint::tokenMissing),
                servlet.getRemoteAddr())).build();
    }

    /** The CORS preflight ({@link CrossOriginFilter} writes its headers). */
    @OPTIONS
    public Response preflight() {
        return Response.noContent().build();
    }
}
