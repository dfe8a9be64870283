package io.latchkey.client;

import io.latchkey.error.OAuthException;
import io.latchkey.security.RedactedLog;
import io.latchkey.security.TextCharacters;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.logging.Logger;

/**
 * The parameters of an {@code application/x-www-form-urlencoded} request body or query string, read strictly;
 * the one parser of every form Latchkey accepts. Each of these is an {@code invalid_request}:
 * <ul>
 * <li>a body without a Content-Type, with another media type, or with a charset other than UTF-8 (RFC 6749
 * Appendix B: the encoding is UTF-8; a {@code charset=utf-16} body is refused, never half-decoded);</li>
 * <li>a body past {@link #MAX_BODY_BYTES}, or one the container could not read (truncated, bad chunk);</li>
 * <li>a bad percent escape, a raw non-ASCII byte, or bytes that are not UTF-8;</li>
 * <li>a name or value holding a character outside RFC 6749 Appendix A's widest set, UNICODECHARNOCRLF
 * ({@code %x09 / %x20-7E / %x80-D7FF / %xE000-FFFD / %x10000-10FFFF}): NUL, the other C0 controls but TAB,
 * CR, LF, DEL, U+FFFE and U+FFFF. No parameter of OAuth, OpenID Connect or Latchkey's pages may hold one
 * (a password field or a username cannot carry a line break either), so none is stripped, each is refused;</li>
 * <li>a parameter without a name;</li>
 * <li>a repeated parameter (RFC 6749 §3.1: "Request and response parameters MUST NOT be included more than
 * once"), unless the caller declared that name may repeat (a page's checkboxes).</li>
 * </ul>
 */
public final class FormParameters {
    /** Generous for any OAuth request; a body past this is refused unread. */
    public static final int MAX_BODY_BYTES = 64 * 1024;
    public static final String MEDIA_TYPE = "application/x-www-form-urlencoded";
    /** For {@link #parse(String, InputStream, Predicate)}: no name may repeat. */
    public static final Predicate<String> NO_REPEATS = name -> false;
    /** Every name may repeat; for callers that refuse repeats themselves, later (the authorization endpoint). */
    public static final Predicate<String> REPEATS_CHECKED_LATER = name -> true;
    private static final Logger LOG = RedactedLog.of(FormParameters.class);

    private final Map<String, List<String>> values;

    private FormParameters(Map<String, List<String>> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    public static FormParameters of(Map<String, String> values) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        values.forEach((name, value) -> copy.put(name, List.of(value)));
        return new FormParameters(copy);
    }

    /** A form body in which no parameter may repeat. */
    public static FormParameters parse(String contentType, InputStream body) {
        return parse(contentType, body, NO_REPEATS);
    }

    /** A form body; the names {@code mayRepeat} accepts may come more than once, any other name only once. */
    public static FormParameters parse(String contentType, InputStream body, Predicate<String> mayRepeat) {
        requireFormMediaType(contentType);
        return parse(readLimited(body), mayRepeat);
    }

    /**
     * A query string as the container received it, still percent-encoded ({@code getQueryString()}), read
     * with the same rules as a body; null (no query) has no parameters.
     */
    public static FormParameters query(String rawQuery, Predicate<String> mayRepeat) {
        if (rawQuery == null) {
            return new FormParameters(Map.of());
        }
        if (rawQuery.length() > MAX_BODY_BYTES) {
            throw OAuthException.invalidRequest("the query string is longer than " + MAX_BODY_BYTES + " characters");
        }
        return parse(rawQuery, mayRepeat);
    }

    static FormParameters parse(byte[] body) {
        return parse(body, NO_REPEATS);
    }

    private static FormParameters parse(byte[] body, Predicate<String> mayRepeat) {
        return parse(new String(body, StandardCharsets.ISO_8859_1), mayRepeat);
    }

    private static FormParameters parse(String text, Predicate<String> mayRepeat) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (String pair : text.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (name.isEmpty()) {
                throw OAuthException.invalidRequest("the request has a parameter without a name");
            }
            List<String> found = values.computeIfAbsent(name, n -> new ArrayList<>(1));
            if (!found.isEmpty() && !mayRepeat.test(name)) {
                throw repeated(name);
            }
            found.add(value);
        }
        values.replaceAll((name, list) -> List.copyOf(list));
        return new FormParameters(values);
    }

    /**
     * A parameter's value; RFC 6749 §3.1: "Parameters sent without a value MUST be treated as if they were
     * omitted". A name that was allowed to repeat and did is {@code invalid_request} here: asked for one value.
     */
    public Optional<String> get(String name) {
        List<String> found = values.getOrDefault(name, List.of());
        if (found.size() > 1) {
            throw repeated(name);
        }
        return found.isEmpty() || found.get(0).isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** Every non-empty value of a name that may repeat, in the order sent. */
    public List<String> all(String name) {
        return values.getOrDefault(name, List.of()).stream().filter(v -> !v.isEmpty()).toList();
    }

    /** Every parameter with all its values, empty ones included, in the order sent. */
    public Map<String, List<String>> asMap() {
        return values;
    }

    public Set<String> names() {
        return values.keySet();
    }

    private static OAuthException repeated(String name) {
        return OAuthException.invalidRequest(isPrintableName(name)
                ? "parameter " + name + " is repeated" : "a parameter is repeated");
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

    /**
     * The body, up to the limit. The container signals a body it cannot deliver (a client that closed before
     * Content-Length bytes, a bad chunk header) by an IOException: the request is malformed, not the server
     * broken, so it is one short line at FINE and an {@code invalid_request}, never a stack trace.
     */
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
            LOG.fine(() -> "the request body could not be read: " + e.getClass().getSimpleName() + ": "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
            throw OAuthException.invalidRequest("the request body could not be read in full");
        }
        return out.toByteArray();
    }

    private static String decode(String encoded) {
        for (int i = 0; i < encoded.length(); i++) {
            if (encoded.charAt(i) > 0x7f) {
                throw OAuthException.invalidRequest("the request is not properly form-urlencoded");
            }
        }
        String decoded = FormUrlDecoding.decode(encoded).orElseThrow(() ->
                OAuthException.invalidRequest("the request is not properly form-urlencoded UTF-8"));
        if (!TextCharacters.isUnicodeCharNoCrlf(decoded)) {
            throw OAuthException.invalidRequest("the request holds a control character");
        }
        return decoded;
    }

    private static boolean isPrintableName(String name) {
        return name.length() <= 40 && name.matches("[A-Za-z0-9_.-]+");
    }

    @Override
    public String toString() {
        return "FormParameters" + values.keySet();
    }
}
