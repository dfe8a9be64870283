package io.latchkey.error;

import io.latchkey.admin.Problems;
import io.latchkey.security.RedactedLog;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.sql.SQLException;
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
        if (Problems.isAdminPath(request)) {
            return Problems.unexpected(exception, request);
        }
        String requestId = ErrorResponses.requestId(request);
        IOException io = inputOutputFailure(exception);
        if (io != null) {
            // The connection failed (an aborted upload, a broken chunk): the client's doing, and anyone may
            // cause it at will, so one short line at FINE and no stack trace, never a flood of SEVERE.
            LOG.fine(() -> "request " + requestId + ": the connection failed (" + io.getClass().getSimpleName() + ")");
            return ErrorResponses.of(new OAuthError(ErrorCode.INVALID_REQUEST, "the request could not be read"),
                    ErrorCode.INVALID_REQUEST.status(), request, headers);
        }
        LOG.log(Level.SEVERE, "request " + requestId + " failed unexpectedly", exception);
        OAuthError error = new OAuthError(ErrorCode.SERVER_ERROR,
                "the server met an unexpected condition; request id " + requestId);
        return ErrorResponses.of(error, ErrorCode.SERVER_ERROR.status(), request, headers);
    }

    /**
     * The I/O failure behind an exception, if any. Apart from the database (whose failures are SQLExceptions,
     * where the search stops), Latchkey's only I/O while serving a request is the client's connection.
     */
    public static IOException inputOutputFailure(Throwable exception) {
        for (Throwable cause = exception; cause != null && !(cause instanceof SQLException); cause = cause.getCause()) {
            if (cause instanceof IOException io) {
                return io;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }
}
