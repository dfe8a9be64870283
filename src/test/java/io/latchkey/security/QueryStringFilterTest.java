package io.latchkey.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class QueryStringFilterTest {

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "a=b", "a=%20&b=%C3%A9", "state=%7E%7e", "x=%25", "%41=1", "a=+b"})
    void acceptsWellFormedPercentEscapes(String query) {
        assertTrue(QueryStringFilter.wellFormed(query));
    }

    @ParameterizedTest
    @ValueSource(strings = {"%", "a=%", "a=%4", "a=%zz", "a=%G0&b=1", "a=b%", "%%", "a=%-1", "a=%4%41"})
    void refusesAPercentNotFollowedByTwoHexDigits(String query) {
        assertFalse(QueryStringFilter.wellFormed(query));
    }
}
