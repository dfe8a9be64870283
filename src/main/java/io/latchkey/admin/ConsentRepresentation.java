package io.latchkey.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.latchkey.consent.ConsentRecords;
import java.util.List;

/**
 * A person's consent to an application, as the admin API lists it: the person (subject, username), the
 * application (client_id, and its name unless it was deleted), the scopes granted and when last granted.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConsentRepresentation(
        @JsonProperty("subject") String subject,
        @JsonProperty("username") String username,
        @JsonProperty("client_id") String clientId,
        @JsonProperty("application_name") String applicationName,
        @JsonProperty("scopes") List<String> scopes,
        @JsonProperty("granted_at") String grantedAt) {

    public static ConsentRepresentation of(ConsentRecords.ConsentRecord consent) {
        return new ConsentRepresentation(consent.accountSubject(), consent.username(), consent.clientId(),
                consent.applicationName().orElse(null), List.copyOf(consent.scopes()),
                consent.grantedAt().toString());
    }
}
