package io.latchkey.account;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * What an account holds of the OIDC standard claims (Core §5.1) beyond {@code name}, {@code email} and
 * {@code email_verified} (which the account has always had): every one optional, released by scope or by the
 * {@code claims} request parameter ({@code token.PersonClaims}). {@code preferredUsername} left empty means the
 * username. {@code updated_at} is not here: it is when the account's profile last changed, kept by the store.
 * {@link io.latchkey.account.AccountPolicy} holds the formats (URLs, birthdate, zoneinfo, locale, phone number).
 */
public record StandardClaims(
        Optional<String> givenName,
        Optional<String> familyName,
        Optional<String> middleName,
        Optional<String> nickname,
        Optional<String> preferredUsername,
        Optional<String> profile,
        Optional<String> picture,
        Optional<String> website,
        Optional<String> gender,
        Optional<String> birthdate,
        Optional<String> zoneinfo,
        Optional<String> locale,
        Optional<String> phoneNumber,
        boolean phoneNumberVerified,
        Address address) {

    public static final StandardClaims NONE = new StandardClaims(Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), false, Address.NONE);

    public StandardClaims {
        Objects.requireNonNull(givenName, "givenName");
        Objects.requireNonNull(familyName, "familyName");
        Objects.requireNonNull(middleName, "middleName");
        Objects.requireNonNull(nickname, "nickname");
        Objects.requireNonNull(preferredUsername, "preferredUsername");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(picture, "picture");
        Objects.requireNonNull(website, "website");
        Objects.requireNonNull(gender, "gender");
        Objects.requireNonNull(birthdate, "birthdate");
        Objects.requireNonNull(zoneinfo, "zoneinfo");
        Objects.requireNonNull(locale, "locale");
        Objects.requireNonNull(phoneNumber, "phoneNumber");
        Objects.requireNonNull(address, "address");
    }

    /**
     * The string-valued claims, in OIDC Core §5.1's order, each with its wire name: the one list that the import file
     * reads, the export writes, the audit's changed fields and the console's person page name. (The admin API's
     * request and response bodies keep their own typed fields, which its OpenAPI document is built from.)
     */
    public enum TextClaim {
        GIVEN_NAME("given_name", StandardClaims::givenName),
        FAMILY_NAME("family_name", StandardClaims::familyName),
        MIDDLE_NAME("middle_name", StandardClaims::middleName),
        NICKNAME("nickname", StandardClaims::nickname),
        PREFERRED_USERNAME("preferred_username", StandardClaims::preferredUsername),
        PROFILE("profile", StandardClaims::profile),
        PICTURE("picture", StandardClaims::picture),
        WEBSITE("website", StandardClaims::website),
        GENDER("gender", StandardClaims::gender),
        BIRTHDATE("birthdate", StandardClaims::birthdate),
        ZONEINFO("zoneinfo", StandardClaims::zoneinfo),
        LOCALE("locale", StandardClaims::locale),
        PHONE_NUMBER("phone_number", StandardClaims::phoneNumber);

        private final String wireName;
        private final Function<StandardClaims, Optional<String>> value;

        TextClaim(String wireName, Function<StandardClaims, Optional<String>> value) {
            this.wireName = wireName;
            this.value = value;
        }

        public String wireName() {
            return wireName;
        }

        /** This claim's value in {@code claims}. */
        public Optional<String> of(StandardClaims claims) {
            return value.apply(claims);
        }

        /** Every wire name, in order. */
        public static List<String> wireNames() {
            return Stream.of(values()).map(TextClaim::wireName).toList();
        }
    }

    /** The claims with each string-valued one {@code text} gives, {@code phone_number_verified} and the address. */
    public static StandardClaims of(Function<TextClaim, Optional<String>> text, boolean phoneNumberVerified,
                                    Address address) {
        return new StandardClaims(text.apply(TextClaim.GIVEN_NAME), text.apply(TextClaim.FAMILY_NAME),
                text.apply(TextClaim.MIDDLE_NAME), text.apply(TextClaim.NICKNAME),
                text.apply(TextClaim.PREFERRED_USERNAME), text.apply(TextClaim.PROFILE),
                text.apply(TextClaim.PICTURE), text.apply(TextClaim.WEBSITE), text.apply(TextClaim.GENDER),
                text.apply(TextClaim.BIRTHDATE), text.apply(TextClaim.ZONEINFO), text.apply(TextClaim.LOCALE),
                text.apply(TextClaim.PHONE_NUMBER), phoneNumberVerified, address);
    }

    /** The wire names of the claims that differ in {@code other} ({@code address} for any of its members). */
    public List<String> fieldsChangedIn(StandardClaims other) {
        List<String> changed = new ArrayList<>();
        for (TextClaim claim : TextClaim.values()) {
            addIf(changed, claim.wireName(), !claim.of(this).equals(claim.of(other)));
        }
        addIf(changed, "phone_number_verified", phoneNumberVerified != other.phoneNumberVerified);
        addIf(changed, "address", !address.equals(other.address));
        return changed;
    }

    private static void addIf(List<String> fields, String field, boolean changed) {
        if (changed) {
            fields.add(field);
        }
    }
}
