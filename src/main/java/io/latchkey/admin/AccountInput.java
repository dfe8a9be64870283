package io.latchkey.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.latchkey.account.AccountDefinition;
import io.latchkey.security.Secret;
import java.util.Optional;

/**
 * A new account as a request body declares it, with the import file's field names and defaults: {@code username}
 * required; {@code name} defaults to the username; {@code password} optional (without one the person cannot sign in
 * with a password until one is set), never echoed or logged. Names and emails are trimmed as the import trims them;
 * the rules are {@link io.latchkey.account.AccountPolicy}'s, applied by the command.
 */
public record AccountInput(
        @JsonProperty("username") String username,
        @JsonProperty("password") String password,
        @JsonProperty("name") String name,
        @JsonProperty("email") String email,
        @JsonProperty("email_verified") Boolean emailVerified,
        @JsonProperty("admin") Boolean admin,
        @JsonProperty("enabled") Boolean enabled) {

    public AccountDefinition definition() {
        if (username == null) {
            throw AdminProblem.invalid("username", "is required");
        }
        String trimmed = username.trim();
        return new AccountDefinition(trimmed, Optional.ofNullable(password).map(Secret::of),
                Optional.ofNullable(name).map(String::trim).orElse(trimmed),
                Optional.ofNullable(email).map(String::trim), Boolean.TRUE.equals(emailVerified),
                Boolean.TRUE.equals(admin), !Boolean.FALSE.equals(enabled));
    }

    @Override
    public String toString() {
        return "AccountInput[" + username + (password == null ? "" : ", password ***") + "]";
    }
}
