package io.latchkey.error;

import java.util.Objects;

/**
 * One broken rule of something an operator defines (an application, an account): the JSON field it is about,
 * with list elements written {@code redirect_uris[1]}, and what is wrong, phrased to follow the field name
 * ({@code secret} "must be at least 32 characters"). A message never repeats a secret or password.
 *
 * <p>The policies return every violation at once; each caller words them its own way (the import file as
 * {@code LATCHKEY_IMPORT <file>: applications[1] (orders-spa).secret <message>}).
 */
public record Violation(String field, String message) {
    public Violation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }
}
