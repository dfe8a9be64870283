package io.latchkey.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.latchkey.account.AccountDefinition;
import io.latchkey.account.Address;
import io.latchkey.account.StandardClaims;
import io.latchkey.security.Secret;
import java.util.Optional;

/**
 * A new account as a request body declares it, with the import file's field names and defaults: {@code username}
 * required; {@code name} defaults to the username; {@code password} optional (without one the person cannot sign in
 * with a password until one is set), never echoed or logged. Names and emails are trimmed as the import trims them;
 * the rules are {@link io.latchkey.account.AccountPolicy}'s, applied by the command. The standard claims (OIDC Core
 * §5.1: given_name ... phone_number_verified, address) are optional.
 */
public record AccountInput(
        @JsonProperty("username") String username,
        @JsonProperty("password") String password,
        @JsonProperty("name") String name,
        @JsonProperty("email") String email,
        @JsonProperty("email_verified") Boolean emailVerified,
        @JsonProperty("admin") Boolean admin,
        @JsonProperty("enabled") Boolean enabled,
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

    public AccountDefinition definition() {
        if (username == null) {
            throw AdminProblem.invalid("username", "is required");
        }
        String trimmed = username.trim();
        return new AccountDefinition(trimmed, Optional.ofNullable(password).map(Secret::of),
                Optional.ofNullable(name).map(String::trim).orElse(trimmed),
                Optional.ofNullable(email).map(String::trim), Boolean.TRUE.equals(emailVerified),
                Boolean.TRUE.equals(admin), !Boolean.FALSE.equals(enabled), claims());
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

    @Override
    public String toString() {
        return "AccountInput[" + username + (password == null ? "" : ", password ***") + "]";
    }
}
