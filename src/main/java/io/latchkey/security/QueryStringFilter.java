package io.latchkey.security;

import io.latchkey.client.FormUrlDecoding;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Logger;

/**
 * Refuses a query string whose percent escapes are malformed (RFC 3986 §2.1: "%" HEXDIG HEXDIG) before Jersey
 * decodes it: for a form POST with an empty body, Jersey's servlet layer decodes the query outside the
 * application's exception mappers, and a trailing {@code %} there became the container's 500.
 */
public final class QueryStringFilter extends HttpFilter {
    private static final Logger LOG = RedactedLog.of(QueryStringFilter.class);
    private final Refusal refusal;

    public QueryStringFilter(Refusal refusal) {
        this.refusal = refusal;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!wellFormed(request.getQueryString())) {
            LOG.fine(() -> "refused a query string with a malformed percent escape");
            refusal.send(request, response, HttpServletResponse.SC_BAD_REQUEST,
                    "the query string is not properly percent-encoded");
            return;
        }
        chain.doFilter(request, response);
    }

    /** True when every {@code %} of the query string starts a percent escape of two hex digits. */
    static boolean wellFormed(String query) {
        return query == null || FormUrlDecoding.percentEscapesWellFormed(query);
    }
}
