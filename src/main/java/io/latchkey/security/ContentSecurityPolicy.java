package io.latchkey.security;

import java.net.URI;
import java.util.Optional;

/**
 * The Content-Security-Policy of Latchkey's responses: no script, only our own stylesheet and images, no
 * framing. {@code form-action} also governs the redirects that follow a form submission (browsers enforce
 * it on the whole chain), so a page whose form ends in a redirect to an application names that
 * application's origin, and nothing else.
 */
public final class ContentSecurityPolicy {
    private static final String BASE = "default-src 'none'; style-src 'self'; img-src 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'";

    private ContentSecurityPolicy() {
    }

    /** Forms may post to, and be redirected within, this server only. */
    public static String pages() {
        return BASE + "; form-action 'self'";
    }

    /** As {@link #pages()}, and the page may run this server's own script files (no inline script). */
    public static String pagesWithOwnScripts() {
        return BASE + "; script-src 'self'; form-action 'self'";
    }

    /** Forms post here, and may then be redirected to {@code redirectTarget}'s origin. */
    public static String pagesRedirectingTo(Optional<String> redirectTarget) {
        return redirectTarget.map(ContentSecurityPolicy::origin)
                .map(origin -> BASE + "; form-action 'self' " + origin)
                .orElseGet(ContentSecurityPolicy::pages);
    }

    /** The form_post page: one hashed script, and a form that posts to the application. */
    public static String formPost(String scriptHash, String action) {
        return BASE + "; script-src " + scriptHash + "; form-action " + origin(action);
    }

    /** scheme://host[:port] of an absolute URI; for a private-use scheme, the scheme alone. */
    static String origin(String uri) {
        URI parsed = URI.create(uri);
        if (parsed.getRawAuthority() == null) {
            return parsed.getScheme() + ":";
        }
        return parsed.getScheme() + "://" + parsed.getRawAuthority();
    }
}
