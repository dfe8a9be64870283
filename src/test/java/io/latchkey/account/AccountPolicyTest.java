package io.latchkey.account;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.latchkey.error.Violation;
import io.latchkey.security.Secret;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One row per rule: what breaks it, and the field and message that say so. */
class AccountPolicyTest {
    private static final String USERNAME_RULE = "must be 1 to 128 of A-Z a-z 0-9 . _ - @";
    private static final String NOT_AN_EMAIL = "is not an email address (expected name@domain.example)";

    private static AccountDefinition alice(String username, Optional<String> password, String name,
                                           Optional<String> email, boolean emailVerified) {
        return new AccountDefinition(username, password.map(Secret::of), name, email, emailVerified, false, true);
    }

    private static AccountDefinition withUsername(String username) {
        return alice(username, Optional.empty(), "Alice", Optional.empty(), false);
    }

    private static AccountDefinition withPassword(String password) {
        return alice("alice", Optional.of(password), "Alice", Optional.empty(), false);
    }

    private static AccountDefinition withName(String name) {
        return alice("alice", Optional.empty(), name, Optional.empty(), false);
    }

    private static AccountDefinition withEmail(String email) {
        return alice("alice", Optional.empty(), "Alice", Optional.of(email), true);
    }

    private static Arguments row(String why, AccountDefinition account, String field, String message) {
        return Arguments.of(why, account, List.of(new Violation(field, message)));
    }

    static Stream<Arguments> brokenRules() {
        return Stream.of(
                row("empty username", withUsername(""), "username", USERNAME_RULE),
                row("username with a space", withUsername("alice smith"), "username", USERNAME_RULE),
                row("username with surrounding space", withUsername(" alice"), "username", USERNAME_RULE),
                row("username of 129 characters", withUsername("a".repeat(129)), "username", USERNAME_RULE),
                row("username with a plus", withUsername("alice+work"), "username", USERNAME_RULE),
                row("password of 11 characters", withPassword("eleven-char"), "password",
                        "must be at least 12 characters"),
                row("blank name", withName("  "), "name", "must be 1 to 200 characters"),
                row("name of 201 characters", withName("n".repeat(201)), "name", "must be 1 to 200 characters"),
                row("email without @", withEmail("alice.example.com"), "email", NOT_AN_EMAIL),
                row("email with two @", withEmail("alice@corp@example.com"), "email", NOT_AN_EMAIL),
                row("email without a dot in the domain", withEmail("alice@example"), "email", NOT_AN_EMAIL),
                row("email with an empty domain label", withEmail("alice@example..com"), "email", NOT_AN_EMAIL),
                row("email with a space", withEmail("alice @example.com"), "email", NOT_AN_EMAIL),
                row("email of 321 characters", withEmail("a".repeat(309) + "@example.com"), "email", NOT_AN_EMAIL),
                row("email_verified without an email",
                        alice("alice", Optional.empty(), "Alice", Optional.empty(), true), "email_verified",
                        "is true but there is no email"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenRules")
    void namesTheFieldAndTheRule(String why, AccountDefinition account, List<Violation> expected) {
        assertEquals(expected, AccountPolicy.check(account));
    }

    static Stream<Arguments> validAccounts() {
        return Stream.of(
                Arguments.of("the usual", alice("alice", Optional.of("twelve-chars"), "Alice Example",
                        Optional.of("alice@example.com"), true)),
                Arguments.of("username with every allowed kind of character", withUsername("Bob.Smith_2-x@corp")),
                Arguments.of("username of 128 characters", withUsername("a".repeat(128))),
                Arguments.of("name of 200 characters", withName("n".repeat(200))),
                Arguments.of("email of 320 characters", withEmail("a".repeat(308) + "@example.com")),
                Arguments.of("no password (keeps the stored one)", withUsername("alice")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validAccounts")
    void findsNothingWrongWithAValidAccount(String why, AccountDefinition account) {
        assertEquals(List.of(), AccountPolicy.check(account));
    }

    @Test
    void reportsEveryViolationNotJustTheFirst() {
        AccountDefinition account = alice("alice smith", Optional.of("short"), "", Optional.empty(), true);

        assertEquals(List.of(
                new Violation("username", USERNAME_RULE),
                new Violation("password", "must be at least 12 characters"),
                new Violation("name", "must be 1 to 200 characters"),
                new Violation("email_verified", "is true but there is no email")), AccountPolicy.check(account));
    }

    @Test
    void neverRepeatsThePasswordInAMessage() {
        List<Violation> violations = AccountPolicy.check(withPassword("pw-0123456"));

        assertEquals(1, violations.size());
        assertEquals(-1, violations.get(0).message().indexOf("pw-0123456"));
    }

    static Stream<Arguments> lastAdministrator() {
        String problem = "would leave no enabled administrator; make another account an administrator first";
        return Stream.of(
                // wasEnabledAdmin, admin, enabled, anotherEnabledAdmin -> violations
                Arguments.of(true, false, true, false, List.of(new Violation("admin", problem))),
                Arguments.of(true, true, false, false, List.of(new Violation("enabled", problem))),
                Arguments.of(true, false, false, false, List.of(new Violation("admin", problem))),
                Arguments.of(true, true, true, false, List.of()),
                Arguments.of(true, false, true, true, List.of()),
                Arguments.of(true, true, false, true, List.of()),
                Arguments.of(false, false, false, false, List.of()),
                Arguments.of(false, true, true, false, List.of()));
    }

    @ParameterizedTest
    @MethodSource("lastAdministrator")
    void someEnabledAdministratorRemains(boolean wasEnabledAdmin, boolean admin, boolean enabled,
                                         boolean anotherEnabledAdmin, List<Violation> expected) {
        assertEquals(expected, AccountPolicy.checkLastAdministrator(wasEnabledAdmin, admin, enabled,
                anotherEnabledAdmin));
    }
}
