package io.latchkey.authorize;

import static io.latchkey.testing.TestRequests.CHALLENGE;
import static io.latchkey.testing.TestRequests.VERIFIER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.security.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 7636, S256 only. */
class PkceTest {

    @Test
    void theRfc7636AppendixBExampleVerifies() {
        assertTrue(Pkce.verify(Secret.of(VERIFIER), CHALLENGE));
    }

    @Test
    void theAppendixBChallengeIsBase64UrlOfSha256OfTheVerifier() throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(VERIFIER.getBytes(StandardCharsets.US_ASCII));
        assertEquals(CHALLENGE, Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
    }

    static IntStream positionsInTheVerifier() {
        return IntStream.of(0, 1, 21, 41, 42);
    }

    @ParameterizedTest(name = "character {0} changed")
    @MethodSource("positionsInTheVerifier")
    void aVerifierOneCharacterOffFails(int position) {
        char[] chars = VERIFIER.toCharArray();
        chars[position] = chars[position] == 'a' ? 'b' : 'a';
        assertFalse(Pkce.verify(Secret.of(new String(chars)), CHALLENGE));
    }

    /** RFC 9700 §4.8.2: a code_verifier for a code issued without a code_challenge must be refused. */
    @Test
    void noChallengeMatchesAnyVerifier() {
        assertFalse(Pkce.verify(Secret.of(VERIFIER), null));
    }

    @Test
    void aVerifierWithACharacterMoreOrLessFails() {
        assertFalse(Pkce.verify(Secret.of(VERIFIER + "A"), CHALLENGE));
        assertFalse(Pkce.verify(Secret.of(VERIFIER.substring(1)), CHALLENGE));
    }

    @Test
    void aChallengeOneCharacterOffFails() {
        String off = CHALLENGE.substring(0, 42) + (CHALLENGE.endsWith("M") ? "N" : "M");
        assertFalse(Pkce.verify(Secret.of(VERIFIER), off));
    }

    @Test
    void theVerifierItselfIsNotAValidPlainChallenge() {
        assertFalse(Pkce.verify(Secret.of(VERIFIER), VERIFIER), "plain would compare the verifier itself");
    }

    static Stream<Arguments> verifierLengths() {
        return Stream.of(Arguments.of(42, false), Arguments.of(43, true), Arguments.of(128, true),
                Arguments.of(129, false), Arguments.of(0, false));
    }

    @ParameterizedTest(name = "length {0} valid: {1}")
    @MethodSource("verifierLengths")
    void aVerifierHas43To128Characters(int length, boolean valid) {
        assertEquals(valid, Pkce.isValidVerifier("a".repeat(length)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"+", "/", "=", " ", "%", "!", "\u00e9", "\n", "*"})
    void aVerifierWithACharacterOutsideUnreservedIsInvalid(String illegal) {
        assertFalse(Pkce.isValidVerifier("a".repeat(42) + illegal));
    }

    @Test
    void everyUnreservedCharacterIsAllowedInAVerifier() {
        assertTrue(Pkce.isValidVerifier("ABCXYZabcxyz0189-._~" + "a".repeat(23)));
    }

    @Test
    void aChallengeIsExactly43Base64UrlCharacters() {
        assertTrue(Pkce.isValidChallenge(CHALLENGE));
        assertFalse(Pkce.isValidChallenge(CHALLENGE.substring(1)));
        assertFalse(Pkce.isValidChallenge(CHALLENGE + "A"));
        assertFalse(Pkce.isValidChallenge(CHALLENGE.substring(1) + "="));
        assertFalse(Pkce.isValidChallenge(CHALLENGE.substring(1) + "+"));
        assertFalse(Pkce.isValidChallenge(CHALLENGE.substring(1) + "/"));
        assertFalse(Pkce.isValidChallenge(CHALLENGE.substring(1) + "."));
    }
}
