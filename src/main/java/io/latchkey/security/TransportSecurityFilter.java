package io.latchkey.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Logger;

/**
 * The first filter every request meets: gives it a request id, refuses plain http where the
 * {@link TransportPolicy} says so, and sets the security headers on every response.
 */
public final class TransportSecurityFilter extends HttpFilter {
    public static final String REQUEST_ID_ATTRIBUTE = "io.latchkey.requestId";
    private static final Logger LOG = RedactedLog.of(TransportSecurityFilter.class);
    private static final String HTTPS_REQUIRED =
            "{\"error\":\"invalid_request\",\"error_description\":\"HTTPS is required\"}";
    private static final String CREDENTIAL_IN_QUERY = "{\"error\":\"invalid_request\","
            + "\"error_description\":\"tokens and secrets are not accepted in the query string\"}";

    private final transient TransportPolicy policy;

    public TransportSecurityFilter(TransportPolicy policy) {
        this.policy = policy;
    }

    /** The id this filter gave the request (also in its {@code X-Request-Id} header), or {@code none}. */
    public static String requestId(ServletRequest request) {
        Object id = request == null ? null : request.getAttribute(REQUEST_ID_ATTRIBUTE);
        return id == null ? "none" : id.toString();
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String requestId = newRequestId();
        request.setAttribute(REQUEST_ID_ATTRIBUTE, requestId);
        response.setHeader("X-Request-Id", requestId);
        response.setHeader("X-Content-Type-Options", "nosniff");
        // same-origin, not no-referrer: under no-referrer a browser sends "Origin: null" with the posts of our own
        // forms (Fetch standard, "append a request Origin header"), and SameOriginForms must see our origin there;
        // other sites still get no Referer from our pages.
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Content-Security-Policy", ContentSecurityPolicy.pages());
        TransportPolicy.Verdict verdict = policy.judge(new TransportPolicy.Transport(
                request.isSecure(), request.getRemoteAddr(), request.getHeader("X-Forwarded-Proto")));
        if (verdict == TransportPolicy.Verdict.REFUSE) {
            LOG.info(() -> "refused plain-http request " + requestId + " from " + request.getRemoteAddr());
            refuse(response, HTTPS_REQUIRED, null);
            return;
        }
        // Refused here, before anything (the framework included) can log a URL that carries a credential.
        if (CredentialsInQuery.present(request.getQueryString())) {
            LOG.info(() -> "refused request " + requestId + " with a credential in its query string");
            refuse(response, CREDENTIAL_IN_QUERY, "Bearer realm=\"latchkey\", error=\"invalid_request\"");
            return;
        }
        if (verdict == TransportPolicy.Verdict.ALLOW_HTTPS && !policy.devMode()) {
            response.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        }
        chain.doFilter(request, response);
    }

    /**
     * A correlation id for logs and error pages (96 bits). Not a secret, so ThreadLocalRandom: SecureRandom's
     * lock was one more thing every request of every thread queued for.
     */
    private static String newRequestId() {
        byte[] id = new byte[12];
        ThreadLocalRandom.current().nextBytes(id);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    }

    private static void refuse(HttpServletResponse response, String json, String challenge) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        response.setHeader("Cache-Control", "no-store");
        if (challenge != null) {
            response.setHeader("WWW-Authenticate", challenge);
        }
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
