package io.latchkey.account;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A person who signs in. {@code subject} is the opaque, stable identifier Latchkey gives the account at
 * creation and uses as the OIDC {@code sub}; it never changes, even if the username does. {@code claims} are the
 * rest of its standard claims; {@code profileUpdatedAt} is when its profile last changed (the {@code updated_at}
 * claim), empty when unknown.
 */
public record Account(
        Long id,
        String subject,
        String username,
        String displayName,
        Optional<String> email,
        boolean emailVerified,
        boolean admin,
        boolean enabled,
        StandardClaims claims,
        Optional<Instant> profileUpdatedAt) {

    /** An account with no standard claims beyond name and email. */
    public Account(Long id, String subject, String username, String displayName, Optional<String> email,
                   boolean emailVerified, boolean admin, boolean enabled) {
        this(id, subject, username, displayName, email, emailVerified, admin, enabled, StandardClaims.NONE,
                Optional.empty());
    }

    public Account {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(claims, "claims");
        Objects.requireNonNull(profileUpdatedAt, "profileUpdatedAt");
    }
}
