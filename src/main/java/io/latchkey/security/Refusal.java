package io.latchkey.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * How a filter answers a request it refuses before Jersey sees it (an unreadable query or body):
 * {@code invalid_request} with the given status, as the RFC 6749 JSON body or, where a person's browser is
 * the caller, as the error page. The answer is sent at once and the connection closed.
 */
@FunctionalInterface
public interface Refusal {
    /** Always the RFC 6749 §5.2 JSON body. */
    Refusal JSON = (request, response, status, description) -> InvalidRequestAnswer.send(response, status, description);

    void send(HttpServletRequest request, HttpServletResponse response, int status, String description);
}
