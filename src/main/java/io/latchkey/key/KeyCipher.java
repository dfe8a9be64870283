package io.latchkey.key;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts private keys at rest with AES-256-GCM under the master key. The key id is bound as
 * associated data, so a ciphertext cannot be moved to another key's row.
 */
public final class KeyCipher {
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private final SecretKeySpec masterKey;
    private final SecureRandom random = new SecureRandom();

    public KeyCipher(byte[] masterKey) {
        if (masterKey.length != 32) {
            throw new IllegalArgumentException("the master key must be 32 bytes");
        }
        this.masterKey = new SecretKeySpec(masterKey, "AES");
    }

    public String encrypt(byte[] plaintext, String boundTo) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, masterKey, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext);
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    /** Throws {@link KeyDecryptionException} when the master key is not the one the data was sealed with. */
    public byte[] decrypt(String sealedBase64, String boundTo) {
        byte[] sealed;
        try {
            sealed = Base64.getDecoder().decode(sealedBase64);
        } catch (IllegalArgumentException e) {
            throw new KeyDecryptionException("signing key " + boundTo + " is stored corrupt (not base64)");
        }
        if (sealed.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new KeyDecryptionException("signing key " + boundTo + " is stored corrupt (too short)");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, masterKey, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new KeyDecryptionException("signing key " + boundTo
                    + " cannot be decrypted: LATCHKEY_MASTER_KEY (or the master.key file) is not the key it was stored under");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    /** The master key does not open a stored key. */
    public static final class KeyDecryptionException extends RuntimeException {
        public KeyDecryptionException(String message) {
            super(message, null, false, false);
        }
    }
}
