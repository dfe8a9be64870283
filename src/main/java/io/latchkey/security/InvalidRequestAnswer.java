package io.latchkey.security;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.Logger;

/**
 * The answer of a filter that refuses a request before Jersey sees it: {@code invalid_request} with a fixed
 * description, sent at once, and the connection closed (the rest of the request is unread). RFC 6749 §5.2
 * JSON here; {@link #send(HttpServletResponse, int, String, byte[])} sends any other body (the error page).
 */
public final class InvalidRequestAnswer {
    private static final Logger LOG = RedactedLog.of(InvalidRequestAnswer.class);

    private InvalidRequestAnswer() {
    }

    static void send(HttpServletResponse response, int status, String description) {
        byte[] body = ("{\"error\":\"invalid_request\",\"error_description\":\"" + description + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        send(response, status, "application/json", body);
    }

    public static void send(HttpServletResponse response, int status, String contentType, byte[] body) {
        if (response.isCommitted()) {
            return;
        }
        try {
            response.resetBuffer();
            response.setStatus(status);
            response.setHeader("Cache-Control", "no-store");
            response.setHeader("Connection", "close");
            response.setContentType(contentType);
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
            // Out now: after a read error the container closes the connection as soon as the listener returns.
            response.flushBuffer();
        } catch (IOException | IllegalStateException e) {
            LOG.fine(() -> "could not answer: " + e.getClass().getSimpleName());
        }
    }
}
