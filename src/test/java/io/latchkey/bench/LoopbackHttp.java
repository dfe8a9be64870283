package io.latchkey.bench;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The benchmark driver's HTTP/1.1 client: one keep-alive connection per thread to one plain-http loopback
 * server, requests written in one piece, responses read by Content-Length or chunked encoding. It exists because
 * the load driver shares the machine's cores with the server it measures: java.net.http spent about 1.5 ms of
 * CPU per request here (its asynchronous machinery), which came out of the server's share; this costs a few
 * tens of microseconds. Only what the benchmarks send and Tomcat answers is supported; anything else is an
 * {@link IOException}.
 */
final class LoopbackHttp {
    private static final int TIMEOUT_MS = 30_000;

    private final String host;
    private final int port;
    private final String hostHeader;
    private final ThreadLocal<Connection> connections = new ThreadLocal<>();

    /** A client for the server at {@code base} ({@code http://host:port}, no path). */
    LoopbackHttp(String base) {
        URI uri = URI.create(base);
        if (!"http".equals(uri.getScheme()) || uri.getPort() < 0) {
            throw new IllegalArgumentException("expected http://host:port, got " + base);
        }
        this.host = uri.getHost();
        this.port = uri.getPort();
        this.hostHeader = host + ":" + port;
    }

    /** One response: status, header lines as received, and the body as UTF-8. */
    record Response(int statusCode, List<String[]> headerLines, String body) {
        Optional<String> header(String name) {
            return headerLines.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).findFirst();
        }

