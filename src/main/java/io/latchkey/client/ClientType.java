package io.latchkey.client;

import java.util.Locale;
import java.util.Optional;

/**
 * The four kinds of application (DESIGN §8) and the policy each kind gets by construction:
 * whether it is confidential (has secrets), whether it signs people in through redirects,
 * and whether it may use the client_credentials grant.
 */
public enum ClientType {
    /** A server-side web application: confidential, code + PKCE, refresh tokens. */
    WEB("web", true, true, false),
    /** A single-page application: public, code + PKCE only. */
    SPA("spa", false, true, false),
    /** A native or mobile application: public, code + PKCE, loopback or custom-scheme redirects. */
    NATIVE("native", false, true, false),
    /** A backend service: confidential, client_credentials only, no redirects. */
    M2M("m2m", true, false, true);

    private final String wireName;
    private final boolean confidential;
    private final boolean interactive;
    private final boolean clientCredentials;

    ClientType(String wireName, boolean confidential, boolean interactive, boolean clientCredentials) {
        this.wireName = wireName;
        this.confidential = confidential;
        this.interactive = interactive;
        this.clientCredentials = clientCredentials;
    }

    public String wireName() {
        return wireName;
    }

    /** Confidential applications authenticate with a secret; public ones never get one. */
    public boolean confidential() {
        return confidential;
    }

    /** Signs people in through the authorization endpoint, so it needs redirect URIs. */
    public boolean interactive() {
        return interactive;
    }

    public boolean mayUseClientCredentials() {
        return clientCredentials;
    }

    public static Optional<ClientType> fromWireName(String name) {
        for (ClientType type : values()) {
            if (type.wireName.equals(name.toLowerCase(Locale.ROOT))) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
