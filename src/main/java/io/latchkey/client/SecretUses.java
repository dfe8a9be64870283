package io.latchkey.client;

import java.time.Instant;

/**
 * Where the successful presentation of a stored secret is noted, so that operators see when each secret of an
 * application was last used (after a rotation: who still sends the old one). Told at most once a minute per secret
 * per node by {@link ClientAuthenticator}; a failure to note it never fails the authentication.
 */
@FunctionalInterface
public interface SecretUses {
    /** Notes nothing: for tests of the other rules and for tools. */
    SecretUses NONE = (secretHash, at) -> { };

    void used(String secretHash, Instant at);
}
