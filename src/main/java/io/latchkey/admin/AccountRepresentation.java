package io.latchkey.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.latchkey.account.Account;
import io.latchkey.account.AccountCommands;
import io.latchkey.account.StandardClaims;
import java.util.List;

/**
 * An account as the admin API answers it: the import file's fields (never a password or its hash) and the read-only
 * {@code subject} (the OIDC {@code sub}, which also names the account in the audit trail), {@code version},
 * {@code created_at}, {@code updated_at} and {@code profile_updated_at} (when the profile last changed: the OIDC
 * {@code updated_at} claim). Standard claims the account does not have are left out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AccountRepresentation(
        @JsonProperty("username") String username,
        @JsonProperty("name") String name,
        @JsonProperty("email") String email,
        @JsonProperty("email_verified") boolean emailVerified,
        @JsonProperty("admin") boolean admin,
        @JsonProperty("enabled") boolean enabled,
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
        @JsonProperty("address") AddressInput address,
        @JsonProperty(value = "subject", access = JsonProperty.Access.READ_ONLY) String subject,
        @JsonProperty(value = "version", access = JsonProperty.Access.READ_ONLY) long version,
        @JsonProperty(value = "created_at", access = JsonProperty.Access.READ_ONLY) String createdAt,
        @JsonProperty(value = "updated_at", access = JsonProperty.Access.READ_ONLY) String updatedAt,
        @JsonProperty(value = "profile_updated_at", access = JsonProperty.Access.READ_ONLY) String profileUpdatedAt) {

    /** Fields a client reads but never writes. */
    static final List<String> READ_ONLY = List.of("subject", "version", "created_at", "updated_at",
            "profile_updated_at");

    public static AccountRepresentation of(AccountCommands.StoredAccount stored) {
        Account a = stored.account();
        StandardClaims c = a.claims();
        return new AccountRepresentation(a.username(), a.displayName(), a.email().orElse(null), a.emailVerified(),
                a.admin(), a.enabled(), c.givenName().orElse(null), c.familyName().orElse(null),
                c.middleName().orElse(null), c.nickname().orElse(null), c.preferredUsername().orElse(null),
                c.profile().orElse(null), c.picture().orElse(null), c.website().orElse(null), c.gender().orElse(null),
                c.birthdate().orElse(null), c.zoneinfo().orElse(null), c.locale().orElse(null),
                c.phoneNumber().orElse(null),
                c.phoneNumber().isPresent() ? c.phoneNumberVerified() : null, AddressInput.of(c.address()),
                a.subject(), stored.version(), stored.createdAt().toString(), stored.updatedAt().toString(),
                a.profileUpdatedAt().map(Object::toString).orElse(null));
    }
}
