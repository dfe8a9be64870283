package io.latchkey.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.latchkey.security.Secret;

/** The body of {@code POST /api/admin/accounts/{username}/password}: the new password, never echoed or logged. */
public record PasswordInput(@JsonProperty("password") String password) {

    public Secret secret() {
        if (password == null) {
            throw AdminProblem.invalid("password", "is required");
        }
        return Secret.of(password);
    }

    @Override
    public String toString() {
        return "PasswordInput[***]";
    }
}
