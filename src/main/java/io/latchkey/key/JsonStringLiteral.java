package io.latchkey.key;

/**
 * A JSON string literal (RFC 8259 §7) for the bodies the server writes straight as text (JWT claims, token and
 * introspection answers): quotation mark and reverse solidus escaped, the control characters U+0000–U+001F as
 * their short escapes or {@code \}{@code u00XX} (the same bytes Jackson writes), everything else as it is (encoded
 * as UTF-8 by the caller).
 */
public final class JsonStringLiteral {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private JsonStringLiteral() {
    }

    /** Appends {@code value} to {@code json} as a quoted, escaped JSON string. */
    public static StringBuilder append(StringBuilder json, String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                case '\b' -> json.append("\\b");
                case '\f' -> json.append("\\f");
                default -> {
                    if (c < 0x20) {
                        json.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"');
    }
}
