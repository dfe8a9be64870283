package io.latchkey.client;

import io.latchkey.error.OAuthException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The parameters of an {@code application/x-www-form-urlencoded} request body, read strictly:
 * a wrong media type or charset, an oversized body, a bad percent escape, bytes that are not UTF-8,
 * or a repeated parameter (RFC 6749 §3.1: "Request and response parameters MUST NOT be included more
 * than once") are each an {@code invalid_request}.
 */
public final class FormParameters {
    /** Generous for any OAuth request; a body past this is refused unread. */
    public static final int MAX_BODY_BYTES = 64 * 1024;
    public static final String MEDIA_TYPE = "application/x-www-form-urlencoded";

    private final Map<String, String> values;

    private FormParameters(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    public static FormParameters of(Map<String, String> values) {
        return new FormParameters(new LinkedHashMap<>(values));
    }

    public static FormParameters parse(String contentType, InputStream body) {
        requireFormMediaType(contentType);
        return parse(readLimited(body));
    }

    static FormParameters parse(byte[] body) {
        String text = new String(body, StandardCharsets.ISO_8859_1);
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : text.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (name.isEmpty()) {
                throw OAuthException.invalidRequest("the request body has a parameter without a name");
            }
            if (values.putIfAbsent(name, value) != null) {
                throw OAuthException.invalidRequest(isPrintableName(name)
                        ? "parameter " + name + " is repeated" : "a parameter is repeated");
            }
        }
        return new FormParameters(values);
    }

    /** A parameter's value; RFC 6749 §3.1: "Parameters sent without a value MUST be treated as if they were omitted". */
    public Optional<String> get(String name) {
        String value = values.get(name);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    public Set<String> names() {
        return values.keySet();
    }

    private static void requireFormMediaType(String contentType) {
        if (contentType == null) {
            throw OAuthException.invalidRequest("the request body must be " + MEDIA_TYPE);
        }
        String[] parts = contentType.split(";");
        if (!parts[0].trim().equalsIgnoreCase(MEDIA_TYPE)) {
            throw OAuthException.invalidRequest("the request body must be " + MEDIA_TYPE);
        }
        for (int i = 1; i < parts.length; i++) {
            String[] parameter = parts[i].trim().split("=", 2);
            if (parameter[0].trim().equalsIgnoreCase("charset")) {
                String charset = parameter.length > 1 ? parameter[1].trim().replace("\"", "") : "";
                if (!charset.toLowerCase(Locale.ROOT).equals("utf-8")) {
                    throw OAuthException.invalidRequest("the request body must be encoded in UTF-8");
                }
            }
        }
    }

    private static byte[] readLimited(InputStream body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        byte[] buffer = new byte[8192];
        try {
            int total = 0;
            int n;
            while ((n = body.read(buffer)) != -1) {
                total += n;
                if (total > MAX_BODY_BYTES) {
                    throw OAuthException.invalidRequest("the request body is larger than " + MAX_BODY_BYTES + " bytes");
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String decode(String encoded) {
        for (int i = 0; i < encoded.length(); i++) {
            if (encoded.charAt(i) > 0x7f) {
                throw OAuthException.invalidRequest("the request body is not properly form-urlencoded");
            }
        }
        return FormUrlDecoding.decode(encoded).orElseThrow(() ->
                OAuthException.invalidRequest("the request body is not properly form-urlencoded UTF-8"));
    }

    private static boolean isPrintableName(String name) {
        return name.length() <= 40 && name.matches("[A-Za-z0-9_.-]+");
    }

    @Override
    public String toString() {
        return "FormParameters" + values.keySet();
    }
}
