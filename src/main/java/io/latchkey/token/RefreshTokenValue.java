package io.latchkey.token;

import io.latchkey.security.RandomValues;
import io.latchkey.security.Secret;
import java.util.Optional;

/**
 * A refresh token's value: {@code <locator>.<secret>}, base64url. The locator (128 random bits) is the family's and
 * stays with it through every rotation; the secret (256 random bits) is new with each one. Both are stored only as
 * SHA-256 hashes: the locator's is the family's key ({@link #familyKey()}), the whole token's is the live token's
 * ({@link #tokenHash()}). A token issued before schema 31 has no separator: it is its own locator, and its first
 * rotation gives its family a locator of its own.
 */
public final class RefreshTokenValue {
    private static final char SEPARATOR = '.';

    private final Optional<Secret> locator;
    private final String familyKey;
    private final String tokenHash;
    private final Secret token;

    private RefreshTokenValue(Optional<Secret> locator, String familyKey, Secret token) {
        this.locator = locator;
        this.familyKey = familyKey;
        this.tokenHash = token.hashed();
        this.token = token;
    }

    /** A token as a client presented it (any string: a malformed one locates no family). */
    public static RefreshTokenValue presented(Secret token) {
        Optional<Secret> locator = token.before(SEPARATOR);
        return new RefreshTokenValue(locator, locator.orElse(token).hashed(), token);
    }

    /** The first token of a new family. */
    public static RefreshTokenValue newFamily() {
        return issued(Secret.of(RandomValues.base64Url(128)));
    }

    /** The token that replaces this one: same family locator (a new one for a token from before schema 31). */
    public RefreshTokenValue next() {
        return locator.map(same -> issued(same, familyKey)).orElseGet(RefreshTokenValue::newFamily);
    }

    private static RefreshTokenValue issued(Secret locator) {
        return issued(locator, locator.hashed());
    }

    private static RefreshTokenValue issued(Secret locator, String familyKey) {
        Secret token = Secret.of(locator.reveal() + SEPARATOR + RandomValues.base64Url(256));
        return new RefreshTokenValue(Optional.of(locator), familyKey, token);
    }

    /** The hash of the locator: the key of the family's row. */
    public String familyKey() {
        return familyKey;
    }

    /** The hash of the whole token, as the family's row holds its live token. */
    public String tokenHash() {
        return tokenHash;
    }

    /** The token itself, for the response that hands it out. */
    public Secret token() {
        return token;
    }

    @Override
    public String toString() {
        return "RefreshTokenValue[family key " + familyKey + "]";
    }
}
