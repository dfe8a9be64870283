package io.latchkey.admin;

import io.latchkey.protocol.BearerToken;
import io.latchkey.security.ClientAddressFilter;
import io.latchkey.security.Secret;
import io.latchkey.security.TransportSecurityFilter;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * RFC 6750 for the admin API: the access token in the {@code Authorization: Bearer} header only. No token: 401
 * with a bare challenge (§3.1: no error code); an unusable one: 401 {@code invalid_token}; a holder or scope that
 * may not: 403 {@code insufficient_scope} naming the scope. Admitted requests carry their {@link AdminCaller}.
 */
@Provider
@AdminApi
@Priority(Priorities.AUTHENTICATION)
public final class AdminAuthenticationFilter implements ContainerRequestFilter {
    static final String REALM = "Bearer realm=\"latchkey-admin\"";

    @Inject
    private AdminAuthentication authentication;
    @Context
    private HttpServletRequest servletRequest;
    @Context
    private HttpHeaders headers;

    @Override
    public void filter(ContainerRequestContext request) {
        Optional<Secret> token = BearerToken.fromHeader(headers);
        if (token.isEmpty()) {
            throw new AdminProblem(ProblemType.UNAUTHORIZED,
                    "send an admin access token in the Authorization header: Bearer <token>", List.of(),
                    Map.of(HttpHeaders.WWW_AUTHENTICATE, REALM));
        }
        String requestId = TransportSecurityFilter.requestId(servletRequest);
        Object address = servletRequest.getAttribute(ClientAddressFilter.CLIENT_ADDRESS_ATTRIBUTE);
        String clientAddress = address instanceof String a ? a : servletRequest.getRemoteAddr();
        AdminAuthentication.Result result = authentication.authenticate(request.getMethod(), token.get(), requestId,
                clientAddress);
        AdminAccessPolicy.Decision decision = result.decision();
        if (decision instanceof AdminAccessPolicy.Allowed allowed) {
            request.setProperty(AdminCaller.PROPERTY, new AdminCaller(result.actor().orElseThrow(), allowed.readOnly()));
        } else if (decision instanceof AdminAccessPolicy.InvalidToken invalid) {
            throw new AdminProblem(ProblemType.UNAUTHORIZED, invalid.description(), List.of(),
                    Map.of(HttpHeaders.WWW_AUTHENTICATE, REALM + ", error=\"invalid_token\", error_description=\""
                            + invalid.description() + "\""));
        } else if (decision instanceof AdminAccessPolicy.InsufficientScope insufficient) {
            throw new AdminProblem(ProblemType.FORBIDDEN, insufficient.description(), List.of(),
                    Map.of(HttpHeaders.WWW_AUTHENTICATE, REALM + ", error=\"insufficient_scope\", scope=\""
                            + insufficient.scope() + "\""));
        }
    }
}
