package io.latchkey.web;

import io.latchkey.admin.Problems;
import io.latchkey.error.ErrorCode;
import io.latchkey.error.ErrorResponses;
import io.latchkey.error.OAuthError;
import io.latchkey.security.InvalidRequestAnswer;
import io.latchkey.security.Refusal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/**
 * A filter's refusal as the same answer Jersey's error mapping would give: the error page on the endpoints a
 * person's browser is sent to ({@link ErrorResponses#isPagePath}), a problem document under the admin API
 * ({@link Problems#isAdminPath}), the RFC 6749 JSON body everywhere else.
 */
public final class ErrorPageRefusal implements Refusal {
    private final TemplateRenderer renderer;

    public ErrorPageRefusal(TemplateRenderer renderer) {
        this.renderer = renderer;
    }

    @Override
    public void send(HttpServletRequest request, HttpServletResponse response, int status, String description) {
        if (Problems.isAdminPath(request)) {
            InvalidRequestAnswer.send(response, status, Problems.PROBLEM_JSON.toString(),
                    Problems.document(Problems.refusal(status, description), request));
            return;
        }
        if (!ErrorResponses.isPagePath(request)) {
            JSON.send(request, response, status, description);
            return;
        }
        StringWriter page = new StringWriter();
        renderer.render(ErrorResponses.errorPage(new OAuthError(ErrorCode.INVALID_REQUEST, description), request),
                request, response, page);
        InvalidRequestAnswer.send(response, status, "text/html;charset=UTF-8",
                page.toString().getBytes(StandardCharsets.UTF_8));
    }
}
