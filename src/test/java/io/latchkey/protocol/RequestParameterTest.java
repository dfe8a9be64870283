package io.latchkey.protocol;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.latchkey.security.ClientAddressFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URI;
import java.util.function.Function;
import org.glassfish.jersey.internal.MapPropertiesDelegate;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.model.Parameter;
import org.junit.jupiter.api.Test;

/** The request itself for {@code @Context ContainerRequest} parameters, and nothing for any other parameter. */
class RequestParameterTest {
    @SuppressWarnings("unused")
    private static void resourceMethod(@Context ContainerRequest request, @Context HttpHeaders headers,
                                       ContainerRequest entity, @Context UriInfo uri) {
    }

    private static Parameter parameter(int index) throws NoSuchMethodException {
        Method method = RequestParameterTest.class.getDeclaredMethod("resourceMethod", ContainerRequest.class,
                HttpHeaders.class, ContainerRequest.class, UriInfo.class);
        Annotation[] annotations = method.getParameterAnnotations()[index];
        return Parameter.create(RequestParameterTest.class, RequestParameterTest.class, false,
                method.getParameterTypes()[index], method.getGenericParameterTypes()[index], annotations);
    }

    private static ContainerRequest request() {
        return new ContainerRequest(URI.create("http://127.0.0.1/"), URI.create("http://127.0.0.1/oauth/introspect"),
                "POST", null, new MapPropertiesDelegate(), null);
    }

    @Test
    void givesAContextContainerRequestParameterTheRequestItself() throws Exception {
        Function<ContainerRequest, ?> provider = new RequestParameter().getValueProvider(parameter(0));
        assertNotNull(provider);
        ContainerRequest request = request();
        assertSame(request, provider.apply(request));
    }

    @Test
    void leavesEveryOtherParameterToJersey() throws Exception {
        assertNull(new RequestParameter().getValueProvider(parameter(1)), "another @Context type");
        assertNull(new RequestParameter().getValueProvider(parameter(2)), "an entity parameter");
        assertNull(new RequestParameter().getValueProvider(parameter(3)), "another @Context type");
    }

    @Test
    void theClientAddressIsTheOneTheFilterResolved() {
        ContainerRequest request = request();
        assertThrows(IllegalStateException.class, () -> RequestParameter.clientAddress(request),
                "no guessing when the filter did not run");
        request.setProperty(ClientAddressFilter.CLIENT_ADDRESS_ATTRIBUTE, "192.0.2.7");
        assertEquals("192.0.2.7", RequestParameter.clientAddress(request));
    }
}
