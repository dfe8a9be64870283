package io.latchkey.web;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/** Lets a resource return a {@link View}: Jersey hands it here and Thymeleaf writes the page. */
@Provider
@Produces(MediaType.TEXT_HTML)
public final class ViewWriter implements MessageBodyWriter<View> {
    private final TemplateRenderer renderer;
    @Context
    private HttpServletRequest request;
    @Context
    private HttpServletResponse response;

    @Inject
    public ViewWriter(TemplateRenderer renderer) {
        this.renderer = renderer;
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return View.class.isAssignableFrom(type);
    }

    @Override
    public void writeTo(View view, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                        MultivaluedMap<String, Object> httpHeaders, OutputStream entityStream) {
        Writer writer = new OutputStreamWriter(entityStream, StandardCharsets.UTF_8);
        renderer.render(view, request, response, writer);
        try {
            writer.flush();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
