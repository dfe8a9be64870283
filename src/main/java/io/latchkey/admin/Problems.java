package io.latchkey.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.latchkey.consent.ScopeCatalog;
import io.latchkey.error.OAuthError;
import io.latchkey.error.OAuthException;
import io.latchkey.error.UnexpectedExceptionMapper;
import io.latchkey.error.Violation;
import io.latchkey.security.RedactedLog;
import io.latchkey.security.TransportSecurityFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one place an error under {@code /api/admin} becomes a response: {@code application/problem+json}
 * (RFC 9457) with {@code type}, {@code title}, {@code status}, {@code detail}, the {@code request_id} and, for
 * invalid input, {@code violations: [{field, message}]}. Whatever failed — a refusal of a resource, JAX-RS's own
 * 404/405/415, a protocol error from a shared service, or something unexpected — the answer has this shape and is
 * never a stack trace. The error mappers of the rest of the server hand admin paths here and keep their own shape
 * for every other path.
 */
public final class Problems {
    public static final MediaType PROBLEM_JSON = new MediaType("application", "problem+json");
    private static final Logger LOG = RedactedLog.of(Problems.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private Problems() {
    }

    /** Whether the request is for the admin API, whose errors are problem documents. */
    public static boolean isAdminPath(HttpServletRequest request) {
        if (request == null) {
            return false;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals(ScopeCatalog.ADMIN_API_PATH) || path.startsWith(ScopeCatalog.ADMIN_API_PATH + "/");
    }

    /** The body of {@code problem} (a map in the order RFC 9457 lists the members). */
    public static Map<String, Object> body(AdminProblem problem, String requestId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.type().uri());
        body.put("title", problem.type().title());
        body.put("status", problem.type().status());
        body.put("detail", problem.detail());
        if (requestId != null) {
            body.put("request_id", requestId);
        }
        if (!problem.violations().isEmpty()) {
            List<Map<String, String>> violations = new ArrayList<>();
            for (Violation violation : problem.violations()) {
                violations.add(Map.of("field", violation.field(), "message", violation.message()));
            }
            body.put("violations", violations);
        }
        return body;
    }

    /** The problem document of {@code problem} in this request, serialised. */
    public static byte[] document(AdminProblem problem, HttpServletRequest request) {
        String requestId = request == null ? null : TransportSecurityFilter.requestId(request);
        try {
            return JSON.writeValueAsBytes(body(problem, requestId));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem document is always serialisable", e);
        }
    }

    /**
     * A servlet filter's refusal of an admin request before Jersey saw it (an unreadable query string, a body
     * too large or too slow), as a problem document of the status it chose.
     */
    public static AdminProblem refusal(int status, String description) {
        return new AdminProblem(ProblemType.forStatus(status), description);
    }

    public static Response of(AdminProblem problem, HttpServletRequest request) {
        Response.ResponseBuilder response = Response.status(problem.type().status())
                .type(PROBLEM_JSON)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .entity(document(problem, request));
        problem.headers().forEach(response::header);
        return response.build();
    }

    /** JAX-RS's own refusals: unknown path, wrong method (with {@code Allow}), media types. */
    public static Response of(WebApplicationException exception, HttpServletRequest request) {
        Response original = exception.getResponse();
        int status = original.getStatus();
        if (status >= 500) {
            return unexpected(exception, request);
        }
        String method = request == null ? "" : request.getMethod().replaceAll("[^A-Z]", "");
        AdminProblem problem = switch (status) {
            case 404 -> new AdminProblem(ProblemType.NOT_FOUND, "there is nothing at this address");
            case 405 -> new AdminProblem(ProblemType.METHOD_NOT_ALLOWED, "this resource does not accept "
                    + method, List.of(), allow(original));
            case 406 -> new AdminProblem(ProblemType.NOT_ACCEPTABLE, "this resource answers application/json");
            case 415 -> new AdminProblem(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "the request body has an unsupported media type");
            default -> new AdminProblem(ProblemType.forStatus(status), "the request is malformed");
        };
        return of(problem, request);
    }

    /** A protocol error of a shared service (the bearer-token brake's 429, for one). */
    public static Response of(OAuthException exception, HttpServletRequest request) {
        OAuthError error = exception.error();
        int status = error.code().status();
        if (status >= 500) {
            return unexpected(exception, request);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        exception.challenge().ifPresent(challenge -> headers.put(HttpHeaders.WWW_AUTHENTICATE, challenge));
        exception.retryAfterSeconds().ifPresent(seconds -> headers.put(HttpHeaders.RETRY_AFTER, String.valueOf(seconds)));
        LOG.info(() -> "request " + requestId(request) + ": " + error.code().wireName() + " (" + exception.detail() + ")");
        return of(new AdminProblem(ProblemType.forStatus(status), error.description(), List.of(), headers), request);
    }

    /**
     * Anything else: a failed connection is the client's doing (400, one line at FINE); the rest is logged in full
     * with the request id and answered with that id only.
     */
    public static Response unexpected(Throwable exception, HttpServletRequest request) {
        String requestId = requestId(request);
        if (UnexpectedExceptionMapper.inputOutputFailure(exception) != null) {
            LOG.fine(() -> "request " + requestId + ": the connection failed");
            return of(new AdminProblem(ProblemType.INVALID_REQUEST, "the request could not be read"), request);
        }
        LOG.log(Level.SEVERE, "request " + requestId + " failed unexpectedly", exception);
        return of(new AdminProblem(ProblemType.SERVER_ERROR,
                "the server met an unexpected condition; request id " + requestId), request);
    }

    private static Map<String, String> allow(Response original) {
        String allow = original.getHeaderString(HttpHeaders.ALLOW);
        return allow == null ? Map.of() : Map.of(HttpHeaders.ALLOW, allow);
    }

    private static String requestId(HttpServletRequest request) {
        return request == null ? "-" : TransportSecurityFilter.requestId(request);
    }
}
