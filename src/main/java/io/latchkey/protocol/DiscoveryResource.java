package io.latchkey.protocol;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Server metadata (RFC 8414 §3, OpenID Connect Discovery 1.0 §4). */
@Singleton
@Path(".well-known")
public final class DiscoveryResource {
    private final DiscoveryDocument document;

    @Inject
    public DiscoveryResource(DiscoveryDocument document) {
        this.document = document;
    }

    @GET
    @Path("openid-configuration")
    @Produces(MediaType.APPLICATION_JSON)
    public Response openidConfiguration() {
        return metadata();
    }

    @GET
    @Path("oauth-authorization-server")
    @Produces(MediaType.APPLICATION_JSON)
    public Response oauthAuthorizationServer() {
        return metadata();
    }

    private Response metadata() {
        return Response.ok(document.toJson()).header(HttpHeaders.CACHE_CONTROL, "public, max-age=300").build();
    }
}
