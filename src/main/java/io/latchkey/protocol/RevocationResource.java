package io.latchkey.protocol;

import io.latchkey.client.FormParameters;
import io.latchkey.token.RevocationEndpoint;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;

/** {@code POST /oauth/revoke} (RFC 7009): 200 with an empty body, whether or not the token was known. */
@Singleton
@CrossOrigin(CrossOriginPolicy.Endpoint.REVOCATION)
@Path("oauth/revoke")
public final class RevocationResource {
    private final RevocationEndpoint revocation;

    @Inject
    public RevocationResource(RevocationEndpoint revocation) {
        this.revocation = revocation;
    }

    @POST
    @NoStore
    @Consumes(MediaType.WILDCARD)
    public Response revoke(InputStream body, @Context HttpHeaders headers, @Context HttpServletRequest servlet) {
        revocation.revoke(FormParameters.parse(headers.getHeaderString(HttpHeaders.CONTENT_TYPE), body),
                headers.getHeaderString(HttpHeaders.AUTHORIZATION), servlet.getRemoteAddr());
        return Response.ok().build();
    }

    /** The CORS preflight ({@link CrossOriginFilter} writes its headers). */
    @OPTIONS
    public Response preflight() {
        return Response.noContent().build();
    }
}
