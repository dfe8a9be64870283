package io.latchkey.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class FormUrlDecodingTest {
    static Stream<Arguments> wellFormed() {
        return Stream.of(
                Arguments.of("", ""),
                Arguments.of("plain", "plain"),
                Arguments.of("a+b", "a b"),
                Arguments.of("a%20b", "a b"),
                Arguments.of("a%2Bb", "a+b"),
                Arguments.of("%3a%3A", "::"),
                Arguments.of("%25", "%"),
                Arguments.of("caf%C3%A9", "café"),
                Arguments.of("%F0%9F%94%91", "\uD83D\uDD11"),
                Arguments.of("café+%26", "café &"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("wellFormed")
    void decodesWellFormedInput(String encoded, String decoded) {
        assertEquals(Optional.of(decoded), FormUrlDecoding.decode(encoded));
    }

    @ParameterizedTest
    @ValueSource(strings = {"%", "%4", "a%4", "%zz", "%G0", "%-1", "%FF", "%C3", "%C3%28", "%ED%A0%80", "%C0%AF"})
    void refusesBadEscapesAndBytesThatAreNotUtf8(String encoded) {
        assertEquals(Optional.empty(), FormUrlDecoding.decode(encoded));
    }

    @Test
    void refusesPercentEscapesWithNonAsciiHexDigits() {
        // ARABIC-INDIC DIGIT FOUR, DIGIT ONE: Character.digit reads them as 4 and 1, so this decodes to "A"
        assertEquals(Optional.empty(), FormUrlDecoding.decode("%\u0664\u0661"));
        // FULLWIDTH LATIN CAPITAL LETTER A
        assertEquals(Optional.empty(), FormUrlDecoding.decode("%4\uFF21"));
    }
}
