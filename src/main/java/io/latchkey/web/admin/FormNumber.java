package io.latchkey.web.admin;

/**
 * A whole number a console form sends back (a version, a secret's id): up to 18 digits, else {@code -1}, which no
 * stored version or id has, so the command refuses it as stale or unknown instead of the page failing.
 */
final class FormNumber {
    private FormNumber() {
    }

    static long of(String value) {
        return value.matches("[0-9]{1,18}") ? Long.parseLong(value) : -1;
    }
}
