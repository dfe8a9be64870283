package io.latchkey.client;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The authorization response types Latchkey implements (OAuth 2.0 Multiple Response Type Encoding
 * Practices §5, OIDC Core §3). Every application may use {@code code}; the hybrid and implicit ones only
 * where an operator allowed them for that application.
 */
public enum ResponseType {
    CODE("code"),
    CODE_ID_TOKEN("code id_token"),
    CODE_TOKEN("code token"),
    CODE_ID_TOKEN_TOKEN("code id_token token"),
    ID_TOKEN("id_token"),
    ID_TOKEN_TOKEN("id_token token");

    private final String wireName;

    ResponseType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public boolean issuesCode() {
        return wireName.contains("code");
    }

    public boolean issuesIdToken() {
        return wireName.contains("id_token");
    }

    public boolean issuesAccessToken() {
        return Arrays.asList(wireName.split(" ")).contains("token");
    }

    /** The default response mode: query for code alone, fragment whenever a token travels (OIDC Core §3.3.2.5). */
    public boolean defaultsToFragment() {
        return this != CODE;
    }

    /** Space-separated values in any order ("id_token code" is "code id_token"). */
    public static Optional<ResponseType> parse(String value) {
        Set<String> parts = new TreeSet<>(Arrays.asList(value.split(" ", -1)));
        if (parts.size() != value.split(" ", -1).length) {
            return Optional.empty();
        }
        for (ResponseType type : values()) {
            if (new TreeSet<>(Arrays.asList(type.wireName.split(" "))).equals(parts)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
