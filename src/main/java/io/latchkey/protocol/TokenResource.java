package io.latchkey.protocol;

import io.latchkey.grant.TokenEndpoint;
import io.latchkey.grant.TokenRequest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.glassfish.jersey.server.ContainerRequest;

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
    public Response token(@Context ContainerRequest request) {
        return Response.ok(tokens.handle(parse(request)).body(), MediaType.APPLICATION_JSON_TYPE).build();
    }

    /**
     * The token request of the HTTP request as Jersey holds it ({@link RequestParameter}: no per-request injection).
     * A repeated header comes joined with commas ({@code getHeaderString}), so a second Authorization or
     * Content-Type is seen and refused, never silently ignored.
     */
    static TokenRequest parse(ContainerRequest request) {
        return TokenRequest.parse(request.getHeaderString(HttpHeaders.CONTENT_TYPE), request.getEntityStream(),
                request.getHeaderString(HttpHeaders.AUTHORIZATION), RequestParameter.clientAddress(request));
    }

    /** The CORS preflight ({@link CrossOriginFilter} writes its headers). */
    @OPTIONS
    public Response preflight() {
        return Response.noContent().build();
    }
}
