package io.latchkey.it;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every token and secret the integration tests sent or received, so that {@link LogRedactionIT}, which
 * runs last, can search the server's logs for each one.
 */
public final class IssuedSecrets {
    private static final Set<String> VALUES = ConcurrentHashMap.newKeySet();

    private IssuedSecrets() {
    }

    public static String remember(String value) {
        if (value != null && value.length() >= 16) {
            VALUES.add(value);
        }
        return value;
    }

    public static Set<String> all() {
        return Set.copyOf(VALUES);
    }
}
