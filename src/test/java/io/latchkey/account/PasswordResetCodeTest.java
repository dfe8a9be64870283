package io.latchkey.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.security.Secret;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PasswordResetCodeTest {

    @Test
    void aCodeIsEightGroupsOfFourBase32CharactersCarrying160RandomBits() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String code = PasswordResetCode.generate().reveal();
            assertTrue(code.matches("[A-Z2-7]{4}(-[A-Z2-7]{4}){7}"), code);
            seen.add(code);
        }
        assertEquals(200, seen.size(), "no two alike");
    }

    @Test
    void theStoredFormIsTheHashOfTheCanonicalCodeNotTheCode() {
        Secret code = Secret.of("ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567");
        String stored = PasswordResetCode.hash(code);
        assertEquals(Secret.of("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567").hashed(), stored);
        assertNotEquals(code.reveal(), stored);
        assertEquals(stored, PasswordResetCode.hash(Secret.of(" abcd efgh-ijkl mnop qrst uvwx yz23 4567\n")));
        assertNotEquals(stored, PasswordResetCode.hash(Secret.of("ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4566")));
    }
}
