package io.latchkey.web;

import io.latchkey.authorize.AuthorizationReply;
import io.latchkey.authorize.AuthorizationService;
import io.latchkey.authorize.ResponseMode;
import io.latchkey.security.ContentSecurityPolicy;
import io.latchkey.security.Secret;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Turns an authorization outcome into HTTP: 303 to the client (query or fragment), an auto-submitting
 * form (form_post), or 303 to the sign-in or consent page. Every answer is {@code no-store}.
 */
public final class AuthorizationResponses {
    /** The only script Latchkey serves; its hash is the only script the form_post page's CSP allows. */
    public static final String FORM_POST_SCRIPT = "document.forms[0].submit();";
    private static final String SCRIPT_HASH = "'sha256-" + Base64.getEncoder().encodeToString(
            Secret.sha256(FORM_POST_SCRIPT.getBytes(StandardCharsets.UTF_8))) + "'";

    private final IssuerUrls urls;

    public AuthorizationResponses(IssuerUrls urls) {
        this.urls = urls;
    }

    /** One hidden field of the form_post page. */
    public record Field(String name, String value) {
    }

    public Response of(AuthorizationService.Outcome outcome, List<String> setCookies) {
        Response.ResponseBuilder response;
        if (outcome instanceof AuthorizationService.Reply reply) {
            response = reply(reply.reply());
        } else if (outcome instanceof AuthorizationService.SignIn signIn) {
            response = Response.seeOther(page("/login", signIn.interaction()));
        } else {
            response = Response.seeOther(page("/consent", ((AuthorizationService.Consent) outcome).interaction()));
        }
        setCookies.forEach(cookie -> response.header(HttpHeaders.SET_COOKIE, cookie));
        return response.header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    private Response.ResponseBuilder reply(AuthorizationReply reply) {
        if (reply.mode() != ResponseMode.FORM_POST) {
            return Response.seeOther(URI.create(reply.location()));
        }
        List<Field> fields = reply.parameters().entrySet().stream().map(e -> new Field(e.getKey(), e.getValue())).toList();
        return Response.ok(new View("form-post", Map.of("action", reply.redirect().uri(), "fields", fields)))
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Content-Security-Policy", ContentSecurityPolicy.formPost(SCRIPT_HASH, reply.redirect().uri()));
    }

    private URI page(String path, String interaction) {
        return urls.page(path, Map.of("interaction", interaction));
    }

    /** Helper for pages that start a browser id: the Set-Cookie list for a possibly new browser. */
    public static List<String> browserCookie(BrowserCookies cookies, BrowserCookies.Browser browser) {
        return browser.isNew() ? List.of(cookies.setBrowser(browser.id())) : List.of();
    }
}
