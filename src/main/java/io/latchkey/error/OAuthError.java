package io.latchkey.error;

import java.util.Objects;

/**
 * What a client is told: an error code and a human-readable description.
 * RFC 6749 §5.2: "Values for the error_description parameter MUST NOT include characters outside the
 * set %x20-21 / %x23-5B / %x5D-7E."
 */
public record OAuthError(ErrorCode code, String description) {
    public OAuthError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(description, "description");
        for (int i = 0; i < description.length(); i++) {
            char c = description.charAt(i);
            if (c < 0x20 || c == 0x22 || c == 0x5C || c > 0x7E) {
                throw new IllegalArgumentException("error_description holds a character RFC 6749 forbids at " + i);
            }
        }
    }
}
