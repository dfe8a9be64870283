package io.latchkey.account;

import io.latchkey.error.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules an account definition must follow, in one place: whatever defines accounts (the import file, the
 * admin API, the console) parses its input into an {@link AccountDefinition} and asks {@link #check} for
 * every rule it breaks. Pure Java: no database, no JSON. The limits are also the columns' sizes.
 *
 * <p>Vocabulary, as for applications ({@code client.ApplicationPolicy}): the {@link AccountDefinition} is what
 * operators manage; an {@link Account} is the view sign-in and the protocol endpoints have of a person.
 */
public final class AccountPolicy {
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{1,128}");
    /** A dot in the domain keeps out single-label names, which no one can mail to from outside. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");
    public static final int MIN_PASSWORD_LENGTH = 12;
    public static final int MAX_DISPLAY_NAME_LENGTH = 200;
    public static final int MAX_EMAIL_LENGTH = 320;

    private AccountPolicy() {
    }

    /** Every rule {@code account} breaks, in the order of its fields; empty when it may be saved. */
    public static List<Violation> check(AccountDefinition account) {
        List<Violation> violations = new ArrayList<>();
        usernameProblem(account.username()).ifPresent(p -> violations.add(new Violation("username", p)));
        account.password().flatMap(AccountPolicy::passwordProblem)
                .ifPresent(p -> violations.add(new Violation("password", p)));
        String name = account.displayName();
        if (name.isBlank() || name.length() > MAX_DISPLAY_NAME_LENGTH) {
            violations.add(new Violation("name", "must be 1 to " + MAX_DISPLAY_NAME_LENGTH + " characters"));
        }
        Optional<String> email = account.email();
        if (email.isPresent() && (email.get().length() > MAX_EMAIL_LENGTH || !EMAIL.matcher(email.get()).matches())) {
            violations.add(new Violation("email", "is not an email address (expected name@domain.example)"));
        }
        if (account.emailVerified() && email.isEmpty()) {
            violations.add(new Violation("email_verified", "is true but there is no email"));
        }
        return List.copyOf(violations);
    }

    /** What is wrong with {@code password} as a new password, if anything. */
    public static Optional<String> passwordProblem(io.latchkey.security.Secret password) {
        return password.length() < MIN_PASSWORD_LENGTH
                ? Optional.of("must be at least " + MIN_PASSWORD_LENGTH + " characters") : Optional.empty();
    }

    /**
     * The one rule across accounts: some enabled administrator must remain, or nobody could administer Latchkey
     * (the first admin is only created when no account is an administrator at all). A change that takes the last
     * one's admin flag or disables them breaks it, named by the field it changes.
     *
     * @param anotherEnabledAdmin whether an enabled administrator other than this account exists
     */
    public static List<Violation> checkLastAdministrator(boolean wasEnabledAdmin, boolean admin, boolean enabled,
                                                         boolean anotherEnabledAdmin) {
        if (!wasEnabledAdmin || anotherEnabledAdmin || (admin && enabled)) {
            return List.of();
        }
        String problem = "would leave no enabled administrator; make another account an administrator first";
        return List.of(new Violation(admin ? "enabled" : "admin", problem));
    }

    /** Why {@code username} cannot name an account, or empty when it can. */
    public static Optional<String> usernameProblem(String username) {
        return USERNAME.matcher(username).matches() ? Optional.empty()
                : Optional.of("must be 1 to 128 of A-Z a-z 0-9 . _ - @");
    }
}
