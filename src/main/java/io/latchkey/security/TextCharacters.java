package io.latchkey.security;

/**
 * Which characters text from outside may hold, one rule per kind of value, in one place. Words used below:
 * <ul>
 * <li>a <em>control character</em> is Unicode's general category Cc: C0 (U+0000–U+001F, TAB, LF and CR
 * among them), DEL (U+007F) and C1 (U+0080–U+009F, among them NEL U+0085 and the 8-bit CSI U+009B that
 * terminals obey);</li>
 * <li>an <em>unpaired surrogate</em> is half of a UTF-16 pair without its other half (JSON's {@code "\ud800"}):
 * no UTF-8 text holds it, so PostgreSQL would store it as {@code ?} where H2 keeps it.</li>
 * </ul>
 * The line and paragraph separators U+2028 and U+2029 are not control characters (they are Zl and Zp) and no
 * rule here refuses them: JSON allows them in strings and no caller splits lines on them.
 */
public final class TextCharacters {
    private TextCharacters() {
    }

    /**
     * A value that fits on one line, a name or a filter value: no control character at all (TAB, LF and CR
     * included) and no unpaired surrogate.
     */
    public static boolean isOneLine(String text) {
        return every(text, false);
    }

    /** Text that may span lines (the admin API's JSON strings): as {@link #isOneLine}, but TAB, LF and CR allowed. */
    public static boolean isMultiLine(String text) {
        return every(text, true);
    }

    /**
     * The client id and secret of HTTP Basic credentials (RFC 6749 §2.3.1, Appendix A.1/A.2 VSCHAR): no C0
     * control character (TAB included) and no DEL. Other characters outside VSCHAR are left to the look-up,
     * which finds no such client, as client_secret_post's {@link #isUnicodeCharNoCrlf} leaves them.
     */
    public static boolean isCredential(String text) {
        return text.chars().noneMatch(c -> c < 0x20 || c == 0x7F);
    }

    /**
     * RFC 6749 Appendix A's UNICODECHARNOCRLF ({@code %x09 / %x20-7E / %x80-D7FF / %xE000-FFFD /
     * %x10000-10FFFF}), the widest set any OAuth parameter allows: no NUL, no other C0 control but TAB, no CR or
     * LF, no DEL, no U+FFFE or U+FFFF, no unpaired surrogate. C1 controls are in it (%x80-D7FF).
     */
    public static boolean isUnicodeCharNoCrlf(String text) {
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            boolean allowed = c == 0x09 || (c >= 0x20 && c <= 0x7E) || (c >= 0x80 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
            if (!allowed) {
                return false;
            }
            i += Character.charCount(c);
        }
        return true;
    }

    private static boolean every(String text, boolean lineBreaksAndTabs) {
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE) {
                return false; // codePointAt answers a pair as one code point, a lone half as itself
            }
            if (Character.isISOControl(c) && !(lineBreaksAndTabs && (c == '\t' || c == '\n' || c == '\r'))) {
                return false;
            }
            i += Character.charCount(c);
        }
        return true;
    }
}
