package io.latchkey.admin;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an admin operation that answers one page of a {@link Listing} read with {@link PageParameters}: its
 * OpenAPI description ({@link AdminApiDocument}) gains the {@code limit} and {@code cursor} query parameters. The
 * listing's own filters are declared on the method with swagger's {@code @Parameter(in = ParameterIn.QUERY)}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Paginated {
}
