package io.latchkey.admin;

import io.latchkey.audit.Actor;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.Objects;

/** Who is calling the admin API in this request, as {@link AdminAuthenticationFilter} established it. */
public record AdminCaller(Actor actor, boolean readOnly) {
    static final String PROPERTY = AdminCaller.class.getName();

    public AdminCaller {
        Objects.requireNonNull(actor, "actor");
    }

    /** The caller of this request; only requests the filter admitted reach a resource. */
    public static AdminCaller of(ContainerRequestContext request) {
        Object caller = request.getProperty(PROPERTY);
        if (caller instanceof AdminCaller admitted) {
            return admitted;
        }
        throw new IllegalStateException("an admin resource was reached without authentication");
    }
}
