package io.latchkey.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.latchkey.account.AccountCommands;
import io.latchkey.account.Address;
import io.latchkey.account.StandardClaims;
import java.util.Optional;

/**
 * An account's profile as the result of a merge patch holds it: {@code name} (required), {@code email} (absent:
 * none), {@code email_verified} and the standard claims (OIDC Core §5.1, each absent: none); trimmed as the import
 * trims them.
 */
public record ProfileInput(
        @JsonProperty("name") String name,
        @JsonProperty("email") String email,
        @JsonProperty("email_verified") Boolean emailVerified,
        @JsonProperty("given_name") String givenName,
        @JsonProperty("family_name") String familyName,
        @JsonProperty("middle_name") String middleName,
        @JsonProperty("nickname") String nickname,
        @JsonProperty("preferred_username") String preferredUsername,
        @JsonProperty("profile") String profileUrl,
        @JsonProperty("picture") String pictureUrl,
        @JsonProperty("website") String websiteUrl,
        @JsonProperty("gender") String gender,
        @JsonProperty("birthdate") String birthdate,
        @JsonProperty("zoneinfo") String zoneinfo,
        @JsonProperty("locale") String locale,
        @JsonProperty("phone_number") String phoneNumber,
        @JsonProperty("phone_number_verified") Boolean phoneNumberVerified,
        @JsonProperty("address") AddressInput address) {

    public AccountCommands.Profile profile() {
        if (name == null) {
            throw AdminProblem.invalid("name", "is required");
        }
        return new AccountCommands.Profile(name.trim(), Optional.ofNullable(email).map(String::trim),
                Boolean.TRUE.equals(emailVerified), claims());
    }

    /** The standard claims the body gives (absent: none). */
    public StandardClaims claims() {
        return new StandardClaims(AddressInput.trimmed(givenName), AddressInput.trimmed(familyName),
                AddressInput.trimmed(middleName), AddressInput.trimmed(nickname),
                AddressInput.trimmed(preferredUsername), AddressInput.trimmed(profileUrl),
                AddressInput.trimmed(pictureUrl), AddressInput.trimmed(websiteUrl), AddressInput.trimmed(gender),
                AddressInput.trimmed(birthdate), AddressInput.trimmed(zoneinfo), AddressInput.trimmed(locale),
                AddressInput.trimmed(phoneNumber),
                Boolean.TRUE.equals(phoneNumberVerified), address == null ? Address.NONE : address.address());
    }
}
