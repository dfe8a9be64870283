package io.latchkey.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.latchkey.account.Account;
import io.latchkey.account.AccountCommands;
import java.util.List;

/**
 * An account as the admin API answers it: the import file's fields (never a password or its hash) and the read-only
 * {@code subject} (the OIDC {@code sub}, which also names the account in the audit trail), {@code version},
 * {@code created_at} and {@code updated_at}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AccountRepresentation(
        @JsonProperty("username") String username,
        @JsonProperty("name") String name,
        @JsonProperty("email") String email,
        @JsonProperty("email_verified") boolean emailVerified,
        @JsonProperty("admin") boolean admin,
        @JsonProperty("enabled") boolean enabled,
        @JsonProperty(value = "subject", access = JsonProperty.Access.READ_ONLY) String subject,
        @JsonProperty(value = "version", access = JsonProperty.Access.READ_ONLY) long version,
        @JsonProperty(value = "created_at", access = JsonProperty.Access.READ_ONLY) String createdAt,
        @JsonProperty(value = "updated_at", access = JsonProperty.Access.READ_ONLY) String updatedAt) {

    /** Fields a client reads but never writes. */
    static final List<String> READ_ONLY = List.of("subject", "version", "created_at", "updated_at");

    public static AccountRepresentation of(AccountCommands.StoredAccount stored) {
        Account a = stored.account();
        return new AccountRepresentation(a.username(), a.displayName(), a.email().orElse(null), a.emailVerified(),
                a.admin(), a.enabled(), a.subject(), stored.version(), stored.createdAt().toString(),
                stored.updatedAt().toString());
    }
}
