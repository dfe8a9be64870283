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
    private static final char FAMILY_SEPARATOR = '.';

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

    /**
     * The id of a JWT access token issued by a refresh of the family {@code familyId}: {@code <familyId>.<random>},
     * so that the family's revocation ({@link #familyEntry}) covers it without a row for each token.
     */
    public static String familyJti(String familyId) {
        return familyId + FAMILY_SEPARATOR + RandomValues.base64Url(128);
    }

    /** The family a token id made by {@link #familyJti} names; empty for any other id (random ones have no '.'). */
    public static Optional<String> familyOfJti(String jti) {
        int separator = jti.indexOf(FAMILY_SEPARATOR);
        return separator > 0 ? Optional.of(jti.substring(0, separator)) : Optional.empty();
    }

    /** The deny-list entry that covers every access token the refreshes of {@code familyId} issued. */
    public static String familyEntry(String familyId) {
        return familyId + FAMILY_SEPARATOR;
    }
}
