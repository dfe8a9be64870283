package io.latchkey.error;

import java.util.Optional;

/**
 * The one exception for protocol errors. {@link #error()} is what the client sees;
 * {@link #detail()} is logged with the request id and never sent.
 */
public final class OAuthException extends RuntimeException {
    private final transient OAuthError error;
    private final String detail;
    private final String challenge;

    private OAuthException(OAuthError error, String detail, String challenge) {
        super(error.code().wireName() + ": " + error.description(), null, false, false);
        this.error = error;
        this.detail = detail;
        this.challenge = challenge;
    }

    public static OAuthException of(ErrorCode code, String description) {
        return new OAuthException(new OAuthError(code, description), description, null);
    }

    public static OAuthException of(ErrorCode code, String description, String detail) {
        return new OAuthException(new OAuthError(code, description), detail, null);
    }

    public static OAuthException invalidRequest(String description) {
        return of(ErrorCode.INVALID_REQUEST, description);
    }

    /** This error with a {@code WWW-Authenticate} challenge, e.g. after a failed HTTP Basic authentication. */
    public OAuthException withChallenge(String wwwAuthenticate) {
        return new OAuthException(error, detail, wwwAuthenticate);
    }

    public OAuthError error() {
        return error;
    }

    public String detail() {
        return detail;
    }

    /** The {@code WWW-Authenticate} header value to send, if any. */
    public Optional<String> challenge() {
        return Optional.ofNullable(challenge);
    }
}
