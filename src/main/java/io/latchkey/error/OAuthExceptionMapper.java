package io.latchkey.error;

import io.latchkey.admin.Problems;
import io.latchkey.security.RedactedLog;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Logger;

/** Every protocol error, mapped once: status and body from the error code, plus any challenge header. */
@Provider
public final class OAuthExceptionMapper implements ExceptionMapper<OAuthException> {
    private static final Logger LOG = RedactedLog.of(OAuthExceptionMapper.class);

    @Context
    private HttpServletRequest request;
    @Context
    private HttpHeaders headers;

    @Override
    public Response toResponse(OAuthException exception) {
        if (Problems.isAdminPath(request)) {
            return Problems.of(exception, request);
        }
        OAuthError error = exception.error();
        LOG.info(() -> "request " + ErrorResponses.requestId(request) + ": " + error.code().wireName()
                + " (" + exception.detail() + ")");
        Response response = ErrorResponses.of(error, error.code().status(), request, headers);
        if (exception.challenge().isEmpty() && exception.retryAfterSeconds().isEmpty()) {
            return response;
        }
        Response.ResponseBuilder builder = Response.fromResponse(response);
        exception.challenge().ifPresent(challenge -> builder.header(HttpHeaders.WWW_AUTHENTICATE, challenge));
        exception.retryAfterSeconds().ifPresent(seconds -> builder.header(HttpHeaders.RETRY_AFTER, seconds));
        return builder.build();
    }
}
