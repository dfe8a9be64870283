package io.latchkey.token;

import io.latchkey.client.ApplicationSubject;
import io.latchkey.security.RandomValues;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * What an access token says: its subject ({@link ApplicationSubject} for a service, the person's subject
 * otherwise),
 * the client, the scopes, and for people when and how they authenticated (RFC 9068 §2.2.1).
 */
public record AccessTokenClaims(String subject, String clientId, Set<String> scopes, Optional<Instant> authTime,
                                Optional<String> acr, String jti) {
    /** The Authentication Context Class Reference of a password sign-in. */
    public static final String PASSWORD_ACR = "urn:latchkey:acr:password";

    public static AccessTokenClaims forService(String clientId, Set<String> scopes) {
        return new AccessTokenClaims(ApplicationSubject.of(clientId), clientId, scopes, Optional.empty(),
                Optional.empty(), newJti());
    }

    public static AccessTokenClaims forPerson(String subject, String clientId, Set<String> scopes, Instant authTime,
                                              String jti) {
        return new AccessTokenClaims(subject, clientId, scopes, Optional.of(authTime), Optional.of(PASSWORD_ACR), jti);
    }

    public static String newJti() {
        return RandomValues.base64Url(128);
    }
}
