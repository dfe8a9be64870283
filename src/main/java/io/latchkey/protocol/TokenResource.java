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
import java.util.Enumeration;

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
    public Response token(InputStream body, @Context HttpServletRequest servlet) {
        // One injected context, not two: each costs a request-scoped look-up on every token request.
        TokenRequest request = TokenRequest.parse(header(servlet, HttpHeaders.CONTENT_TYPE), body,
                header(servlet, HttpHeaders.AUTHORIZATION), servlet.getRemoteAddr());
        return Response.ok(tokens.handle(request).body(), MediaType.APPLICATION_JSON_TYPE).build();
    }

    /**
     * A header as JAX-RS's {@code getHeaderString} gives it: a repeated header's values joined with commas (so a
     * second Authorization or Content-Type is seen and refused, never silently ignored), null when absent.
     */
    static String header(HttpServletRequest servlet, String name) {
        Enumeration<String> values = servlet.getHeaders(name);
        if (values == null || !values.hasMoreElements()) {
            return null;
        }
        String first = values.nextElement();
        if (!values.hasMoreElements()) {
            return first;
        }
        StringBuilder joined = new StringBuilder(first);
        while (values.hasMoreElements()) {
            joined.append(',').append(values.nextElement());
        }
        return joined.toString();
    }

    /** The CORS preflight ({@link CrossOriginFilter} writes its headers). */
    @OPTIONS
    public Response preflight() {
        return Response.noContent().build();
    }
}