        List<String> headers(String name) {
            return headerLines.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).toList();
        }
    }

    Response postForm(String target, String form, String... headers) throws IOException {
        return send("POST", target, form, headers);
    }

    /**
     * Sends one request on this thread's connection ({@code target}: path and query, or an absolute URL on this
     * server; {@code headers}: name, value, name, value…). A connection the server closed while idle is opened
     * again once.
     */
    Response send(String method, String target, String body, String... headers) throws IOException {
        String path = target.startsWith("http://") ? pathOf(target) : target;
        byte[] request = request(method, path, body, headers);
        Connection connection = connections.get();
        boolean reused = connection != null;
        if (connection == null) {
            connection = open();
        }
        try {
            return connection.exchange(request);
        } catch (IOException e) {
            connection.close();
            connections.remove();
            if (!reused || !(e instanceof StaleConnection)) {
                throw e;
            }
            // A kept-alive connection may have been closed by the server just before we wrote: once more.
            Connection fresh = open();
            try {
                return fresh.exchange(request);
            } catch (IOException again) {
                fresh.close();
                connections.remove();
                throw again;
            }
        }
    }

    private String pathOf(String url) {
        URI uri = URI.create(url);
        if (!host.equals(uri.getHost()) || port != uri.getPort()) {
            throw new IllegalArgumentException("this client talks to " + hostHeader + " only: " + url);
        }
        return uri.getRawPath() + (uri.getRawQuery() != null ? "?" + uri.getRawQuery() : "");
    }

    private byte[] request(String method, String path, String body, String[] headers) {
        if (headers.length % 2 != 0) {
            throw new IllegalArgumentException("headers come in name, value pairs");
        }
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(256 + path.length());
        head.append(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: ").append(hostHeader).append("\r\n");
        for (int i = 0; i < headers.length; i += 2) {
            head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        if (body != null) {
            head.append("Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ")
                    .append(content.length).append("\r\n");
        }
        head.append("\r\n");
        byte[] start = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[start.length + content.length];
        System.arraycopy(start, 0, all, 0, start.length);
        System.arraycopy(content, 0, all, start.length, content.length);
        return all;
    }

    /** The server had closed the kept-alive connection before it saw the request: safe to send again. */
    private static final class StaleConnection extends IOException {
        private static final long serialVersionUID = 1L;

        StaleConnection(String message) {
            super(message);
        }
    }

    private Connection open() throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(TIMEOUT_MS);
        socket.connect(new InetSocketAddress(host, port), TIMEOUT_MS);
        Connection connection = new Connection(socket);
        connections.set(connection);
        return connection;
    }

    private final class Connection {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        // Our own read buffer: one thread per connection, so none of BufferedInputStream's locking per byte.
        private final byte[] buffer = new byte[16 * 1024];
        private int position;
        private int limit;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
        }

        /** The next byte, or -1 at the end of the stream. */
        private int read() throws IOException {
            if (position == limit) {
                limit = in.read(buffer, 0, buffer.length);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return -1;
                }
            }
            return buffer[position++] & 0xff;
        }

        /** Up to {@code length} bytes (fewer only at the end of the stream). */
        private byte[] read(int length) throws IOException {
            byte[] bytes = new byte[length];
            int filled = Math.min(length, limit - position);
            System.arraycopy(buffer, position, bytes, 0, filled);
            position += filled;
            while (filled < length) {
                int n = in.read(bytes, filled, length - filled);
                if (n < 0) {
                    return Arrays.copyOf(bytes, filled);
                }
                filled += n;
            }
            return bytes;
        }

        private byte[] readToEnd() throws IOException {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            all.write(buffer, position, limit - position);
            position = limit;
            all.write(in.readAllBytes());
            return all.toByteArray();
        }

        Response exchange(byte[] request) throws IOException {
            try {
                out.write(request);
                out.flush();
            } catch (IOException e) {
                throw new StaleConnection(e.toString());
            }
            int first = read();
            if (first < 0) {
                throw new StaleConnection("closed before the response");
            }
            String statusLine = (char) first + line();
            if (!statusLine.startsWith("HTTP/1.1 ") || statusLine.length() < 12) {
                throw new IOException("not an HTTP/1.1 status line: " + statusLine);
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            List<String[]> headers = new ArrayList<>();
            long length = -1;
            boolean chunked = false;
            boolean close = false;
            for (String line = line(); !line.isEmpty(); line = line()) {
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    throw new IOException("malformed header line: " + line);
                }
                String name = line.substring(0, colon).trim();
                String value = line.substring(colon + 1).trim();
                headers.add(new String[] {name, value});
                switch (name.toLowerCase(Locale.ROOT)) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    case "connection" -> close = value.equalsIgnoreCase("close");
                    default -> { }
                }
            }
            byte[] body;
            if (chunked) {
                body = chunkedBody();
            } else if (length >= 0) {
                body = read((int) length);
                if (body.length != length) {
                    throw new EOFException("the body ended early");
                }
            } else if (status == 204 || status == 304) {
                body = new byte[0];
            } else {
                body = readToEnd(); // delimited by the end of the connection
                close = true;
            }
            if (close) {
                close();
                connections.remove();
            }
            return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
        }

        private byte[] chunkedBody() throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String size = line();
                int semicolon = size.indexOf(';');
                int length = Integer.parseInt((semicolon >= 0 ? size.substring(0, semicolon) : size).trim(), 16);
                if (length == 0) {
                    while (!line().isEmpty()) {
                        // trailers: none expected, skipped
                    }
                    return body.toByteArray();
                }
                byte[] chunk = read(length);
                if (chunk.length != length) {
                    throw new EOFException("a chunk ended early");
                }
                body.write(chunk);
                if (!line().isEmpty()) {
                    throw new IOException("a chunk did not end with CRLF");
                }
            }
        }

        /** One header line without its CRLF (ISO-8859-1, as HTTP/1.1 header bytes are). */
        private String line() throws IOException {
            StringBuilder line = new StringBuilder(64);
            while (true) {
                int b = read();
                if (b < 0) {
                    throw new EOFException("the connection closed mid-response");
                }
                if (b == '\n') {
                    int end = line.length();
                    return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
                }
                line.append((char) b);
            }
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
