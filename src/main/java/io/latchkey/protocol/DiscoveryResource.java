package io.latchkey.protocol;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import org.glassfish.jersey.server.ContainerRequest;

/** Server metadata (RFC 8414 §3, OpenID Connect Discovery 1.0 §4). */
@Singleton
@CrossOrigin(CrossOriginPolicy.Endpoint.DISCOVERY)
@Path(".well-known")
public final class DiscoveryResource {
    private final DiscoveryDocument document;
    private final CachedJson body = new CachedJson();

    @Inject
    public DiscoveryResource(DiscoveryDocument document) {
        this.document = document;
    }

    @GET
    @Path("openid-configuration")
    @Produces(MediaType.APPLICATION_JSON)
    public Response openidConfiguration(@Context ContainerRequest request) {
        return metadata(request);
    }

    @GET
    @Path("oauth-authorization-server")
    @Produces(MediaType.APPLICATION_JSON)
    public Response oauthAuthorizationServer(@Context ContainerRequest request) {
        return metadata(request);
    }

    private Response metadata(Request request) {
        return CachedJson.response(request, body.of(document.sources(), document::toJson), "public, max-age=300");
    }

    /** The CORS preflights ({@link CrossOriginFilter} writes their headers). */
    @OPTIONS
    @Path("openid-configuration")
    public Response openidConfigurationPreflight() {
        return Response.noContent().build();
    }

    @OPTIONS
    @Path("oauth-authorization-server")
    public Response oauthAuthorizationServerPreflight() {
        return Response.noContent().build();
    }
}
