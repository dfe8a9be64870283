package io.latchkey.error;

/** RFC 6749 §4.1.2.1 and §5.2, RFC 6750 §3.1 error codes with the HTTP status each is sent with. */
public enum ErrorCode {
    INVALID_REQUEST("invalid_request", 400),
    INVALID_CLIENT("invalid_client", 401),
    INVALID_GRANT("invalid_grant", 400),
    UNAUTHORIZED_CLIENT("unauthorized_client", 400),
    UNSUPPORTED_GRANT_TYPE("unsupported_grant_type", 400),
    INVALID_SCOPE("invalid_scope", 400),
    ACCESS_DENIED("access_denied", 403),
    INVALID_TOKEN("invalid_token", 401),
    INSUFFICIENT_SCOPE("insufficient_scope", 403),
    UNSUPPORTED_RESPONSE_TYPE("unsupported_response_type", 400),
    LOGIN_REQUIRED("login_required", 400),
    CONSENT_REQUIRED("consent_required", 400),
    REQUEST_NOT_SUPPORTED("request_not_supported", 400),
    INVALID_REQUEST_OBJECT("invalid_request_object", 400),
    REQUEST_URI_NOT_SUPPORTED("request_uri_not_supported", 400),
    REGISTRATION_NOT_SUPPORTED("registration_not_supported", 400),
    /** A form whose CSRF field is missing or does not belong to this browser. */
    FORGED_FORM("invalid_request", 403),
    TOO_MANY_ATTEMPTS("invalid_request", 429),
    /**
     * Client authentication refused without being tried, after too many failures (RFC 6585 §4 status). RFC 6749
     * §5.2 has no code for this; {@code invalid_client} is its code for client authentication that did not
     * succeed, which a client already handles (stop and check the credentials), where a code of our own would
     * be unknown to it, and {@code slow_down} (RFC 8628 §3.5) tells a device-flow client to keep polling.
     */
    CLIENT_AUTHENTICATION_THROTTLED("invalid_client", 429),
    NOT_FOUND("invalid_request", 404),
    METHOD_NOT_ALLOWED("invalid_request", 405),
    UNSUPPORTED_MEDIA_TYPE("invalid_request", 415),
    SERVER_ERROR("server_error", 500);

    private final String wireName;
    private final int status;

    ErrorCode(String wireName, int status) {
        this.wireName = wireName;
        this.status = status;
    }

    /** The value of the {@code error} parameter. */
    public String wireName() {
        return wireName;
    }

    public int status() {
        return status;
    }
}
