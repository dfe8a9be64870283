package io.latchkey.admin;

import io.latchkey.audit.Actor;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/**
 * The checks every admin resource makes of a request before it calls a command: no stray query parameters, the
 * body's media type, and a caller whose token may change things.
 */
final class AdminRequest {

    private AdminRequest() {
    }

    /** A resource that takes no query parameters refuses one rather than ignoring it. */
    static void noQuery(UriInfo uriInfo) {
        noQuery(uriInfo.getQueryParameters());
    }

    static void noQuery(MultivaluedMap<String, String> query) {
        List<String> names = query.keySet().stream().sorted().toList();
        if (!names.isEmpty()) {
            throw AdminProblem.invalid(names.get(0), "is not a parameter of this resource");
        }
    }

    /** The body must be {@code expected}, in UTF-8 if a charset is named (RFC 8259 §8.1). */
    static void requireMediaType(HttpHeaders headers, MediaType expected) {
        MediaType sent = headers.getMediaType();
        if (sent == null || !sent.getType().equalsIgnoreCase(expected.getType())
                || !sent.getSubtype().equalsIgnoreCase(expected.getSubtype())) {
            throw new AdminProblem(ProblemType.UNSUPPORTED_MEDIA_TYPE, "send the body as " + expected);
        }
        String charset = sent.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (charset != null && !charset.equalsIgnoreCase("utf-8")) {
            throw new AdminProblem(ProblemType.UNSUPPORTED_MEDIA_TYPE, "JSON is UTF-8 (RFC 8259 §8.1)");
        }
    }

    /** The caller of a change, as the audit trail names it; a read-only token is refused. */
    static Actor changer(ContainerRequestContext request) {
        AdminCaller caller = AdminCaller.of(request);
        if (caller.readOnly()) {
            throw new AdminProblem(ProblemType.FORBIDDEN, "the token only reads");
        }
        return caller.actor();
    }

    /** The strong entity tag of {@code version}. */
    static EntityTag tag(long version) {
        return new EntityTag(String.valueOf(version));
    }
}
