package io.latchkey.security;

import java.util.Locale;

/**
 * The {@code LATCHKEY_CRYPTO_PROVIDER} setting: whether JWT signatures (key.SignatureProvider) and password hashes
 * (account.PasswordHasher) use native code. {@link #AUTO} uses it where its library loads and falls back to the
 * JDK's own Java code otherwise, saying so in one log line; {@link #NATIVE} refuses to start without it;
 * {@link #JDK} never loads it.
 */
public enum CryptoProvider {
    AUTO, NATIVE, JDK;

    /** {@code auto}, {@code native} or {@code jdk}, in any case. */
    public static CryptoProvider parse(String raw) {
        for (CryptoProvider value : values()) {
            if (value.name().equalsIgnoreCase(raw.trim())) {
                return value;
            }
        }
        throw new IllegalArgumentException("expected auto, native or jdk");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
