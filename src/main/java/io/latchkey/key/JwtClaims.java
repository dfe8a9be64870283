package io.latchkey.key;

import java.util.List;
import java.util.Map;

/**
 * A JWT claims set of a fixed shape written straight as JSON text (RFC 8259), for the tokens the server issues on
 * every request (access tokens, ID tokens): no map, no reflection, no JSON library. Names are the caller's constants; string
 * values are escaped as RFC 8259 §7 requires (quotation mark, reverse solidus and the control characters
 * U+0000–U+001F; everything else is written as it is and encoded as UTF-8 when signed). Each name at most once:
 * the caller writes each claim once (RFC 7519 §4 wants unique names).
 */
public final class JwtClaims {
    private final StringBuilder json = new StringBuilder(512).append('{');

    /** A string claim. */
    public JwtClaims string(String name, String value) {
        name(name);
        JsonStringLiteral.append(json, value);
        return this;
    }

    /** A number claim (NumericDate values such as {@code exp} are whole seconds, RFC 7519 §2). */
    public JwtClaims number(String name, long value) {
        name(name);
        json.append(value);
        return this;
    }

    /** The {@code aud} claim: a single string for one audience, an array for several (RFC 7519 §4.1.3). */
    public JwtClaims audience(List<String> audiences) {
        if (audiences.size() == 1) {
            return string("aud", audiences.get(0));
        }
        name("aud");
        json.append('[');
        for (int i = 0; i < audiences.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            JsonStringLiteral.append(json, audiences.get(i));
        }
        json.append(']');
        return this;
    }

    /** A boolean claim. */
    public JwtClaims bool(String name, boolean value) {
        name(name);
        json.append(value);
        return this;
    }

    /** A claim whose value is an array of strings (e.g. {@code amr}). */
    public JwtClaims strings(String name, List<String> values) {
        name(name);
        strings(values);
        return this;
    }

    /**
     * A claim of one of the shapes a person's claims take (OIDC Core §5.1): a string, a whole number, a boolean, an
     * array of strings, or a JSON object of string members ({@code address}, §5.1.1).
     */
    public JwtClaims value(String name, Object value) {
        if (value instanceof String text) {
            return string(name, text);
        }
        if (value instanceof Long || value instanceof Integer) {
            return number(name, ((Number) value).longValue());
        }
        if (value instanceof Boolean flag) {
            return bool(name, flag);
        }
        if (value instanceof List<?> list) {
            name(name);
            strings(list.stream().map(JwtClaims::text).toList());
            return this;
        }
        if (value instanceof Map<?, ?> members) {
            name(name);
            json.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> member : members.entrySet()) {
                if (!first) {
                    json.append(',');
                }
                first = false;
                JsonStringLiteral.append(json, text(member.getKey()));
                json.append(':');
                JsonStringLiteral.append(json, text(member.getValue()));
            }
            json.append('}');
            return this;
        }
        throw new IllegalArgumentException("claim " + name + " has a value of an unsupported type: "
                + (value == null ? "null" : value.getClass().getName()));
    }

    private static String text(Object value) {
        if (value instanceof String text) {
            return text;
        }
        throw new IllegalArgumentException("expected a string, got " + (value == null ? "null" : value.getClass().getName()));
    }

    private void strings(List<String> values) {
        json.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            JsonStringLiteral.append(json, values.get(i));
        }
        json.append(']');
    }

    /** The JSON object text. */
    String json() {
        return json + "}";
    }

    private void name(String name) {
        if (json.length() > 1) {
            json.append(',');
        }
        JsonStringLiteral.append(json, name);
        json.append(':');
    }

}
