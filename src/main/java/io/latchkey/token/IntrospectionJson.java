package io.latchkey.token;

import io.latchkey.key.JsonStringLiteral;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;

/**
 * The JSON body of an introspection answer (RFC 7662 §2.2), written directly: its members are only strings, whole
 * numbers, booleans and arrays of strings ({@link Introspection}), so it needs none of a general serializer's
 * per-request look-ups. Strings are escaped as RFC 8259 §7 requires (quotation mark, reverse solidus, the control
 * characters, short forms where JSON has them) and written as UTF-8: the same bytes as Jackson writes.
 */
public final class IntrospectionJson {

    private IntrospectionJson() {
    }

    /** The answer as UTF-8 JSON, members in the map's order. */
    public static byte[] of(Map<String, Object> claims) {
        StringBuilder json = new StringBuilder(384).append('{');
        boolean first = true;
        for (Map.Entry<String, Object> member : claims.entrySet()) {
            if (!first) {
                json.append(',');
            }
            first = false;
            JsonStringLiteral.append(json, member.getKey());
            json.append(':');
            value(json, member.getValue());
        }
        return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void value(StringBuilder json, Object value) {
        if (value instanceof String text) {
            JsonStringLiteral.append(json, text);
        } else if (value instanceof Boolean || value instanceof Long || value instanceof Integer) {
            json.append(value);
        } else if (value instanceof Collection<?> values) {
            json.append('[');
            boolean first = true;
            for (Object element : values) {
                if (!first) {
                    json.append(',');
                }
                first = false;
                value(json, element);
            }
            json.append(']');
        } else {
            throw new IllegalArgumentException("an introspection answer holds no "
                    + (value == null ? "null" : value.getClass().getSimpleName()));
        }
    }

}
