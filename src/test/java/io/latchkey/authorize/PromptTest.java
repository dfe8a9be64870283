package io.latchkey.authorize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.latchkey.error.ErrorCode;
import io.latchkey.error.OAuthException;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** OIDC Core §3.1.2.1 prompt. */
class PromptTest {

    @Test
    void severalValuesAreSpaceSeparated() {
        assertEquals(EnumSet.of(Prompt.LOGIN, Prompt.CONSENT, Prompt.SELECT_ACCOUNT),
                Prompt.parse("login consent select_account"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"none login", "consent none", "none select_account"})
    void noneWithAnyOtherValueIsRefused(String value) {
        OAuthException e = assertThrows(OAuthException.class, () -> Prompt.parse(value));
        assertEquals(ErrorCode.INVALID_REQUEST, e.error().code());
        assertEquals("prompt=none cannot be combined with other values", e.error().description());
    }

    @ParameterizedTest
    @ValueSource(strings = {"create", "LOGIN", "login  consent", " login", "login,consent"})
    void anUnknownOrMalformedValueIsRefused(String value) {
        OAuthException e = assertThrows(OAuthException.class, () -> Prompt.parse(value));
        assertEquals("prompt value is not supported", e.error().description());
    }

    @Test
    void wireNamesAreLowerCase() {
        assertEquals("select_account", Prompt.SELECT_ACCOUNT.wireName());
    }
}
