package io.latchkey.account;

import java.util.Objects;
import java.util.Optional;

/**
 * A person's postal address, the OIDC {@code address} claim (Core §5.1.1): every member optional; an address
 * with none of them is no address at all ({@link #isEmpty}).
 */
public record Address(Optional<String> formatted, Optional<String> streetAddress, Optional<String> locality,
                      Optional<String> region, Optional<String> postalCode, Optional<String> country) {

    public static final Address NONE = new Address(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty());

    public Address {
        Objects.requireNonNull(formatted, "formatted");
        Objects.requireNonNull(streetAddress, "streetAddress");
        Objects.requireNonNull(locality, "locality");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(postalCode, "postalCode");
        Objects.requireNonNull(country, "country");
    }

    public boolean isEmpty() {
        return equals(NONE);
    }
}
