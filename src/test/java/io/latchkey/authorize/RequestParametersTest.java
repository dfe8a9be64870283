package io.latchkey.authorize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.error.OAuthException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** RFC 6749 §3.1: "Request and response parameters MUST NOT be included more than once." */
class RequestParametersTest {

    @Test
    void aRepeatedParameterIsAnInvalidRequest() {
        RequestParameters parameters = RequestParameters.of(Map.of("scope", List.of("openid", "openid")));
        OAuthException e = assertThrows(OAuthException.class, () -> parameters.single("scope"));
        assertEquals("scope is repeated", e.error().description());
        assertThrows(OAuthException.class, parameters::singleValues);
    }

    @Test
    void anEmptyValueCountsAsAbsentButIsStillPresentForHas() {
        RequestParameters parameters = RequestParameters.of(Map.of("request", List.of("")));
        assertEquals(Optional.empty(), parameters.single("request"));
        assertTrue(parameters.has("request"));
        assertFalse(parameters.has("request_uri"));
    }

    @Test
    void withReplacesOrRemovesOneParameterWithoutTouchingTheOriginal() {
        RequestParameters original = RequestParameters.ofSingleValues(Map.of("a", "1", "b", "2"));
        RequestParameters changed = original.with("a", "9").with("b", null);
        assertEquals(Map.of("a", "9"), changed.singleValues());
        assertEquals(Map.of("a", "1", "b", "2"), original.singleValues());
    }

    @Test
    void theTextFormShowsNamesOnly() {
        RequestParameters parameters = RequestParameters.ofSingleValues(Map.of("code_challenge", "secret-ish"));
        assertFalse(parameters.toString().contains("secret-ish"));
    }
}
