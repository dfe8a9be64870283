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

    /** Alice with the standard claims {@code claims} changed from none. */
    private static AccountDefinition withClaims(java.util.function.UnaryOperator<Claims> claims) {
        return new AccountDefinition("alice", Optional.empty(), "Alice", Optional.empty(), false, false, true,
                claims.apply(new Claims()).build());
    }

    /** The standard claims, one field at a time. */
    private static final class Claims {
        private final Optional<String>[] values = newValues();
        private boolean phoneVerified;
        private Address address = Address.NONE;

        @SuppressWarnings("unchecked")
        private static Optional<String>[] newValues() {
            Optional<String>[] values = new Optional[13];
            java.util.Arrays.fill(values, Optional.empty());
            return values;
        }

        Claims set(String claim, String value) {
            values[ImportOrder.NAMES.indexOf(claim)] = Optional.of(value);
            return this;
        }

        Claims phoneVerified() {
            phoneVerified = true;
            return this;
        }

        Claims address(Address address) {
            this.address = address;
            return this;
        }

        StandardClaims build() {
            return new StandardClaims(values[0], values[1], values[2], values[3], values[4], values[5], values[6],
                    values[7], values[8], values[9], values[10], values[11], values[12], phoneVerified, address);
        }
    }

    private static final class ImportOrder {
        static final List<String> NAMES = List.of("given_name", "family_name", "middle_name", "nickname",
                "preferred_username", "profile", "picture", "website", "gender", "birthdate", "zoneinfo", "locale",
                "phone_number");
    }

    private static AccountDefinition withClaim(String claim, String value) {
        return withClaims(c -> c.set(claim, value));
    }

    private static final String URL_RULE = "must be an absolute http or https URL of at most 2048 characters";
    private static final String BIRTHDATE_RULE = "must be YYYY, YYYY-MM-DD or 0000-MM-DD (year withheld)";
    private static final String PHONE_RULE = "must be E.164 (+ and up to 15 digits, no spaces), optionally with ;ext=digits";

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
                        "is true but there is no email"),
                row("blank given_name", withClaim("given_name", " "), "given_name", "must be 1 to 255 characters"),
                row("family_name of 256", withClaim("family_name", "f".repeat(256)), "family_name",
                        "must be 1 to 255 characters"),
                row("relative profile URL", withClaim("profile", "/alice"), "profile", URL_RULE),
                row("picture that is not http", withClaim("picture", "ftp://example.com/a.png"), "picture", URL_RULE),
                row("website that is no URL", withClaim("website", "https://exa mple.com"), "website", URL_RULE),
                row("birthdate in another format", withClaim("birthdate", "04/05/1852"), "birthdate", BIRTHDATE_RULE),
                row("birthdate that is no day", withClaim("birthdate", "1852-02-30"), "birthdate", BIRTHDATE_RULE),
                row("birthdate year 0000 alone", withClaim("birthdate", "0000"), "birthdate", BIRTHDATE_RULE),
                row("birthdate with a month only", withClaim("birthdate", "1852-05"), "birthdate", BIRTHDATE_RULE),
                row("zoneinfo that is an offset", withClaim("zoneinfo", "+01:00"), "zoneinfo",
                        "must be a time zone of the IANA database, such as Europe/Paris"),
                row("zoneinfo that is no zone", withClaim("zoneinfo", "Europe/Atlantis"), "zoneinfo",
                        "must be a time zone of the IANA database, such as Europe/Paris"),
                row("locale that is no language tag", withClaim("locale", "en_US_x!"), "locale",
                        "must be a BCP 47 language tag, such as en-US or fr"),
                row("phone number with spaces", withClaim("phone_number", "+1 425 555 1212"), "phone_number",
                        PHONE_RULE),
                row("phone number without the plus", withClaim("phone_number", "4255551212"), "phone_number",
                        PHONE_RULE),
                row("phone number of 16 digits", withClaim("phone_number", "+1234567890123456"), "phone_number",
                        PHONE_RULE),
                row("phone_number_verified without a phone number", withClaims(Claims::phoneVerified),
                        "phone_number_verified", "is true but there is no phone_number"),
                row("blank address country", withClaims(c -> c.address(new Address(Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("")))), "address.country",
                        "must be 1 to 255 characters"));
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
                Arguments.of("no password (keeps the stored one)", withUsername("alice")),
                Arguments.of("birthdate with the year only", withClaim("birthdate", "1852")),
                Arguments.of("birthdate without the year, on a leap day", withClaim("birthdate", "0000-02-29")),
                Arguments.of("full birthdate", withClaim("birthdate", "1852-05-04")),
                Arguments.of("http and https URLs", withClaims(c -> c.set("profile", "https://example.com/alice")
                        .set("picture", "http://example.com/a.png").set("website", "https://alice.example.com/"))),
                Arguments.of("IANA zone and BCP 47 locale", withClaims(c -> c.set("zoneinfo", "America/Los_Angeles")
                        .set("locale", "en-US"))),
                Arguments.of("E.164 with an extension, verified", withClaims(c -> c.set("phone_number",
                        "+14255551212;ext=5678").phoneVerified())),
                Arguments.of("every standard claim", new AccountDefinition("alice", Optional.empty(), "Alice",
                        Optional.empty(), false, false, true, io.latchkey.testing.TestClaims.EVERY_CLAIM)));
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
