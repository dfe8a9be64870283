package io.latchkey.error;

import io.latchkey.security.RedactedLog;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Anything unexpected: logged in full with the request id, answered with {@code server_error} and that
 * id only, so the client can report it and nothing internal leaks.
 */
@Provider
public final class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = RedactedLog.of(UnexpectedExceptionMapper.class);

    @Context
    private HttpServletRequest request;
    @Context
    private HttpHeaders headers;

    public UnexpectedExceptionMapper() {
    }

    UnexpectedExceptionMapper(HttpServletRequest request, HttpHeaders headers) {
        this.request = request;
        this.headers = headers;
    }

    @Override
    public Response toResponse(Throwable exception) {
        String requestId = ErrorResponses.requestId(request);
        LOG.log(Level.SEVERE, "request " + requestId + " failed unexpectedly", exception);
        OAuthError error = new OAuthError(ErrorCode.SERVER_ERROR,
                "the server met an unexpected condition; request id " + requestId);
        return ErrorResponses.of(error, ErrorCode.SERVER_ERROR.status(), request, headers);
    }
}
