package io.latchkey.protocol;

import io.latchkey.key.JwksDocument;
import io.latchkey.key.KeyRing;
import io.latchkey.key.SigningKey;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.glassfish.jersey.server.ContainerRequest;

/** {@code GET /oauth/jwks}: the public signing keys, cacheable for {@link KeyRing#jwksMaxAge()}, the time a new key
 * is published before it signs. */
@Singleton
@CrossOrigin(CrossOriginPolicy.Endpoint.JWKS)
@Path("oauth/jwks")
public final class JwksResource {
    private final KeyRing keys;
    private final CachedJson body = new CachedJson();

    @Inject
    public JwksResource(KeyRing keys) {
        this.keys = keys;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response jwks(@Context ContainerRequest request) {
        // The key ring hands out one list of published keys until the keys change.
        List<SigningKey> published = keys.published();
        return CachedJson.response(request, body.of(List.of(published), () -> JwksDocument.of(published)),
                "public, max-age=" + keys.jwksMaxAge().toSeconds());
    }

    /** The CORS preflight ({@link CrossOriginFilter} writes its headers). */
    @OPTIONS
    public Response preflight() {
        return Response.noContent().build();
    }
}
