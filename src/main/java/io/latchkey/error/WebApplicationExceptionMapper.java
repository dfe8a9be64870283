package io.latchkey.error;

import io.latchkey.admin.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** JAX-RS's own errors (404, 405, 406, 415, ...) in the same RFC 6749 shape instead of the container's page. */
@Provider
public final class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
    @Context
    private HttpServletRequest request;
    @Context
    private HttpHeaders headers;

    @Override
    public Response toResponse(WebApplicationException exception) {
        if (Problems.isAdminPath(request)) {
            return Problems.of(exception, request);
        }
        int status = exception.getResponse().getStatus();
        if (status >= 500) {
            return new UnexpectedExceptionMapper(request, headers).toResponse(exception);
        }
        OAuthError error = switch (status) {
            case 404 -> new OAuthError(ErrorCode.NOT_FOUND, "there is nothing at this address");
            case 405 -> new OAuthError(ErrorCode.METHOD_NOT_ALLOWED, "this endpoint does not accept the "
                    + request.getMethod().replaceAll("[^A-Z]", "") + " method");
            case 406 -> new OAuthError(ErrorCode.INVALID_REQUEST, "the requested media type is not available");
            case 415 -> new OAuthError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "the request body has an unsupported media type");
            default -> new OAuthError(ErrorCode.INVALID_REQUEST, "the request is malformed");
        };
        Response response = ErrorResponses.of(error, status, request, headers);
        String allow = exception.getResponse().getHeaderString(HttpHeaders.ALLOW);
        return allow == null ? response : Response.fromResponse(response).header(HttpHeaders.ALLOW, allow).build();
    }
}
