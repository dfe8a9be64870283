package io.latchkey.web.admin;

import io.latchkey.account.AccountCommands;
import io.latchkey.account.AccountDefinition;
import io.latchkey.account.StandardClaims;
import io.latchkey.client.FormParameters;
import io.latchkey.error.Violation;
import io.latchkey.security.Secret;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The console's form for a new person, and for a person's name and email, as typed. It declares what the admin
 * API's {@code AccountInput} and {@code ProfileInput} declare, with their defaults: the name is the username when
 * left empty, names and emails are trimmed, an empty email is none, a new person is enabled and not an
 * administrator (that takes its own form and a recent sign-in), and the password is optional. Whether the values
 * are allowed is {@link io.latchkey.account.AccountPolicy}'s to say, through the command's violations. The password
 * is never shown again: {@link #withoutPassword} is what a refused form is shown with.
 */
record PersonForm(String username, String name, String email, boolean emailVerified, String password) {
    /** The fields the forms have; a violation of any other marks the form as a whole. */
    static final Set<String> FIELDS = Set.of("username", "name", "email", "email_verified", "password");

    static final PersonForm BLANK = new PersonForm("", "", "", false, "");

    static PersonForm of(FormParameters form) {
        return new PersonForm(form.get("username").orElse(""), form.get("name").orElse(""),
                form.get("email").orElse(""), form.get("email_verified").isPresent(), form.get("password").orElse(""));
    }

    /** The profile form of a person as stored: their name, email and whether it is verified. */
    static PersonForm of(AccountCommands.StoredAccount stored) {
        return new PersonForm(stored.account().username(), stored.account().displayName(),
                stored.account().email().orElse(""), stored.account().emailVerified(), "");
    }

    /** The new person this form declares. */
    AccountDefinition definition() {
        String trimmed = username.trim();
        return new AccountDefinition(trimmed, password.isEmpty() ? Optional.empty() : Optional.of(Secret.of(password)),
                name.isBlank() ? trimmed : name.trim(), emailOrNone(), emailVerified, false, true, StandardClaims.NONE);
    }

    /** The profile this form declares; the person's other standard claims ({@code claims}) stay as they are. */
    AccountCommands.Profile profile(StandardClaims claims) {
        return new AccountCommands.Profile(name.trim(), emailOrNone(), emailVerified, claims);
    }

    PersonForm withoutPassword() {
        return new PersonForm(username, name, email, emailVerified, "");
    }

    private Optional<String> emailOrNone() {
        String trimmed = email.trim();
        return trimmed.isEmpty() ? Optional.empty() : Optional.of(trimmed);
    }

    /**
     * The form field each violation marks, with every message for it; a violation of a field the form does not have
     * marks the form as a whole ({@code ""}), naming the field.
     */
    static Map<String, String> fieldErrors(List<Violation> violations) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (Violation violation : violations) {
            String field = violation.field().replaceAll("[.\\[].*$", "");
            boolean known = FIELDS.contains(field);
            errors.merge(known ? field : "", known ? violation.message() : violation.field() + " " + violation.message(),
                    (a, b) -> a + "; " + b);
        }
        return errors;
    }

    @Override
    public String toString() {
        return "PersonForm[" + username + (password.isEmpty() ? "" : ", password ***") + "]";
    }
}
