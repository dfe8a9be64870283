package io.latchkey.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The edges of each rule, character by character: what a one-line name, multi-line text, a credential and an OAuth parameter may hold. */
class TextCharactersTest {

    /** text, then: isOneLine, isMultiLine, isCredential, isUnicodeCharNoCrlf. */
    static Stream<Arguments> edges() {
        return Stream.of(
                row("plain", "svc-1 A_b.c", true, true, true, true),
                row("empty", "", true, true, true, true),
                row("non-ASCII letters", "ün ï 日本", true, true, true, true),
                row("a paired surrogate (emoji)", "a\uD83D\uDE00b", true, true, true, true),
                row("NUL", "a\u0000b", false, false, false, false),
                row("ESC", "a\u001Bb", false, false, false, false),
                row("TAB", "a\tb", false, true, false, true),
                row("LF", "a\nb", false, true, false, false),
                row("CR", "a\rb", false, true, false, false),
                row("CRLF", "a\r\nb", false, true, false, false),
                row("DEL", "a\u007Fb", false, false, false, false),
                row("C1 first (U+0080)", "a\u0080b", false, false, true, true),
                row("C1 NEL (U+0085)", "a\u0085b", false, false, true, true),
                row("C1 CSI (U+009B)", "a\u009Bb", false, false, true, true),
                row("C1 last (U+009F)", "a\u009Fb", false, false, true, true),
                row("NBSP, first after C1 (U+00A0)", "a\u00A0b", true, true, true, true),
                row("line separator U+2028", "a\u2028b", true, true, true, true),
                row("paragraph separator U+2029", "a\u2029b", true, true, true, true),
                row("a lone high surrogate", "a\uD800b", false, false, true, false),
                row("a lone low surrogate", "a\uDC00b", false, false, true, false),
                row("a lone high surrogate at the end", "ab\uD83D", false, false, true, false),
                row("halves in the wrong order", "a\uDE00\uD83Db", false, false, true, false),
                row("U+FFFD", "a\uFFFDb", true, true, true, true),
                row("U+FFFE", "a\uFFFEb", true, true, true, false),
                row("U+FFFF", "a\uFFFFb", true, true, true, false),
                row("U+E000", "a\uE000b", true, true, true, true),
                row("U+10FFFF", "a\uDBFF\uDFFFb", true, true, true, true));
    }

    private static Arguments row(String name, String text, boolean oneLine, boolean multiLine, boolean credential,
                                 boolean unicodeCharNoCrlf) {
        return Arguments.of(name, text, oneLine, multiLine, credential, unicodeCharNoCrlf);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("edges")
    void eachRuleDrawsItsLineWhereItsCallersNeedIt(String name, String text, boolean oneLine, boolean multiLine,
                                                   boolean credential, boolean unicodeCharNoCrlf) {
        assertEquals(oneLine, TextCharacters.isOneLine(text), "isOneLine");
        assertEquals(multiLine, TextCharacters.isMultiLine(text), "isMultiLine");
        assertEquals(credential, TextCharacters.isCredential(text), "isCredential");
        assertEquals(unicodeCharNoCrlf, TextCharacters.isUnicodeCharNoCrlf(text), "isUnicodeCharNoCrlf");
    }
}
