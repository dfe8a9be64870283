package io.latchkey.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.Logger;

/**
 * The first filter every request meets: gives it a request id, refuses plain http where the
 * {@link TransportPolicy} says so, and sets the security headers on every response.
 */
public final class TransportSecurityFilter extends HttpFilter {
    public static final String REQUEST_ID_ATTRIBUTE = "io.latchkey.requestId";
    private static final Logger LOG = RedactedLog.of(TransportSecurityFilter.class);
    /** Pages carry no script and load only our own stylesheet and images. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    private static final String HTTPS_REQUIRED =
            "{\"error\":\"invalid_request\",\"error_description\":\"HTTPS is required\"}";

    private final transient TransportPolicy policy;

    public TransportSecurityFilter(TransportPolicy policy) {
        this.policy = policy;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String requestId = RandomValues.base64Url(96);
        request.setAttribute(REQUEST_ID_ATTRIBUTE, requestId);
        response.setHeader("X-Request-Id", requestId);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        TransportPolicy.Verdict verdict = policy.judge(new TransportPolicy.Transport(
                request.isSecure(), request.getRemoteAddr(), request.getHeader("X-Forwarded-Proto")));
        if (verdict == TransportPolicy.Verdict.REFUSE) {
            LOG.info(() -> "refused plain-http request " + requestId + " from " + request.getRemoteAddr());
            byte[] body = HTTPS_REQUIRED.getBytes(StandardCharsets.UTF_8);
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            response.setHeader("Cache-Control", "no-store");
            response.setContentType("application/json");
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
            return;
        }
        if (verdict == TransportPolicy.Verdict.ALLOW_HTTPS && !policy.devMode()) {
            response.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        }
        chain.doFilter(request, response);
    }
}
