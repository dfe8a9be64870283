package io.latchkey.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.latchkey.account.AccountCommands;
import java.util.Optional;

/**
 * An account's profile as the result of a merge patch holds it: {@code name} (required), {@code email} (absent:
 * none) and {@code email_verified}; trimmed as the import trims them.
 */
public record ProfileInput(
        @JsonProperty("name") String name,
        @JsonProperty("email") String email,
        @JsonProperty("email_verified") Boolean emailVerified) {

    public AccountCommands.Profile profile() {
        if (name == null) {
            throw AdminProblem.invalid("name", "is required");
        }
        return new AccountCommands.Profile(name.trim(), Optional.ofNullable(email).map(String::trim),
                Boolean.TRUE.equals(emailVerified));
    }
}
