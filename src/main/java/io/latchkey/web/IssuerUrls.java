package io.latchkey.web;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every URL Latchkey builds for itself (redirects after a page post, the sign-in and consent steps): the
 * configured issuer plus a path, never the request's {@code Host}, {@code X-Forwarded-Host} or JAX-RS base URI.
 * A relative {@code Location} would be no better: JAX-RS resolves it against the request's base URI, i.e. the
 * {@code Host} header, so a forged Host would send the browser elsewhere.
 */
public final class IssuerUrls {
    private final String issuer;

    public IssuerUrls(String issuer) {
        this.issuer = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    }

    /** The configured issuer, without a trailing {@code /}. */
    public String issuer() {
        return issuer;
    }

    /** {@code path} (starting with {@code /}) under the issuer. */
    public URI page(String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("a path under the issuer starts with /: " + path);
        }
        return URI.create(issuer + path);
    }

    /** {@code path} under the issuer with a form-encoded query, in the map's order. */
    public URI page(String path, Map<String, String> query) {
        String encoded = query.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return encoded.isEmpty() ? page(path) : URI.create(page(path) + "?" + encoded);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
