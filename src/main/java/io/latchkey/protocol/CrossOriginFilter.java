package io.latchkey.protocol;

import io.latchkey.client.FormParameters;
import io.latchkey.error.OAuthException;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.server.model.Invocable;
import org.glassfish.jersey.server.model.ResourceMethod;

/**
 * Writes {@link CrossOriginPolicy}'s decision into the answers of the resources marked {@link CrossOrigin}: the
 * CORS headers, {@code Vary: Origin} on every answer (the answer depends on it, RFC 9110 §12.5.5) and the
 * {@code Allow} header of the {@code OPTIONS} answer. For the token and revocation endpoints it reads the
 * client_id from the (already buffered) form body of a request that has an {@code Origin}, and puts the body back.
 */
@Provider
public final class CrossOriginFilter implements ContainerRequestFilter, ContainerResponseFilter {
    private static final String BODY_CLIENT = CrossOriginFilter.class.getName() + ".bodyClient";
    private static final String ORIGIN = "Origin";
    private static final String REQUEST_METHOD = "Access-Control-Request-Method";

    private final CrossOriginPolicy policy;
    /** Each resource method's marking, looked up once (an absent marking as {@link Optional#empty()}). */
    private final Map<Method, Optional<CrossOriginPolicy.Endpoint>> endpoints = new ConcurrentHashMap<>();

    @Inject
    public CrossOriginFilter(CrossOriginPolicy policy) {
        this.policy = policy;
    }

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        Optional<CrossOriginPolicy.Endpoint> endpoint = endpoint(request);
        if (endpoint.isEmpty() || request.getHeaderString(ORIGIN) == null
                || !HttpMethod.POST.equals(request.getMethod())
                || endpoint.get() != CrossOriginPolicy.Endpoint.TOKEN
                && endpoint.get() != CrossOriginPolicy.Endpoint.REVOCATION) {
            return;
        }
        byte[] body = request.getEntityStream().readAllBytes();
        request.setEntityStream(new ByteArrayInputStream(body));
        request.setProperty(BODY_CLIENT, bodyClient(request, body));
    }

    private static CrossOriginPolicy.BodyClient bodyClient(ContainerRequestContext request, byte[] body) {
        try {
            FormParameters form = FormParameters.parse(request.getHeaderString(HttpHeaders.CONTENT_TYPE),
                    new ByteArrayInputStream(body), FormParameters.REPEATS_CHECKED_LATER);
            boolean authenticates = request.getHeaderString(HttpHeaders.AUTHORIZATION) != null
                    || !form.all("client_secret").isEmpty() || !form.all("client_assertion").isEmpty();
            return new CrossOriginPolicy.BodyClient(form.get("client_id"), authenticates);
        } catch (OAuthException malformed) {
            // Not a form, or client_id repeated: the endpoint refuses it, and says why to nobody but same-origin.
            return CrossOriginPolicy.BodyClient.NONE;
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Optional<CrossOriginPolicy.Endpoint> endpoint = endpoint(request);
        if (endpoint.isEmpty()) {
            return;
        }
        response.getHeaders().add(HttpHeaders.VARY, ORIGIN);
        Optional<String> origin = Optional.ofNullable(request.getHeaderString(ORIGIN));
        Map<String, String> headers;
        if (HttpMethod.OPTIONS.equals(request.getMethod())) {
            response.getHeaders().putSingle(HttpHeaders.ALLOW, String.join(", ", endpoint.get().allow()));
            headers = request.getHeaderString(REQUEST_METHOD) == null ? Map.of()
                    : policy.preflight(endpoint.get(), origin);
        } else {
            Object body = request.getProperty(BODY_CLIENT);
            headers = policy.answer(endpoint.get(), origin, body instanceof CrossOriginPolicy.BodyClient client
                    ? client : CrossOriginPolicy.BodyClient.NONE);
        }
        headers.forEach(response.getHeaders()::putSingle);
    }

    /**
     * The endpoint of the resource method the request was matched to, read from the request's own routing result:
     * an injected {@code ResourceInfo} is a request-scoped proxy whose every call goes through HK2's method
     * interceptor, which cost the JWKS endpoint a tenth of its CPU.
     */
    private Optional<CrossOriginPolicy.Endpoint> endpoint(ContainerRequestContext request) {
        ResourceMethod matched = request.getUriInfo() instanceof ExtendedUriInfo routing
                ? routing.getMatchedResourceMethod() : null;
        if (matched == null) {
            return Optional.empty();
        }
        Invocable invocable = matched.getInvocable();
        Method method = invocable.getDefinitionMethod();
        return endpoints.computeIfAbsent(method, m -> marking(m, invocable.getHandler().getHandlerClass()));
    }

    private static Optional<CrossOriginPolicy.Endpoint> marking(Method method, Class<?> resourceClass) {
        CrossOrigin marked = method.getAnnotation(CrossOrigin.class);
        if (marked == null) {
            marked = resourceClass.getAnnotation(CrossOrigin.class);
        }
        return Optional.ofNullable(marked).map(CrossOrigin::value);
    }
}
