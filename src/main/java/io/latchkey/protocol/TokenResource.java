package io.latchkey.protocol;

import io.latchkey.grant.TokenEndpoint;
import io.latchkey.grant.TokenRequest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;

/**
 * {@code POST /oauth/token} (RFC 6749 §3.2). The body is taken raw so that the parser, not the
 * framework, decides about media type, encoding, size and repeated parameters.
 */
@Singleton
@CrossOrigin(CrossOriginPolicy.Endpoint.TOKEN)
@Path("oauth/token")
public final class TokenResource {
    private final TokenEndpoint tokens;

    @Inject
    public TokenResource(TokenEndpoint tokens) {
        this.tokens = tokens;
    }

    @POST
    @NoStore
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response token(InputStream body, @Context HttpHeaders headers, @Context HttpServletRequest servlet) {
        TokenRequest request = TokenRequest.parse(headers.getHeaderString(HttpHeaders.CONTENT_TYPE), body,
                headers.getHeaderString(HttpHeaders.AUTHORIZATION), servlet.getRemoteAddr());
        return Response.ok(tokens.handle(request).body(), MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** The CORS preflight ({@link CrossOriginFilter} writes its headers). */
    @OPTIONS
    public Response preflight() {
        return Response.noContent().build();
    }
}
