package io.latchkey.account;

import io.latchkey.error.Violation;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.Set;
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
    /** The longest of the short standard claims (names, gender, address parts); also their columns' size. */
    public static final int MAX_CLAIM_LENGTH = 255;
    /** The longest URL (profile, picture, website) and formatted address. */
    public static final int MAX_URL_LENGTH = 2048;
    /** OIDC Core §5.1 birthdate: YYYY, YYYY-MM-DD, or 0000-MM-DD when the year is withheld. */
    private static final Pattern BIRTHDATE = Pattern.compile("(\\d{4})(?:-(\\d{2})-(\\d{2}))?");
    /** E.164 (a plus, then 2 to 15 digits, no leading zero), with an RFC 3966 extension if any. */
    private static final Pattern PHONE_NUMBER = Pattern.compile("\\+[1-9][0-9]{1,14}(;ext=[0-9]{1,10})?");
    private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();

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
        checkClaims(account.claims(), violations);
        return List.copyOf(violations);
    }

    /** The rules of the standard claims (OIDC Core §5.1), each violation named by the claim's wire name. */
    private static void checkClaims(StandardClaims claims, List<Violation> violations) {
        text("given_name", claims.givenName(), MAX_CLAIM_LENGTH, violations);
        text("family_name", claims.familyName(), MAX_CLAIM_LENGTH, violations);
        text("middle_name", claims.middleName(), MAX_CLAIM_LENGTH, violations);
        text("nickname", claims.nickname(), MAX_CLAIM_LENGTH, violations);
        text("preferred_username", claims.preferredUsername(), MAX_CLAIM_LENGTH, violations);
        url("profile", claims.profile(), violations);
        url("picture", claims.picture(), violations);
        url("website", claims.website(), violations);
        text("gender", claims.gender(), MAX_CLAIM_LENGTH, violations);
        claims.birthdate().filter(b -> !isBirthdate(b)).ifPresent(b -> violations.add(new Violation("birthdate",
                "must be YYYY, YYYY-MM-DD or 0000-MM-DD (year withheld)")));
        claims.zoneinfo().filter(z -> !ZONES.contains(z)).ifPresent(z -> violations.add(new Violation("zoneinfo",
                "must be a time zone of the IANA database, such as Europe/Paris")));
        claims.locale().filter(l -> !isLanguageTag(l)).ifPresent(l -> violations.add(new Violation("locale",
                "must be a BCP 47 language tag, such as en-US or fr")));
        claims.phoneNumber().filter(p -> !PHONE_NUMBER.matcher(p).matches()).ifPresent(p -> violations.add(
                new Violation("phone_number", "must be E.164 (+ and up to 15 digits, no spaces), optionally with "
                        + ";ext=digits")));
        if (claims.phoneNumberVerified() && claims.phoneNumber().isEmpty()) {
            violations.add(new Violation("phone_number_verified", "is true but there is no phone_number"));
        }
        Address address = claims.address();
        text("address.formatted", address.formatted(), MAX_URL_LENGTH, violations);
        text("address.street_address", address.streetAddress(), MAX_CLAIM_LENGTH, violations);
        text("address.locality", address.locality(), MAX_CLAIM_LENGTH, violations);
        text("address.region", address.region(), MAX_CLAIM_LENGTH, violations);
        text("address.postal_code", address.postalCode(), MAX_CLAIM_LENGTH, violations);
        text("address.country", address.country(), MAX_CLAIM_LENGTH, violations);
    }

    private static void text(String field, Optional<String> value, int max, List<Violation> violations) {
        value.filter(v -> v.isBlank() || v.length() > max)
                .ifPresent(v -> violations.add(new Violation(field, "must be 1 to " + max + " characters")));
    }

    private static void url(String field, Optional<String> value, List<Violation> violations) {
        value.filter(v -> !isWebUrl(v)).ifPresent(v -> violations.add(new Violation(field,
                "must be an absolute http or https URL of at most " + MAX_URL_LENGTH + " characters")));
    }

    private static boolean isWebUrl(String value) {
        if (value.length() > MAX_URL_LENGTH) {
            return false;
        }
        try {
            URI uri = new URI(value);
            return uri.isAbsolute() && uri.getHost() != null
                    && ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    static boolean isBirthdate(String value) {
        var matcher = BIRTHDATE.matcher(value);
        if (!matcher.matches()) {
            return false;
        }
        if (matcher.group(2) == null) {
            return !value.equals("0000");
        }
        // 0000 withholds the year; 2000 is a leap year, so 0000-02-29 stays possible.
        int year = value.startsWith("0000") ? 2000 : Integer.parseInt(matcher.group(1));
        try {
            LocalDate.of(year, Integer.parseInt(matcher.group(2)), Integer.parseInt(matcher.group(3)));
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    static boolean isLanguageTag(String value) {
        try {
            new Locale.Builder().setLanguageTag(value);
            return !value.isBlank() && value.length() <= 35;
        } catch (IllformedLocaleException e) {
            return false;
        }
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
