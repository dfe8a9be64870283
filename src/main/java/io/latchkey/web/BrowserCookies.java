package io.latchkey.web;

import io.latchkey.error.ErrorCode;
import io.latchkey.error.OAuthException;
import io.latchkey.security.RandomValues;
import io.latchkey.security.SameOriginForms;
import io.latchkey.security.Secret;
import io.latchkey.session.CookieNames;
import io.latchkey.session.CsrfToken;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import java.time.Duration;
import java.util.Optional;

/**
 * Reads and writes Latchkey's two cookies: the browser id (binds pending requests and CSRF fields to one
 * browser) and the session. Both HttpOnly, SameSite=Lax, Secure and {@code __Host-} outside development mode.
 */
public final class BrowserCookies {
    private final CookieNames names;
    private final String path;
    private final SameOriginForms origins;

    public BrowserCookies(CookieNames names, String contextPath, SameOriginForms origins) {
        this.names = names;
        this.path = names.secure() ? "/" : (contextPath.isEmpty() ? "/" : contextPath + "/");
        this.origins = origins;
    }

    public Optional<Secret> browser(HttpHeaders headers) {
        return read(headers, names.browser());
    }

    public Optional<Secret> session(HttpHeaders headers) {
        return read(headers, names.session());
    }

    /** The browser id: the existing one, or a new one that {@link #setBrowser} must send. */
    public record Browser(Secret id, boolean isNew) {
    }

    public Browser browserOrNew(HttpHeaders headers) {
        return browser(headers).map(id -> new Browser(id, false))
                .orElseGet(() -> new Browser(RandomValues.secret256(), true));
    }

    /**
     * The browser cookie, if the form came from one of Latchkey's own pages ({@link SameOriginForms}: every form
     * with a csrf field is checked here, before anything changes) and its CSRF field was made for this browser;
     * otherwise the form is refused (403).
     */
    public Secret requireForm(HttpHeaders headers, String csrf) {
        String origin = headers.getHeaderString("Origin");
        String referer = headers.getHeaderString("Referer");
        if (!origins.allows(origin, referer)) {
            throw OAuthException.of(ErrorCode.FORGED_FORM,
                    "this form was not sent from this site; go back to the page and try again",
                    "cross-site form post refused: Origin " + (origin == null ? "absent" : "'" + origin + "'")
                            + ", Referer " + (referer == null ? "absent" : "present") + ", expected "
                            + origins.issuerOrigin());
        }
        Optional<Secret> browser = browser(headers);
        if (browser.isEmpty() || !CsrfToken.matches(browser.get(), csrf)) {
            throw OAuthException.of(ErrorCode.FORGED_FORM,
                    "this form has expired or did not come from this browser; go back and try again",
                    "CSRF check failed");
        }
        return browser.get();
    }

    public String setBrowser(Secret value) {
        return cookie(names.browser(), value.reveal(), Optional.empty());
    }

    public String setSession(Secret value, Duration maxAge) {
        return cookie(names.session(), value.reveal(), Optional.of(maxAge));
    }

    public String clearSession() {
        return cookie(names.session(), "", Optional.of(Duration.ZERO));
    }

    private String cookie(String name, String value, Optional<Duration> maxAge) {
        StringBuilder header = new StringBuilder(name).append('=').append(value)
                .append("; Path=").append(path).append("; HttpOnly; SameSite=Lax");
        if (names.secure()) {
            header.append("; Secure");
        }
        maxAge.ifPresent(age -> header.append("; Max-Age=").append(age.toSeconds()));
        return header.toString();
    }

    private static Optional<Secret> read(HttpHeaders headers, String name) {
        Cookie cookie = headers.getCookies().get(name);
        if (cookie == null || cookie.getValue() == null || !cookie.getValue().matches("[A-Za-z0-9_-]{43}")) {
            return Optional.empty();
        }
        return Optional.of(Secret.of(cookie.getValue()));
    }
}
