package io.latchkey.client;

import java.util.Optional;

/**
 * Whether an application's authorization-code requests must carry PKCE (RFC 7636, S256). {@link #REQUIRED} for
 * every application unless an operator says otherwise; {@link #OPTIONAL} only for a confidential web application
 * (RFC 9700 §2.1.1: public clients MUST use PKCE; a confidential OpenID Connect client MAY rely on the
 * {@code nonce} instead), and then only for OpenID Connect requests. A request that sends a challenge is held to
 * it either way.
 */
public enum PkcePolicy {
    REQUIRED("required"),
    OPTIONAL("optional");

    /** What an application gets when its definition does not say: the import file's and the admin API's default. */
    public static final PkcePolicy DEFAULT = REQUIRED;

    private final String wireName;

    PkcePolicy(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<PkcePolicy> fromWireName(String name) {
        for (PkcePolicy policy : values()) {
            if (policy.wireName.equals(name)) {
                return Optional.of(policy);
            }
        }
        return Optional.empty();
    }
}
