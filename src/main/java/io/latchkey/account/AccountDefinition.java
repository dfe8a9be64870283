package io.latchkey.account;

import io.latchkey.security.Secret;
import java.util.Objects;
import java.util.Optional;

/**
 * An account as {@code LATCHKEY_IMPORT} describes it, before {@link AccountPolicy#check} has judged it. Without
 * a password an imported account keeps the one it has (a new account then has none and cannot sign in with a
 * password).
 */
public record AccountDefinition(
        String username,
        Optional<Secret> password,
        String displayName,
        Optional<String> email,
        boolean emailVerified,
        boolean admin,
        boolean enabled,
        StandardClaims claims) {

    /** A definition with no standard claims beyond name and email. */
    public AccountDefinition(String username, Optional<Secret> password, String displayName, Optional<String> email,
                             boolean emailVerified, boolean admin, boolean enabled) {
        this(username, password, displayName, email, emailVerified, admin, enabled, StandardClaims.NONE);
    }

    /** The same definition with no password (every other field kept). */
    public AccountDefinition withoutPassword() {
        return new AccountDefinition(username, Optional.empty(), displayName, email, emailVerified, admin, enabled,
                claims);
    }

    public AccountDefinition {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(claims, "claims");
    }
}
