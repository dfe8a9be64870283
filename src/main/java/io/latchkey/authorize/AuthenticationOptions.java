package io.latchkey.authorize;

import io.latchkey.error.ErrorCode;
import io.latchkey.error.OAuthException;
import io.latchkey.token.AccessTokenClaims;
import io.latchkey.token.ClaimsRequest;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The OpenID Connect authentication request's options about how the person signs in and what is said about it
 * (Core §3.1.2.1, §5.5): {@code display}, {@code ui_locales}, {@code claims_locales}, {@code acr_values} and the
 * {@code claims} parameter, checked in this order after the redirect is verified (so failures go to the client).
 *
 * <p>What Latchkey really does with them: every display is the same page, which fits a phone as well as a desktop
 * or a popup; the pages are in English, and the claims are stored in one language without language tags, so the
 * locales are preferences Latchkey accepts and cannot honour; a person signs in with a password, which is the one
 * Authentication Context Class Reference Latchkey reports ({@link #ACR_VALUES_SUPPORTED}). Voluntary
 * {@code acr_values} it cannot meet are answered with that acr anyway (§3.1.2.1 makes them a voluntary request,
 * and the client sees in the ID token's {@code acr} what was performed); an essential {@code acr} claim with
 * values Latchkey cannot meet is a failed authentication (§5.5.1.1): {@code access_denied}.
 */
public final class AuthenticationOptions {
    /** OIDC Core §3.1.2.1 {@code display}, all served by the same responsive page. */
    public static final List<String> DISPLAY_VALUES = List.of("page", "popup", "touch", "wap");
    /** The sign-in methods Latchkey performs, as Authentication Context Class References. */
    public static final List<String> ACR_VALUES_SUPPORTED = List.of(AccessTokenClaims.PASSWORD_ACR);
    /** The languages of the pages. */
    public static final List<String> UI_LOCALES_SUPPORTED = List.of("en");
    private static final int MAX_LIST_LENGTH = 512;

    private AuthenticationOptions() {
    }

    /** Every check, in order; an {@link OAuthException} goes back to the client. */
    static void check(RequestParameters parameters, Set<String> scopes) {
        display(parameters);
        for (String list : List.of("ui_locales", "claims_locales", "acr_values")) {
            Optional<String> value = parameters.single(list);
            if (value.isPresent() && value.get().length() > MAX_LIST_LENGTH) {
                throw OAuthException.invalidRequest(list + " is longer than " + MAX_LIST_LENGTH + " characters");
            }
        }
        if (scopes.contains("openid")) {
            parameters.single("claims").map(ClaimsRequest::parse).ifPresent(AuthenticationOptions::acrSatisfiable);
        }
    }

    /**
     * {@code display} must be one of the four §3.1.2.1 defines: a value Latchkey does not know cannot be shown
     * the way the client means, and is refused as a malformed request.
     */
    static void display(RequestParameters parameters) {
        Optional<String> display = parameters.single("display");
        if (display.isPresent() && !DISPLAY_VALUES.contains(display.get())) {
            throw OAuthException.invalidRequest("display must be one of " + String.join(", ", DISPLAY_VALUES));
        }
    }

    /**
     * OIDC Core §3.1.2.2: "If the sub (subject) Claim is requested with a specific value for the ID Token, the
     * Authorization Server MUST only send a positive response if the End-User identified by that sub value has an
     * active session": true when the claims parameter names no sub for the ID token, or names {@code subject}.
     */
    static boolean subjectRequestedIs(ClaimsRequest claims, String subject) {
        ClaimsRequest.Requested sub = claims.idToken().get("sub");
        return sub == null || sub.values().isEmpty() || sub.values().contains(subject);
    }

    /**
     * OIDC Core §5.5.1.1: "If this is an Essential Claim and the requirement cannot be met, then the Authorization
     * Server MUST treat that outcome as a failed authentication attempt." Latchkey can only meet its own acr.
     */
    static void acrSatisfiable(ClaimsRequest claims) {
        ClaimsRequest.Requested acr = claims.idToken().get("acr");
        if (acr != null && acr.essential() && !acr.values().isEmpty()
                && acr.values().stream().noneMatch(ACR_VALUES_SUPPORTED::contains)) {
            throw OAuthException.of(ErrorCode.ACCESS_DENIED, "the requested acr cannot be met: people sign in "
                    + "with a password (" + AccessTokenClaims.PASSWORD_ACR + ")");
        }
    }
}
