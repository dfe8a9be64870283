package io.latchkey.client;

import java.util.Optional;

/** Who may issue long-lived reference tokens (PAT/SAT) for an application (DESIGN §4). */
public enum AccessTokenPolicy {
    NONE("None"),
    AUTHENTICATED_USERS("AuthenticatedUsers"),
    ADMINISTRATORS_ONLY("AdministratorsOnly");

    private final String wireName;

    AccessTokenPolicy(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<AccessTokenPolicy> fromWireName(String name) {
        for (AccessTokenPolicy policy : values()) {
            if (policy.wireName.equals(name)) {
                return Optional.of(policy);
            }
        }
        return Optional.empty();
    }
}
