package io.latchkey.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * HTTP/1.1 over a plain socket, for requests no HTTP client library would send: broken request lines, bytes
 * that are not UTF-8, bad chunking, bodies cut short. One request per connection; the text is ISO-8859-1 so
 * that every byte is one char.
 */
public final class RawHttp {
    /** A Java stack frame or exception text, as a container's error report or a leaked trace shows it. */
    public static final Pattern STACK_TRACE = Pattern.compile(
            "\\bat (?:io|org|java|jakarta|javax|com|sun|jdk)\\.[\\w$.]+\\(|Exception:|\\.java:\\d");
    /** A server product name that gives its version away in a page. */
    public static final Pattern SERVER_PRODUCT = Pattern.compile("(?i)apache tomcat|tomcat/\\d|wildfly|undertow|jboss");

    private static final URI BASE = URI.create(Server.ISSUER);
    public static final String HOST = BASE.getHost();
    public static final int PORT = BASE.getPort();
    /** The context path the server is deployed at, e.g. {@code /latchkey}. */
    public static final String CONTEXT = BASE.getRawPath();

    private RawHttp() {
    }

    /**
     * What came back: the status (0 when the server closed without answering), headers (names lower case, the
     * last value of each) and the body (de-chunked when the framing allows).
     */
    public record Answer(int status, Map<String, String> headers, String body, String raw) {
        public boolean answered() {
            return status > 0;
        }

        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
        }

        /** What is wrong with this answer for any request: a stack trace or a server version, or null. */
        public String leak() {
            if (STACK_TRACE.matcher(raw).find()) {
                return "a stack trace or exception text";
            }
            if (SERVER_PRODUCT.matcher(body).find()) {
                return "the server product in the body";
            }
            for (String name : new String[] {"server", "x-powered-by"}) {
                String value = headers.get(name);
                if (value != null && value.matches(".*\\d+\\.\\d+.*")) {
                    return "a version in " + name + ": " + value;
                }
            }
            return null;
        }

        @Override
        public String toString() {
            return raw.length() > 600 ? raw.substring(0, 600) + "..." : raw;
        }
    }

    /** Sends the bytes, closes the sending half when {@code halfClose}, and reads the answer to its end. */
    public static Answer exchange(byte[] request, boolean halfClose, int timeoutMillis) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, PORT), 10_000);
            socket.setSoTimeout(timeoutMillis);
            try {
                OutputStream out = socket.getOutputStream();
                out.write(request);
                out.flush();
                if (halfClose) {
                    socket.shutdownOutput();
                }
            } catch (IOException e) {
                // The server may answer and close before it has read everything (an oversized header).
            }
            return parse(readAll(socket.getInputStream()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach " + HOST + ":" + PORT + ": " + e, e);
        }
    }

    /** A request as text (ISO-8859-1). */
    public static Answer exchange(String request) {
        return exchange(request.getBytes(StandardCharsets.ISO_8859_1), true, 20_000);
    }

    private static byte[] readAll(InputStream in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = in.read(buffer)) != -1) {
                out.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            out.writeBytes("\n[no end of the answer before the timeout]".getBytes(StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            // reset: keep what arrived
        }
        return out.toByteArray();
    }

    static Answer parse(byte[] bytes) {
        String all = new String(bytes, StandardCharsets.ISO_8859_1);
        String raw = all;
        // Interim answers (100 Continue) come before the final one.
        while (raw.matches("(?s)HTTP/1\\.\\d 1\\d\\d.*") && raw.indexOf("\r\n\r\n") > 0) {
            raw = raw.substring(raw.indexOf("\r\n\r\n") + 4);
        }
        if (raw.isEmpty()) {
            raw = all;
        }
        int end = raw.indexOf("\r\n\r\n");
        if (!raw.startsWith("HTTP/") || end < 0) {
            return new Answer(0, Map.of(), raw, raw);
        }
        String[] lines = raw.substring(0, end).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        int status;
        try {
            status = Integer.parseInt(statusLine[1]);
        } catch (RuntimeException e) {
            return new Answer(0, Map.of(), raw, raw);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        String body = raw.substring(end + 4);
        if ("chunked".equalsIgnoreCase(headers.getOrDefault("transfer-encoding", ""))) {
            body = dechunk(body);
        }
        return new Answer(status, headers, body, raw);
    }

    private static String dechunk(String body) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at < body.length()) {
            int lineEnd = body.indexOf("\r\n", at);
            if (lineEnd < 0) {
                return body;
            }
            String size = body.substring(at, lineEnd).split(";", 2)[0].trim();
            int length;
            try {
                length = Integer.parseInt(size, 16);
            } catch (NumberFormatException e) {
                return body;
            }
            if (length == 0) {
                return out.toString();
            }
            int start = lineEnd + 2;
            if (start + length > body.length()) {
                return body;
            }
            out.append(body, start, start + length);
            at = start + length + 2;
        }
        return out.toString();
    }

    /** The size of the server's log files now, to read only what a test adds. */
    public static Map<Path, Long> logSizes() {
        Map<Path, Long> sizes = new LinkedHashMap<>();
        Path logs = Path.of(System.getProperty("it.server.logs"));
        try (Stream<Path> walk = Files.walk(logs)) {
            walk.filter(Files::isRegularFile).forEach(file -> {
                try {
                    sizes.put(file, Files.size(file));
                } catch (IOException e) {
                    sizes.put(file, 0L);
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the server logs in " + logs, e);
        }
        return sizes;
    }

    /** What the server logged since {@code before} (from {@link #logSizes()}), all files together. */
    public static String loggedSince(Map<Path, Long> before) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<Path, Long> file : logSizes().entrySet()) {
            long from = before.getOrDefault(file.getKey(), 0L);
            if (file.getValue() <= from) {
                continue;
            }
            try (RandomAccessFile in = new RandomAccessFile(file.getKey().toFile(), "r")) {
                in.seek(from);
                byte[] added = new byte[(int) Math.min(file.getValue() - from, 64L * 1024 * 1024)];
                in.readFully(added);
                out.append(new String(added, StandardCharsets.ISO_8859_1));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + file.getKey(), e);
            }
        }
        return out.toString();
    }

    /** Log records of level SEVERE (java.util.logging's format, Tomcat) or ERROR, SEVERE, FATAL (WildFly's format). */
    public static List<String> errorLines(String log) {
        return log.lines()
                .filter(line -> line.startsWith("SEVERE") || line.matches(".*\\d,\\d{3} (ERROR|SEVERE|FATAL) +\\[.*"))
                .limit(20).toList();
    }

    /** Lines of a log that are a stack frame. */
    public static long stackFrameLines(String log) {
        return log.lines().filter(line -> line.matches("\\s+at [\\w$.]+\\(.*")).count();
    }
}
