package io.latchkey.account;

import java.util.Objects;
import java.util.Optional;

/**
 * A person who signs in. {@code subject} is the opaque, stable identifier Latchkey gives the account at
 * creation and uses as the OIDC {@code sub}; it never changes, even if the username does.
 */
public record Account(
        Long id,
        String subject,
        String username,
        String displayName,
        Optional<String> email,
        boolean emailVerified,
        boolean admin,
        boolean enabled) {

    public Account {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(email, "email");
    }
}
