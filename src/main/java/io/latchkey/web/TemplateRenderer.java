package io.latchkey.web;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.Writer;
import java.util.Locale;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.WebApplicationTemplateResolver;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

/**
 * Thymeleaf over the templates in {@code WEB-INF/templates}; output is HTML-escaped unless a template says otherwise.
 * Templates show instants with {@code #times} ({@link ReadableTimes}).
 */
public final class TemplateRenderer {
    private final JakartaServletWebApplication application;
    private final TemplateEngine engine;

    public TemplateRenderer(ServletContext servletContext) {
        this.application = JakartaServletWebApplication.buildApplication(servletContext);
        WebApplicationTemplateResolver resolver = new WebApplicationTemplateResolver(application);
        resolver.setPrefix("/WEB-INF/templates/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        this.engine = new TemplateEngine();
        this.engine.setTemplateResolver(resolver);
        this.engine.addDialect(new PageDialect(ReadableTimes.ofServerZone()));
    }

    public void render(View view, HttpServletRequest request, HttpServletResponse response, Writer out) {
        Locale locale = request.getLocale() == null ? Locale.ENGLISH : request.getLocale();
        WebContext context = new WebContext(application.buildExchange(request, response), locale, view.model());
        engine.process(view.template(), context, out);
    }
}
