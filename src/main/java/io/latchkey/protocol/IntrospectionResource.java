package io.latchkey.protocol;

import io.latchkey.client.FormParameters;
import io.latchkey.token.IntrospectionEndpoint;
import io.latchkey.token.IntrospectionJson;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.glassfish.jersey.server.ContainerRequest;

/**
 * {@code POST /oauth/introspect} (RFC 7662; RFC 9701 when the caller accepts the JWT response). Takes the request
 * as Jersey holds it ({@link RequestParameter}): its headers, its body and the client's address, with no per-request
 * injection.
 */
@Singleton
@Path("oauth/introspect")
public final class IntrospectionResource {
    private final IntrospectionEndpoint introspection;

    @Inject
    public IntrospectionResource(IntrospectionEndpoint introspection) {
        this.introspection = introspection;
    }

    @POST
    @NoStore
    @Consumes(MediaType.WILDCARD)
    public Response introspect(@Context ContainerRequest request) {
        FormParameters form = FormParameters.parse(request.getHeaderString(HttpHeaders.CONTENT_TYPE),
                request.getEntityStream());
        IntrospectionEndpoint.Answer answer = introspection.introspect(form,
                request.getHeaderString(HttpHeaders.AUTHORIZATION), RequestParameter.clientAddress(request));
        String accept = request.getHeaderString(HttpHeaders.ACCEPT);
        if (accept != null && accept.contains(IntrospectionEndpoint.JWT_MEDIA_TYPE)) {
            return Response.ok(introspection.asJwt(answer), IntrospectionEndpoint.JWT_MEDIA_TYPE).build();
        }
        return Response.ok(IntrospectionJson.of(answer.claims()), MediaType.APPLICATION_JSON_TYPE).build();
    }

}
