package io.latchkey.key;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.key.KeyCipher.KeyDecryptionException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyCipherTest {
    private static final byte[] MASTER_KEY = filled(32, 7);
    private static final byte[] OTHER_KEY = filled(32, 8);
    private static final byte[] PRIVATE_KEY = "-----PKCS#8 bytes of an RSA key-----".getBytes(StandardCharsets.US_ASCII);
    private static final String KID = "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs";

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    private final KeyCipher cipher = new KeyCipher(MASTER_KEY);

    @Test
    void decryptsWhatItEncrypted() {
        String sealed = cipher.encrypt(PRIVATE_KEY, KID);

        assertArrayEquals(PRIVATE_KEY, cipher.decrypt(sealed, KID));
        assertArrayEquals(PRIVATE_KEY, new KeyCipher(MASTER_KEY.clone()).decrypt(sealed, KID), "another instance too");
    }

    @Test
    void sealsAsBase64OfNonceCiphertextAndTag() {
        byte[] sealed = Base64.getDecoder().decode(cipher.encrypt(PRIVATE_KEY, KID));

        assertEquals(12 + PRIVATE_KEY.length + 16, sealed.length);
        assertFalse(new String(sealed, StandardCharsets.ISO_8859_1).contains("PKCS#8"), "the plaintext is not visible");
    }

    @Test
    void usesAFreshNonceEveryTime() {
        assertNotEquals(cipher.encrypt(PRIVATE_KEY, KID), cipher.encrypt(PRIVATE_KEY, KID));
    }

    @ParameterizedTest(name = "byte {0}")
    @ValueSource(ints = {0, 11, 12, 20, -16, -1})
    void refusesATamperedCiphertext(int position) {
        byte[] sealed = Base64.getDecoder().decode(cipher.encrypt(PRIVATE_KEY, KID));
        int index = position < 0 ? sealed.length + position : position;
        sealed[index] ^= 0x01;

        assertThrows(KeyDecryptionException.class,
                () -> cipher.decrypt(Base64.getEncoder().encodeToString(sealed), KID));
    }

    @Test
    void refusesAWrongMasterKeyNamingTheKidButNoKeyMaterial() {
        String sealed = cipher.encrypt(PRIVATE_KEY, KID);

        KeyDecryptionException e = assertThrows(KeyDecryptionException.class,
                () -> new KeyCipher(OTHER_KEY).decrypt(sealed, KID));

        assertTrue(e.getMessage().contains(KID), e.getMessage());
        assertTrue(e.getMessage().contains("LATCHKEY_MASTER_KEY"), e.getMessage());
        assertFalse(e.getMessage().contains(Base64.getEncoder().encodeToString(OTHER_KEY)), e.getMessage());
    }

    @Test
    void bindsTheCiphertextToItsKid() {
        String sealed = cipher.encrypt(PRIVATE_KEY, KID);

        assertThrows(KeyDecryptionException.class, () -> cipher.decrypt(sealed, "another-kid"));
        assertThrows(KeyDecryptionException.class, () -> cipher.decrypt(sealed, ""));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 16, 31, 33, 64})
    void refusesAMasterKeyThatIsNot32Bytes(int length) {
        assertThrows(IllegalArgumentException.class, () -> new KeyCipher(new byte[length]));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 8, 20, 27})
    void refusesATruncatedCiphertext(int length) {
        byte[] sealed = Base64.getDecoder().decode(cipher.encrypt(PRIVATE_KEY, KID));
        String truncated = Base64.getEncoder().encodeToString(Arrays.copyOf(sealed, length));

        assertThrows(KeyDecryptionException.class, () -> cipher.decrypt(truncated, KID));
    }
}
