package io.latchkey.protocol;

import io.latchkey.client.FormParameters;
import io.latchkey.security.ClientAddressFilter;
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
                request.getHeaderString(HttpHeaders.AUTHORIZATION), clientAddress(request));
        String accept = request.getHeaderString(HttpHeaders.ACCEPT);
        if (accept != null && accept.contains(IntrospectionEndpoint.JWT_MEDIA_TYPE)) {
            return Response.ok(introspection.asJwt(answer), IntrospectionEndpoint.JWT_MEDIA_TYPE).build();
        }
        return Response.ok(IntrospectionJson.of(answer.claims()), MediaType.APPLICATION_JSON_TYPE).build();
    }

    /**
     * The client's address as {@link ClientAddressFilter} resolved it (a servlet request attribute, which Jersey
     * shows as a request property); that filter runs before Jersey on every request.
     */
    static String clientAddress(ContainerRequest request) {
        if (request.getProperty(ClientAddressFilter.CLIENT_ADDRESS_ATTRIBUTE) instanceof String address) {
            return address;
        }
        throw new IllegalStateException("the client-address filter did not run before Jersey");
    }
}
