package io.latchkey.web;

import java.util.Map;

/** A page to render: a template under WEB-INF/templates and its model. */
public record View(String template, Map<String, Object> model) {
    public View {
        model = Map.copyOf(model);
    }
}
