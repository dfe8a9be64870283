package io.latchkey.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A tiny relying party on loopback: it records every request the browser brings back to it (the query of a
 * redirect, or the body of a form_post) and answers with a small HTML page. The fragment of a
 * fragment-mode response never reaches a server; read it from the browser's URL.
 */
public final class RelyingParty implements AutoCloseable {
    /** The port the redirect URIs in it-import.json name. */
    public static final int PORT = 28765;
    private static RelyingParty shared;

    private final HttpServer server;
    private final BlockingQueue<Callback> received = new LinkedBlockingQueue<>();

    /** One request the browser made to the relying party. */
    public record Callback(String method, String path, String rawQuery, String contentType,
                           Map<String, List<String>> parameters) {
        /** The single value of a parameter (from the query for GET, from the form body for POST), or null. */
        public String parameter(String name) {
            List<String> values = parameters.get(name);
            if (values == null) {
                return null;
            }
            if (values.size() != 1) {
                throw new AssertionError(name + " sent " + values.size() + " times: " + this);
            }
            return values.get(0);
        }

        /** The URI the request was made to, without host (for Nimbus' response parsers). */
        public URI uri(String base) {
            return URI.create(base + path + (rawQuery == null ? "" : "?" + rawQuery));
        }

        @Override
        public String toString() {
            return method + " " + path + " " + parameters.keySet();
        }
    }

    private RelyingParty(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    /** The relying party on {@value #PORT}, started once for the whole test run. */
    public static synchronized RelyingParty shared() {
        if (shared == null) {
            shared = new RelyingParty(PORT);
            RelyingParty started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
        }
        return shared;
    }

    /** A relying party of its own, e.g. on an ephemeral port (0) for a native application's loopback redirect. */
    public static RelyingParty start(int port) {
        return new RelyingParty(port);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String base() {
        return "http://127.0.0.1:" + port();
    }

    /** Forgets everything received so far. */
    public void clear() {
        received.clear();
    }

    /** The next request the browser brought, waiting for it. */
    public Callback await(Duration timeout) {
        try {
            Callback callback = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (callback == null) {
                throw new AssertionError("the relying party received nothing within " + timeout);
            }
            return callback;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Callback await() {
        return await(Duration.ofSeconds(20));
    }

    /** Whatever arrived and was not yet taken, without waiting. */
    public List<Callback> drain() {
        List<Callback> out = new ArrayList<>();
        received.drainTo(out);
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            URI uri = exchange.getRequestURI();
            String path = uri.getRawPath();
            if (path.equals("/favicon.ico")) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, List<String>> parameters = new LinkedHashMap<>();
            if ("POST".equals(exchange.getRequestMethod())) {
                parse(new String(body, StandardCharsets.UTF_8), parameters);
            } else {
                parse(uri.getRawQuery(), parameters);
            }
            parameters.getOrDefault("code", List.of()).forEach(IssuedSecrets::remember);
            received.add(new Callback(exchange.getRequestMethod(), path, uri.getRawQuery(), contentType,
                    Collections.unmodifiableMap(parameters)));
            byte[] page = ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Relying party</title>"
                    + "</head><body><h1>Relying party callback</h1><p id=\"method\">" + exchange.getRequestMethod()
                    + "</p></body></html>").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(200, page.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(page);
            }
        } finally {
            exchange.close();
        }
    }

    /** application/x-www-form-urlencoded, repeats kept. */
    public static void parse(String raw, Map<String, List<String>> into) {
        if (raw == null || raw.isEmpty()) {
            return;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            into.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
    }

    public static Map<String, List<String>> parse(String raw) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        parse(raw, out);
        return out;
    }
}
