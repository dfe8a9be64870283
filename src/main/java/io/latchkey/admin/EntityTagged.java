package io.latchkey.admin;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an admin operation whose successful answer carries the resource's version as an {@code ETag}
 * ({@link EntityTags}): its OpenAPI description ({@link AdminApiDocument}) gains that header on every 2xx response.
 * (An {@code If-Match} header parameter is described from the method's {@code @HeaderParam} without a mark.)
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface EntityTagged {
}
