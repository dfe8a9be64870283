package io.latchkey.error;

import io.latchkey.security.TransportSecurityFilter;
import io.latchkey.web.View;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The single place an {@link OAuthError} becomes an HTTP response: RFC 6749 §5.2 JSON for API
 * endpoints and machines, the error page for people. Never a stack trace, never the container's page.
 */
public final class ErrorResponses {
    /** Endpoints a person's browser is sent to: their errors are always pages (RFC 6749 §4.1.2.1). */
    private static final List<String> PAGE_PATHS = List.of("/oauth/authorize", "/oauth/logout", "/login", "/consent",
            "/account", "/admin/");
    private ErrorResponses() {
    }

    public static Response of(OAuthError error, int status, HttpServletRequest request, HttpHeaders headers) {
        if (wantsPage(request, headers)) {
            return Response.status(status)
                    .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .header(HttpHeaders.CACHE_CONTROL, "no-store")
                    .entity(errorPage(error, request))
                    .build();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error.code().wireName());
        body.put("error_description", error.description());
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Pragma", "no-cache")
                .entity(body)
                .build();
    }

    /** The error page showing {@code error} to a person. */
    public static View errorPage(OAuthError error, HttpServletRequest request) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("error", error.code().wireName());
        model.put("description", error.description());
        model.put("requestId", requestId(request));
        return new View("error", model);
    }

    /** Whether the request is for an endpoint a person's browser is sent to, whose errors are always pages. */
    public static boolean isPagePath(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return PAGE_PATHS.stream().anyMatch(path::startsWith);
    }

    public static String requestId(HttpServletRequest request) {
        return TransportSecurityFilter.requestId(request);
    }

    /** A person's browser asking for anything but the OAuth and discovery endpoints gets a page. */
    private static boolean wantsPage(HttpServletRequest request, HttpHeaders headers) {
        if (request == null || headers == null) {
            return false;
        }
        if (isPagePath(request)) {
            return true;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/oauth/") || path.startsWith("/.well-known/") || path.startsWith("/api/")) {
            return false;
        }
        List<MediaType> accepted;
        try {
            accepted = headers.getAcceptableMediaTypes();
        } catch (RuntimeException unparseable) {
            // An Accept header Jersey cannot parse states no preference; the error must not become a 500.
            return false;
        }
        return !accepted.isEmpty() && accepted.get(0).isCompatible(MediaType.TEXT_HTML_TYPE)
                && !accepted.get(0).isWildcardType();
    }
}
