package io.latchkey.account;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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

    /** The wire names of the claims that differ in {@code other} ({@code address} for any of its members). */
    public List<String> fieldsChangedIn(StandardClaims other) {
        List<String> changed = new ArrayList<>();
        addIf(changed, "given_name", !givenName.equals(other.givenName));
        addIf(changed, "family_name", !familyName.equals(other.familyName));
        addIf(changed, "middle_name", !middleName.equals(other.middleName));
        addIf(changed, "nickname", !nickname.equals(other.nickname));
        addIf(changed, "preferred_username", !preferredUsername.equals(other.preferredUsername));
        addIf(changed, "profile", !profile.equals(other.profile));
        addIf(changed, "picture", !picture.equals(other.picture));
        addIf(changed, "website", !website.equals(other.website));
        addIf(changed, "gender", !gender.equals(other.gender));
        addIf(changed, "birthdate", !birthdate.equals(other.birthdate));
        addIf(changed, "zoneinfo", !zoneinfo.equals(other.zoneinfo));
        addIf(changed, "locale", !locale.equals(other.locale));
        addIf(changed, "phone_number", !phoneNumber.equals(other.phoneNumber));
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
