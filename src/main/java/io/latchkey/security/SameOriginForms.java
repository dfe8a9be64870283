package io.latchkey.security;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Which of Latchkey's own form posts come from its own pages. "Ours" are exactly the forms that carry
 * Latchkey's {@code csrf} field — sign-in ({@code /login}), consent ({@code /consent}), the self-service pages
 * ({@code /account/...}) and the logout confirmation ({@code POST /oauth/logout} with {@code confirm=yes}) —
 * and every one of them is checked where its csrf field is. Posts an application's page sends on purpose
 * (a form-encoded {@code POST /oauth/authorize}, RP-initiated {@code POST /oauth/logout} without
 * confirmation, the token and other back-channel endpoints) carry no csrf field of ours and are not checked.
 *
 * <p>The rule (the Fetch standard's {@code Origin} request header, RFC 6454 §7): when {@code Origin} is present
 * it must be the issuer's origin ({@code Origin: null}, sent for opaque origins such as sandboxed frames or
 * data: URLs, is foreign); without {@code Origin}, a {@code Referer} when present must be of the issuer's
 * origin; a post with neither (old browsers, privacy tools) is left to the csrf field alone.
 */
public final class SameOriginForms {
    private final String issuerOrigin;

    public SameOriginForms(String issuer) {
        this.issuerOrigin = origin(issuer).orElseThrow(() ->
                new IllegalArgumentException("the issuer is not an absolute http(s) URL: " + issuer));
    }

    /** Whether a form post with these {@code Origin} and {@code Referer} headers (either may be null) may proceed. */
    public boolean allows(String originHeader, String refererHeader) {
        if (originHeader != null) {
            return origin(originHeader.strip()).filter(issuerOrigin::equals).isPresent();
        }
        if (refererHeader != null) {
            return origin(refererHeader.strip()).filter(issuerOrigin::equals).isPresent();
        }
        return true;
    }

    /** The issuer's origin as a browser serializes it: {@code scheme://host[:port]}, default port left out. */
    public String issuerOrigin() {
        return issuerOrigin;
    }

    /** RFC 6454 §6.2 ASCII serialization of an http(s) URL's origin; empty for anything else (incl. "null"). */
    static Optional<String> origin(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getRawAuthority() == null
                || uri.getRawUserInfo() != null || uri.getHost() == null) {
            return Optional.empty();
        }
        int port = uri.getPort();
        boolean defaultPort = port == -1 || scheme.equals("http") && port == 80 || scheme.equals("https") && port == 443;
        return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port));
    }
}
