package io.latchkey.testing;

import io.latchkey.key.KeyRing;
import io.latchkey.key.SigningKey;

/** RSA keys are slow to make: every test shares these two. */
public final class TestKeys {
    public static final String ISSUER = "https://login.example.com";
    /** The server's key. */
    public static final SigningKey KEY = KeyRing.generateKey(MutableClock.START);
    /** Somebody else's key. */
    public static final SigningKey OTHER = KeyRing.generateKey(MutableClock.START);

    private TestKeys() {
    }

    public static KeyRing ring() {
        return KeyRing.of(KEY);
    }
}
