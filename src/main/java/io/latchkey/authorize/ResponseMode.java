package io.latchkey.authorize;

import java.util.Optional;

/** How the authorization response travels back (OAuth 2.0 Multiple Response Type Encoding, Form Post Response Mode). */
public enum ResponseMode {
    QUERY("query"),
    FRAGMENT("fragment"),
    FORM_POST("form_post");

    private final String wireName;

    ResponseMode(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<ResponseMode> fromWireName(String name) {
        for (ResponseMode mode : values()) {
            if (mode.wireName.equals(name)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
