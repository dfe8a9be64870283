package io.latchkey.error;

import java.time.Duration;
import java.util.Optional;

/**
 * The one exception for protocol errors. {@link #error()} is what the client sees;
 * {@link #detail()} is logged with the request id and never sent.
 */
public final class OAuthException extends RuntimeException {
    private final transient OAuthError error;
    private final String detail;
    private final String challenge;
    private final Duration retryAfter;

    private OAuthException(OAuthError error, String detail, String challenge, Duration retryAfter) {
        super(error.code().wireName() + ": " + error.description(), null, false, false);
        this.error = error;
        this.detail = detail;
        this.challenge = challenge;
        this.retryAfter = retryAfter;
    }

    public static OAuthException of(ErrorCode code, String description) {
        return new OAuthException(new OAuthError(code, description), description, null, null);
    }

    public static OAuthException of(ErrorCode code, String description, String detail) {
        return new OAuthException(new OAuthError(code, description), detail, null, null);
    }

    public static OAuthException invalidRequest(String description) {
        return of(ErrorCode.INVALID_REQUEST, description);
    }

    /** This error with a {@code WWW-Authenticate} challenge, e.g. after a failed HTTP Basic authentication. */
    public OAuthException withChallenge(String wwwAuthenticate) {
        return new OAuthException(error, detail, wwwAuthenticate, retryAfter);
    }

    /** This error with a {@code Retry-After} (RFC 9110 §10.2.3, RFC 6585 §4), e.g. for a 429. */
    public OAuthException withRetryAfter(Duration wait) {
        return new OAuthException(error, detail, challenge, wait);
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

    /** The {@code Retry-After} value to send, in whole seconds rounded up (at least 1), if any. */
    public Optional<Long> retryAfterSeconds() {
        return Optional.ofNullable(retryAfter).map(wait -> Math.max(1, (wait.toMillis() + 999) / 1000));
    }
}
