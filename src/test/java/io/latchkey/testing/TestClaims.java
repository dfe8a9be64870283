package io.latchkey.testing;

import io.latchkey.account.Address;
import io.latchkey.account.StandardClaims;
import java.util.Optional;

/** Standard claims for tests: an account that has every one of them, each valid. */
public final class TestClaims {
    public static final Address ADDRESS = new Address(Optional.of("Christ Church, Oxford OX1 1DP"),
            Optional.of("St Aldate's"), Optional.of("Oxford"), Optional.of("Oxfordshire"), Optional.of("OX1 1DP"),
            Optional.of("GB"));
    public static final StandardClaims EVERY_CLAIM = new StandardClaims(Optional.of("Alice"), Optional.of("Liddell"),
            Optional.of("Pleasance"), Optional.of("Al"), Optional.of("alice.l"), Optional.of("https://example.com/alice"),
            Optional.of("https://example.com/alice.png"), Optional.of("https://alice.example.com"),
            Optional.of("female"), Optional.of("0000-05-04"), Optional.of("Europe/London"), Optional.of("en-GB"),
            Optional.of("+441865270000"), true, ADDRESS);

    private TestClaims() {
    }
}
