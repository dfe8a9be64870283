package io.latchkey.client;

import java.util.Objects;

/**
 * The {@code sub} of tokens an application holds for itself (client credentials, service access tokens):
 * {@code client:} followed by its client_id. RFC 9068 §2.2: where no resource owner is involved, "the value
 * of sub SHOULD correspond to an identifier the authorization server uses to indicate the client application".
 *
 * <p>People's subjects are 128 random bits in base64url ({@code A-Z a-z 0-9 - _}), which never contain a
 * colon, so no application's subject can ever equal a person's, whatever its client_id: the two namespaces are
 * disjoint by construction. A token's {@code client_id} claim stays the bare client_id.
 */
public final class ApplicationSubject {
    public static final String PREFIX = "client:";

    private ApplicationSubject() {
    }

    public static String of(String clientId) {
        return PREFIX + Objects.requireNonNull(clientId, "clientId");
    }

    /** Whether {@code subject} names an application rather than a person. */
    public static boolean isApplication(String subject) {
        return subject.startsWith(PREFIX);
    }
}
