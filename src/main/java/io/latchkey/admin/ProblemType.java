package io.latchkey.admin;

/**
 * The fixed, documented set of problems the admin API answers (RFC 9457 §3.1.1 {@code type}): each a stable URN
 * with its title and status. Clients branch on {@link #uri()}, never on the {@code detail} text.
 */
public enum ProblemType {
    /** The body is not one well-formed JSON value: a syntax error, a duplicate key, trailing text, no body. */
    MALFORMED_JSON("malformed-json", "The request body is not well-formed JSON", 400),
    /** Well-formed, but the request breaks a rule: unknown or read-only fields, wrong types, bad parameters. */
    INVALID_REQUEST("invalid-request", "The request is invalid", 400),
    /** No usable bearer token (RFC 6750 §3.1 {@code invalid_token}, or none at all). */
    UNAUTHORIZED("unauthorized", "A valid admin access token is required", 401),
    /** The token is valid, but its holder or its scope may not do this ({@code insufficient_scope}). */
    FORBIDDEN("forbidden", "The access token does not allow this", 403),
    NOT_FOUND("not-found", "There is no such resource", 404),
    METHOD_NOT_ALLOWED("method-not-allowed", "The resource does not accept this method", 405),
    NOT_ACCEPTABLE("not-acceptable", "The resource cannot answer in an accepted media type", 406),
    /** The resource exists already (a create of a taken client_id). */
    /** The request body did not arrive within the server's deadline. */
    REQUEST_TIMEOUT("request-timeout", "The request body did not arrive in time", 408),
    CONFLICT("conflict", "The request conflicts with the resource's current state", 409),
    /** The {@code If-Match} does not name the current version (RFC 9110 §13.1.1). */
    PRECONDITION_FAILED("precondition-failed", "The resource has changed since it was read", 412),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "The request body has an unsupported media type", 415),
    /** A change without {@code If-Match} (RFC 6585 §3). */
    PRECONDITION_REQUIRED("precondition-required", "The request must be conditional: send If-Match", 428),
    TOO_MANY_REQUESTS("too-many-requests", "Too many requests", 429),
    SERVER_ERROR("server-error", "The server met an unexpected condition", 500);

    public static final String URI_PREFIX = "urn:latchkey:problem:";

    private final String name;
    private final String title;
    private final int status;

    ProblemType(String name, String title, int status) {
        this.name = name;
        this.title = title;
        this.status = status;
    }

    public String uri() {
        return URI_PREFIX + name;
    }

    public String title() {
        return title;
    }

    public int status() {
        return status;
    }

    /** The problem a response status means when nothing more specific is known. */
    public static ProblemType forStatus(int status) {
        for (ProblemType type : values()) {
            if (type.status == status && type != MALFORMED_JSON) {
                return type;
            }
        }
        return status >= 500 ? SERVER_ERROR : INVALID_REQUEST;
    }
}
