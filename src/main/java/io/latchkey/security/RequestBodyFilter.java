package io.latchkey.security;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * Reads every request body before any endpoint sees the request, with Servlet 3.1 non-blocking I/O: no
 * thread waits while the bytes trickle in, so slow or stalled uploads cannot take the container's threads.
 * A body that has already arrived whole with the headers (the usual small form) goes on at once; otherwise,
 * once the whole body is in (at most {@code maxBytes}), the request is dispatched again (an ASYNC dispatch,
 * on a container thread) and goes on with the buffered body. A body that is too large, malformed (a bad
 * chunk), cut off, or not complete within the deadline is answered here with one short log line at FINE.
 * Needs every filter in front of it, and the ones behind it, to be async-supported, and itself to be
 * mapped to the REQUEST and ASYNC dispatcher types.
 */
public final class RequestBodyFilter extends HttpFilter {
    private static final Logger LOG = RedactedLog.of(RequestBodyFilter.class);
    private static final String BUFFERED = RequestBodyFilter.class.getName() + ".buffered";

    private final int maxBytes;
    private final Duration deadline;
    private final Refusal refusal;

    public RequestBodyFilter(int maxBytes, Duration deadline, Refusal refusal) {
        this.maxBytes = maxBytes;
        this.deadline = deadline;
        this.refusal = refusal;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getDispatcherType() == DispatcherType.ASYNC) {
            Object buffered = request.getAttribute(BUFFERED);
            if (buffered instanceof BufferedBodyRequest body) {
                request.removeAttribute(BUFFERED);
                // The original request (its URI and query string), with the body read.
                chain.doFilter(body, response);
            } else {
                chain.doFilter(request, response);
            }
            return;
        }
        if (!hasBody(request) || !request.isAsyncSupported()) {
            chain.doFilter(request, response);
            return;
        }
        if (request.getContentLengthLong() > maxBytes) {
            LOG.fine(() -> "request " + TransportSecurityFilter.requestId(request) + ": refused a body of " + request.getContentLengthLong()
                    + " bytes unread");
            refusal.send(request, response, HttpServletResponse.SC_BAD_REQUEST, tooLarge());
            return;
        }
        ServletInputStream input = request.getInputStream();
        ByteArrayOutputStream arrived = new ByteArrayOutputStream(256);
        boolean whole;
        try {
            whole = readArrived(request, input, arrived);
        } catch (IOException cutOff) {
            // The client closed its side before the declared length (Undertow says so at once, Tomcat through the
            // asynchronous read's onError): the same answer either way.
            LOG.fine(() -> "request " + TransportSecurityFilter.requestId(request) + ": the body could not be read ("
                    + cutOff.getClass().getSimpleName() + ", " + arrived.size() + " bytes)");
            refusal.send(request, response, HttpServletResponse.SC_BAD_REQUEST, "the request body could not be read");
            return;
        }
        if (whole) {
            // The whole body came with the headers (a small form usually does): no asynchronous round trip.
            chain.doFilter(new BufferedBodyRequest(request, arrived.toByteArray()), response);
            return;
        }
        AsyncContext async = request.startAsync(request, response);
        async.setTimeout(deadline.toMillis());
        BodyReader reader = new BodyReader(request, async, input, arrived);
        async.addListener(reader);
        input.setReadListener(reader);
    }

    /**
     * Reads the bytes of a body with a declared length that are already here (what {@code available()} promises
     * can be read without blocking), so that no thread waits for the network; whether that was the whole body.
     * A body that ends before its declared length is an {@link IOException}.
     */
    private static boolean readArrived(HttpServletRequest request, ServletInputStream input,
                                       ByteArrayOutputStream arrived) throws IOException {
        long length = request.getContentLengthLong();
        if (length <= 0 || request.getHeader("Transfer-Encoding") != null) {
            return false;
        }
        byte[] chunk = new byte[(int) Math.min(length, 8192)];
        while (arrived.size() < length && input.available() > 0) {
            int n = input.read(chunk, 0, (int) Math.min(chunk.length, length - arrived.size()));
            if (n < 0) {
                throw new EOFException("the body ended after " + arrived.size() + " of " + length + " bytes");
            }
            arrived.write(chunk, 0, n);
        }
        return arrived.size() == length;
    }

    /** RFC 9112 §6.3: a request has a body when it declares a length above zero or a transfer coding. */
    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    }

    private String tooLarge() {
        return "the request body is larger than " + maxBytes + " bytes";
    }

    /** Collects the body as the container signals bytes; exactly one of dispatch and refusal ends it. */
    private final class BodyReader implements ReadListener, AsyncListener {
        private final HttpServletRequest request;
        private final AsyncContext async;
        private final ServletInputStream input;
        private final ByteArrayOutputStream body;
        private final byte[] chunk = new byte[8192];
        private boolean done;

        /** {@code arrived}: the bytes read before going asynchronous. */
        BodyReader(HttpServletRequest request, AsyncContext async, ServletInputStream input,
                   ByteArrayOutputStream arrived) {
            this.request = request;
            this.async = async;
            this.input = input;
            this.body = arrived;
        }

        @Override
        public synchronized void onDataAvailable() throws IOException {
            while (!done && input.isReady()) {
                int n = input.read(chunk);
                if (n < 0) {
                    return;
                }
                body.write(chunk, 0, n);
                if (body.size() > maxBytes) {
                    end(HttpServletResponse.SC_BAD_REQUEST, tooLarge(), "a body over " + maxBytes + " bytes");
                    return;
                }
            }
        }

        @Override
        public synchronized void onAllDataRead() {
            if (done) {
                return;
            }
            done = true;
            request.setAttribute(BUFFERED, new BufferedBodyRequest(request, body.toByteArray()));
            async.dispatch();
        }

        @Override
        public synchronized void onError(Throwable failure) {
            end(HttpServletResponse.SC_BAD_REQUEST, "the request body could not be read",
                    "the body could not be read (" + failure.getClass().getSimpleName() + ")");
        }

        @Override
        public synchronized void onTimeout(AsyncEvent event) {
            end(HttpServletResponse.SC_REQUEST_TIMEOUT, "the request body did not arrive in time",
                    "the body was not complete after " + deadline.toSeconds() + " s (" + body.size() + " bytes)");
        }

        @Override
        public synchronized void onError(AsyncEvent event) {
            onError(event.getThrowable() == null ? new IOException("unknown") : event.getThrowable());
        }

        @Override
        public void onComplete(AsyncEvent event) {
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }

        private void end(int status, String description, String reason) {
            if (done) {
                return;
            }
            done = true;
            LOG.fine(() -> "request " + TransportSecurityFilter.requestId(request) + ": " + reason);
            try {
                refusal.send(request, (HttpServletResponse) async.getResponse(), status, description);
            } finally {
                async.complete();
            }
        }
    }
}
