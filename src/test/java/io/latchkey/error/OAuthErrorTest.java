package io.latchkey.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OAuthErrorTest {
    @Test
    void acceptsEveryCharacterRfc6749AllowsInADescription() {
        StringBuilder allowed = new StringBuilder();
        for (char c = 0x20; c <= 0x7e; c++) {
            if (c != '"' && c != '\\') {
                allowed.append(c);
            }
        }

        assertEquals(allowed.toString(), new OAuthError(ErrorCode.INVALID_REQUEST, allowed.toString()).description());
    }

    @ParameterizedTest
    @ValueSource(strings = {"say \"hi\"", "back\\slash", "new\nline", "carriage\rreturn", "tab\there", "nul\u0000",
            "del\u007f", "caf\u00e9", "euro \u20ac", "key \uD83D\uDD11"})
    void refusesDescriptionsWithCharactersRfc6749Forbids(String description) {
        assertThrows(IllegalArgumentException.class, () -> new OAuthError(ErrorCode.INVALID_REQUEST, description));
    }

    @Test
    void requiresACodeAndADescription() {
        assertThrows(NullPointerException.class, () -> new OAuthError(null, "x"));
        assertThrows(NullPointerException.class, () -> new OAuthError(ErrorCode.INVALID_REQUEST, null));
    }
}
