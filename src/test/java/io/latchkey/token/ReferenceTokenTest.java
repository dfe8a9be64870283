package io.latchkey.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.security.RedactingLogFilter;
import io.latchkey.security.Secret;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The lk_pat_/lk_sat_ format: prefix, 256 random bits in base62, CRC32 check digits that reject typos. */
class ReferenceTokenTest {
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    @ParameterizedTest
    @EnumSource(ReferenceToken.Kind.class)
    void generatedTokensHaveThePrefixBase62BodyAndAValidCheck(ReferenceToken.Kind kind) {
        String value = ReferenceToken.generate(kind).reveal();
        assertTrue(value.matches(kind.prefix() + "[0-9A-Za-z]{49}"), value.length() + " characters");
        assertEquals(Optional.of(kind), ReferenceToken.kindOf(Secret.of(value)));
        assertTrue(ReferenceToken.looksLike(Secret.of(value)));
    }

    @Test
    void theCheckDigitsAreTheBase62OfTheCrc32AsTokensIssuedEarlierHaveThem() {
        // Every token issued so far carries check digits computed with BigInteger divisions; the check must accept
        // exactly those digits (and nothing else) for any body, whatever the CRC's value.
        java.util.Random random = new java.util.Random(15);
        for (int n = 0; n < 20_000; n++) {
            ReferenceToken.Kind kind = ReferenceToken.Kind.values()[n % ReferenceToken.Kind.values().length];
            StringBuilder body = new StringBuilder(kind.prefix());
            for (int i = 0; i < 43; i++) {
                body.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(body.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            java.math.BigInteger value = java.math.BigInteger.valueOf(crc.getValue());
            char[] check = new char[6];
            for (int i = 5; i >= 0; i--) {
                java.math.BigInteger[] division = value.divideAndRemainder(java.math.BigInteger.valueOf(62));
                check[i] = ALPHABET.charAt(division[1].intValue());
                value = division[0];
            }
            String expected = new String(check);
            assertEquals(Optional.of(kind), ReferenceToken.kindOf(Secret.of(body + expected)), body + expected);
            String other = (expected.charAt(5) == 'z' ? expected.substring(0, 5) + "0" : expected.substring(0, 5)
                    + ALPHABET.charAt(ALPHABET.indexOf(expected.charAt(5)) + 1));
            assertEquals(Optional.empty(), ReferenceToken.kindOf(Secret.of(body + other)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"-", "_", "\u00e9", " ", "~", "\u0660"})
    void aBodyWithACharacterOutsideBase62IsNotAToken(String character) {
        String value = ReferenceToken.generate(ReferenceToken.Kind.PAT).reveal();
        String changed = value.substring(0, 10) + character + value.substring(11);
        assertEquals(Optional.empty(), ReferenceToken.kindOf(Secret.of(changed)));
    }

    @Test
    void generatedTokensAreDistinct() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            assertTrue(seen.add(ReferenceToken.generate(ReferenceToken.Kind.PAT).reveal()));
        }
    }

    @Test
    void everySingleCharacterTypoIsRejected() {
        String value = ReferenceToken.generate(ReferenceToken.Kind.PAT).reveal();
        for (int i = "lk_pat_".length(); i < value.length(); i++) {
            for (char replacement : ALPHABET.toCharArray()) {
                if (replacement != value.charAt(i)) {
                    String typo = value.substring(0, i) + replacement + value.substring(i + 1);
                    assertEquals(Optional.empty(), ReferenceToken.kindOf(Secret.of(typo)), "typo at " + i);
                }
            }
        }
    }

    @Test
    void swappedNeighboursAreRejected() {
        String value = ReferenceToken.generate(ReferenceToken.Kind.SAT).reveal();
        for (int i = "lk_sat_".length(); i < value.length() - 1; i++) {
            if (value.charAt(i) != value.charAt(i + 1)) {
                String swapped = value.substring(0, i) + value.charAt(i + 1) + value.charAt(i) + value.substring(i + 2);
                assertEquals(Optional.empty(), ReferenceToken.kindOf(Secret.of(swapped)), "swap at " + i);
            }
        }
    }

    @Test
    void aPersonalTokenRelabelledAsServiceTokenIsRejected() {
        String value = ReferenceToken.generate(ReferenceToken.Kind.PAT).reveal();
        assertEquals(Optional.empty(), ReferenceToken.kindOf(Secret.of("lk_sat_" + value.substring(7))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "lk_pat_", "lk_pat_abc", "lk_at_0000000000000000000000000000000000000000000000000",
            "LK_PAT_0000000000000000000000000000000000000000000000000", "eyJhbGciOi.eyJzdWIi.sig"})
    void malformedValuesAreNotTokens(String value) {
        assertEquals(Optional.empty(), ReferenceToken.kindOf(Secret.of(value)));
    }

    @Test
    void truncatedAndExtendedTokensAreRejected() {
        String value = ReferenceToken.generate(ReferenceToken.Kind.PAT).reveal();
        assertEquals(Optional.empty(), ReferenceToken.kindOf(Secret.of(value.substring(0, value.length() - 1))));
        assertEquals(Optional.empty(), ReferenceToken.kindOf(Secret.of(value + "0")));
    }

    @Test
    void theLogFilterRedactsGeneratedTokens() {
        String value = ReferenceToken.generate(ReferenceToken.Kind.SAT).reveal();
        String line = RedactingLogFilter.redact("Authorization: Bearer " + value);
        assertTrue(!line.contains(value.substring(7)), line);
    }

    @Test
    void theIdIsAShortPrefixOfTheHash() {
        Secret value = ReferenceToken.generate(ReferenceToken.Kind.PAT);
        assertEquals(value.hashed().substring(0, 8), ReferenceToken.idOf(value.hashed()));
        assertNotEquals(value.reveal().substring(0, 8), ReferenceToken.idOf(value.hashed()));
    }
}
