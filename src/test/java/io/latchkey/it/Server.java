package io.latchkey.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;

/** The server under test, as an outside client sees it: plain HTTP calls to the configured base URL. */
public final class Server {
    /** The issuer the test server was started with (includes the /latchkey context path). */
    public static final String ISSUER = System.getProperty("it.base.url", "http://127.0.0.1:28082/latchkey");
    public static final String SERVICE_ID = "it-service";
    public static final String SERVICE_SECRET = IssuedSecrets.remember("it-service-secret-0123456789abcdefghijklmnop");
    public static final String ODD_ID = "it-service:odd@id";
    public static final String ODD_SECRET = IssuedSecrets.remember("odd secret with spaces & symbols:+%/=0123456789");
    public static final String DISABLED_ID = "it-disabled";
    public static final String DISABLED_SECRET = IssuedSecrets.remember("it-disabled-secret-0123456789abcdefghijklmnop");
    public static final String NO_DEFAULT_ID = "it-nodefault";
    public static final String NO_DEFAULT_SECRET = IssuedSecrets.remember("it-nodefault-secret-0123456789abcdefghijklmnop");
    public static final String WEB_ID = "it-web";
    public static final String WEB_SECRET = IssuedSecrets.remember("it-web-secret-0123456789abcdefghijklmnopqrs");
    public static final String SPA_ID = "it-spa";

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private Server() {
    }

    public static URI uri(String path) {
        return URI.create(ISSUER + path);
    }

    /**
     * Sends {@code request}; one for the admin API is also recorded for {@link AdminApiCoverageIT} (every
     * documented admin operation must have been answered with a 2xx to a request some IT sent through here).
     */
    public static HttpResponse<String> send(HttpRequest request) {
        try {
            HttpResponse<String> response =
                    CLIENT.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            AdminRequestLog.record(request.method(), request.uri(), response.statusCode());
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    /** RFC 6749 §2.3.1: id and secret are form-urlencoded, joined by ':', then base64. */
    public static String basic(String id, String secret) {
        String pair = form(id) + ":" + form(secret);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    public static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    public static String form(Map<String, String> parameters) {
        return parameters.entrySet().stream().map(e -> form(e.getKey()) + "=" + form(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    /** A token request authenticated with HTTP Basic. */
    public static HttpResponse<String> token(String id, String secret, String body) {
        return send(HttpRequest.newBuilder(uri("/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", basic(id, secret))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }
}
