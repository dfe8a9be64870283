package io.latchkey.protocol;

import java.util.function.Function;
import org.glassfish.jersey.model.Parameter.Source;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.model.Parameter;
import org.glassfish.jersey.server.spi.internal.ValueParamProvider;

/**
 * Hands a resource method's {@code @Context ContainerRequest} parameter the request Jersey is processing, as it is.
 * Without this, Jersey resolves every {@code @Context} parameter through HK2 on every request: a supplier object
 * built with its own injection per parameter (for {@code HttpServletRequest} also a referencing factory), which was
 * about a tenth of the server's CPU under PAT introspection. The request carries what the hot endpoints need: the
 * headers, the body, and the servlet request's attributes as its properties (the client address of
 * {@link io.latchkey.security.ClientAddressFilter}); it is also the JAX-RS {@code Request} whose preconditions the
 * JWKS and discovery documents evaluate. Taken by the token, introspection, JWKS and discovery endpoints.
 */
public final class RequestParameter implements ValueParamProvider {
    @Override
    public Function<ContainerRequest, ?> getValueProvider(Parameter parameter) {
        if (parameter.getSource() == Source.CONTEXT && parameter.getRawType() == ContainerRequest.class) {
            return request -> request;
        }
        return null;
    }

    /**
     * The client's address as {@link io.latchkey.security.ClientAddressFilter} resolved it (a servlet request
     * attribute, which Jersey shows as a request property); that filter runs before Jersey on every request.
     */
    public static String clientAddress(ContainerRequest request) {
        if (request.getProperty(io.latchkey.security.ClientAddressFilter.CLIENT_ADDRESS_ATTRIBUTE)
                instanceof String address) {
            return address;
        }
        throw new IllegalStateException("the client-address filter did not run before Jersey");
    }

    @Override
    public PriorityType getPriority() {
        // Ahead of the general @Context provider (LOW), which would resolve it through HK2.
        return Priority.HIGH;
    }
}
