package io.latchkey.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.latchkey.account.Address;
import java.util.Optional;

/**
 * An account's {@code address} (OIDC Core §5.1.1) as request and response bodies carry it, with the import file's
 * member names; every member optional, trimmed as the import trims them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AddressInput(
        @JsonProperty("formatted") String formatted,
        @JsonProperty("street_address") String streetAddress,
        @JsonProperty("locality") String locality,
        @JsonProperty("region") String region,
        @JsonProperty("postal_code") String postalCode,
        @JsonProperty("country") String country) {

    public Address address() {
        return new Address(trimmed(formatted), trimmed(streetAddress), trimmed(locality), trimmed(region),
                trimmed(postalCode), trimmed(country));
    }

    /** The address as a body shows it, or null when the account has none. */
    public static AddressInput of(Address address) {
        return address.isEmpty() ? null : new AddressInput(address.formatted().orElse(null),
                address.streetAddress().orElse(null), address.locality().orElse(null), address.region().orElse(null),
                address.postalCode().orElse(null), address.country().orElse(null));
    }

    static Optional<String> trimmed(String value) {
        return Optional.ofNullable(value).map(String::trim);
    }
}
