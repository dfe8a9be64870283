package io.latchkey.protocol;

import io.latchkey.key.JwksDocument;
import io.latchkey.key.KeyRing;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code GET /oauth/jwks}: the public signing keys, cacheable for {@link KeyRing#jwksMaxAge()}, the time a new key
 * is published before it signs. */
@Singleton
@CrossOrigin(CrossOriginPolicy.Endpoint.JWKS)
@Path("oauth/jwks")
public final class JwksResource {
    private final KeyRing keys;

    @Inject
    public JwksResource(KeyRing keys) {
        this.keys = keys;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response jwks() {
        return Response.ok(JwksDocument.of(keys.published()))
                .header(HttpHeaders.CACHE_CONTROL, "public, max-age=" + keys.jwksMaxAge().toSeconds())
                .build();
    }

    /** The CORS preflight ({@link CrossOriginFilter} writes its headers). */
    @OPTIONS
    public Response preflight() {
        return Response.noContent().build();
    }
}
