package io.latchkey.authorize;

import io.latchkey.error.OAuthError;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What goes back to the client: a code or an error, always with {@code state} (when sent) and {@code iss}
 * (RFC 9207), through the request's response mode.
 */
public record AuthorizationReply(VerifiedRedirect redirect, Map<String, String> parameters) {

    public static AuthorizationReply code(VerifiedRedirect redirect, String code, String issuer) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("code", code);
        return finish(redirect, parameters, issuer);
    }

    /** A successful response: code and/or tokens, then state and iss. */
    public static AuthorizationReply success(VerifiedRedirect redirect, Map<String, String> values, String issuer) {
        return finish(redirect, new LinkedHashMap<>(values), issuer);
    }

    public static AuthorizationReply error(VerifiedRedirect redirect, OAuthError error, String issuer) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("error", error.code().wireName());
        parameters.put("error_description", error.description());
        return finish(redirect, parameters, issuer);
    }

    private static AuthorizationReply finish(VerifiedRedirect redirect, Map<String, String> parameters, String issuer) {
        redirect.state().ifPresent(state -> parameters.put("state", state));
        parameters.put("iss", issuer);
        return new AuthorizationReply(redirect, Collections.unmodifiableMap(parameters));
    }

    public ResponseMode mode() {
        return redirect.mode();
    }

    /** The Location for query and fragment modes: parameters appended to any query the redirect URI has. */
    public String location() {
        String encoded = parameters.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        String uri = redirect.uri();
        if (mode() == ResponseMode.FRAGMENT) {
            return uri + "#" + encoded;
        }
        return uri + (uri.contains("?") ? "&" : "?") + encoded;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return "AuthorizationReply[" + redirect.clientId() + ", " + mode() + ", " + parameters.keySet() + "]";
    }
}
