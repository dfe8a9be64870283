package io.latchkey.client;

import io.latchkey.key.SigningAlgorithm;
import java.util.Optional;

/**
 * An application's {@code request_object_signing_alg} (OIDC Dynamic Client Registration §2: "All Request Objects
 * from this Client MUST be rejected, if not signed with this algorithm"): one of the JWS algorithms Latchkey
 * verifies, or {@link #NONE}, unsigned request objects, which an operator must name explicitly per application.
 */
public enum RequestObjectAlgorithm {
    RS256("RS256", Optional.of(SigningAlgorithm.RS256)),
    PS256("PS256", Optional.of(SigningAlgorithm.PS256)),
    ES256("ES256", Optional.of(SigningAlgorithm.ES256)),
    NONE("none", Optional.empty());

    private final String wireName;
    private final Optional<SigningAlgorithm> signing;

    RequestObjectAlgorithm(String wireName, Optional<SigningAlgorithm> signing) {
        this.wireName = wireName;
        this.signing = signing;
    }

    /** The JWS {@code alg} value, exactly (case-sensitive, RFC 7515 §4.1.1). */
    public String wireName() {
        return wireName;
    }

    /** The signature algorithm; empty for {@link #NONE}. */
    public Optional<SigningAlgorithm> signing() {
        return signing;
    }

    public static Optional<RequestObjectAlgorithm> fromWireName(String name) {
        for (RequestObjectAlgorithm algorithm : values()) {
            if (algorithm.wireName.equals(name)) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }
}
