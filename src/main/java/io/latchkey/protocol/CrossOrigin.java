package io.latchkey.protocol;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource whose answers browser pages of other origins may read, as far as {@link CrossOriginPolicy}
 * allows for {@link #value}; {@link CrossOriginFilter} writes the headers. Such a resource also declares an
 * {@code OPTIONS} method answering 204 for the preflight.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface CrossOrigin {
    CrossOriginPolicy.Endpoint value();
}
