package io.latchkey.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A body that came whole with the headers goes on at once, without the asynchronous round trip; one that has not
 * (partly or at all) is read without blocking and dispatched once complete, with the bytes read before kept.
 */
class RequestBodyFilterTest {
    private static final byte[] BODY = "grant_type=client_credentials&scope=orders%3Aread"
            .getBytes(StandardCharsets.US_ASCII);

    /** A container's input stream holding the bytes that have arrived; reading past them would block. */
    private static final class ArrivingStream extends ServletInputStream {
        private final ByteArrayOutputStream arrived = new ByteArrayOutputStream();
        private int position;
        private ReadListener listener;
        private boolean finished;
        private boolean failing;

        void arrive(byte[] bytes, int from, int to) {
            arrived.write(bytes, from, to - from);
        }

        private int waiting() {
            return arrived.size() - position;
        }

        @Override
        public int read() {
            throw new AssertionError("a single-byte read");
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (failing) {
                throw new IOException("UT000128: Remote peer closed connection before all data could be read");
            }
            if (finished) {
                return -1;
            }
            if (waiting() == 0) {
                throw new AssertionError("this read would block the thread");
            }
            int n = Math.min(length, waiting());
            System.arraycopy(arrived.toByteArray(), position, buffer, offset, n);
            position += n;
            return n;
        }

        @Override
        public int available() {
            return waiting();
        }

        @Override
        public boolean isFinished() {
            return finished;
        }

        @Override
        public boolean isReady() {
            return waiting() > 0;
        }

        @Override
        public void setReadListener(ReadListener readListener) {
            listener = readListener;
        }
    }

    /** What the filter did with one request. */
    private static final class Exchange {
        final ArrivingStream stream = new ArrivingStream();
        final Map<String, Object> attributes = new HashMap<>();
        final List<ServletRequest> passedOn = new ArrayList<>();
        boolean asyncStarted;
        boolean dispatched;
        DispatcherType dispatcherType = DispatcherType.REQUEST;

        HttpServletRequest request() {
            AsyncContext async = (AsyncContext) Proxy.newProxyInstance(AsyncContext.class.getClassLoader(),
                    new Class<?>[] {AsyncContext.class}, (proxy, method, args) -> {
                        if (method.getName().equals("dispatch")) {
                            dispatched = true;
                        }
                        return null;
                    });
            return (HttpServletRequest) Proxy.newProxyInstance(HttpServletRequest.class.getClassLoader(),
                    new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "getDispatcherType" -> dispatcherType;
                        case "getContentLengthLong" -> (long) BODY.length;
                        case "getContentLength" -> BODY.length;
                        case "getHeader" -> null;
                        case "isAsyncSupported" -> true;
                        case "getInputStream" -> stream;
                        case "startAsync" -> {
                            asyncStarted = true;
                            yield async;
                        }
                        case "getAttribute" -> attributes.get((String) args[0]);
                        case "setAttribute" -> attributes.put((String) args[0], args[1]);
                        case "removeAttribute" -> attributes.remove((String) args[0]);
                        default -> null;
                    });
        }

        FilterChain chain() {
            return (request, response) -> passedOn.add(request);
        }
    }

    private static final HttpServletResponse RESPONSE = (HttpServletResponse) Proxy.newProxyInstance(
            HttpServletResponse.class.getClassLoader(), new Class<?>[] {HttpServletResponse.class},
            (proxy, method, args) -> null);

    private final RequestBodyFilter filter = new RequestBodyFilter(1024, Duration.ofSeconds(10),
            (request, response, status, description) -> {
                throw new AssertionError("refused: " + status + " " + description);
            });

    private static byte[] bodyOf(ServletRequest request) throws IOException {
        return request.getInputStream().readAllBytes();
    }

    @Test
    void aBodyThatArrivedWithTheHeadersGoesOnAtOnce() throws Exception {
        Exchange exchange = new Exchange();
        exchange.stream.arrive(BODY, 0, BODY.length);

        filter.doFilter(exchange.request(), RESPONSE, exchange.chain());

        assertFalse(exchange.asyncStarted);
        assertEquals(1, exchange.passedOn.size());
        assertArrayEquals(BODY, bodyOf(exchange.passedOn.get(0)));
        assertEquals(BODY.length, exchange.passedOn.get(0).getContentLengthLong());
    }

    @Test
    void aBodyPartlyHereIsFinishedWithoutBlockingAndKeepsItsFirstBytes() throws Exception {
        Exchange exchange = new Exchange();
        exchange.stream.arrive(BODY, 0, 5);

        filter.doFilter(exchange.request(), RESPONSE, exchange.chain());

        assertTrue(exchange.asyncStarted);
        assertTrue(exchange.passedOn.isEmpty());
        assertNotNull(exchange.stream.listener);
        exchange.stream.arrive(BODY, 5, BODY.length);
        exchange.stream.listener.onDataAvailable();
        exchange.stream.finished = true;
        exchange.stream.listener.onAllDataRead();
        assertTrue(exchange.dispatched);

        exchange.dispatcherType = DispatcherType.ASYNC;
        filter.doFilter(exchange.request(), RESPONSE, exchange.chain());
        assertEquals(1, exchange.passedOn.size());
        assertArrayEquals(BODY, bodyOf(exchange.passedOn.get(0)));
    }

    @Test
    void aBodyNotHereYetIsNotWaitedFor() throws Exception {
        Exchange exchange = new Exchange();

        filter.doFilter(exchange.request(), RESPONSE, exchange.chain());

        assertTrue(exchange.asyncStarted);
        assertTrue(exchange.passedOn.isEmpty());
        assertNull(exchange.attributes.get(RequestBodyFilter.class.getName() + ".buffered"));
    }

    /**
     * A client that closes its side before the declared length (a truncated body): Undertow reports it to the
     * read at once, as an end of stream or as an IOException. Either way a 400, never the container's 500 page.
     */
    @Test
    void aBodyCutOffBeforeItsLengthIsRefusedAsUnreadable() throws Exception {
        for (boolean asException : new boolean[] {false, true}) {
            Exchange exchange = new Exchange();
            exchange.stream.arrive(BODY, 0, 5);
            exchange.stream.finished = !asException;
            exchange.stream.failing = asException;
            List<String> refusals = new ArrayList<>();
            RequestBodyFilter recording = new RequestBodyFilter(1024, Duration.ofSeconds(10),
                    (request, response, status, description) -> refusals.add(status + " " + description));

            recording.doFilter(exchange.request(), RESPONSE, exchange.chain());

            assertEquals(List.of("400 the request body could not be read"), refusals, "exception: " + asException);
            assertFalse(exchange.asyncStarted);
            assertTrue(exchange.passedOn.isEmpty());
        }
    }
}
