package io.latchkey.authorize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.latchkey.error.ErrorCode;
import io.latchkey.error.OAuthError;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** RFC 6749 §4.1.2 and §4.1.2.1, RFC 9207 iss, OAuth 2.0 Multiple Response Type Encoding. */
class AuthorizationReplyTest {
    private static final String ISSUER = "https://login.example.com";
    private static final String ENCODED_ISSUER = "https%3A%2F%2Flogin.example.com";

    private static VerifiedRedirect redirect(String uri, String state, ResponseMode mode) {
        return new VerifiedRedirect("web", uri, Optional.ofNullable(state), mode);
    }

    @Test
    void aCodeGoesInTheQueryWithStateAndIss() {
        AuthorizationReply reply = AuthorizationReply.code(
                redirect("https://app.example.com/callback", "xyz", ResponseMode.QUERY), "SplxlOBeZQQYbYS6WxSbIA", ISSUER);
        assertEquals("https://app.example.com/callback?code=SplxlOBeZQQYbYS6WxSbIA&state=xyz&iss=" + ENCODED_ISSUER,
                reply.location());
        assertEquals(List.of("code", "state", "iss"), List.copyOf(reply.parameters().keySet()));
    }

    @Test
    void aRedirectWithAQueryGetsTheParametersAfterAnAmpersand() {
        AuthorizationReply reply = AuthorizationReply.code(
                redirect("https://app.example.com/callback?tenant=7", "xyz", ResponseMode.QUERY), "c", ISSUER);
        assertEquals("https://app.example.com/callback?tenant=7&code=c&state=xyz&iss=" + ENCODED_ISSUER,
                reply.location());
    }

    @Test
    void fragmentModePutsTheParametersAfterAHash() {
        AuthorizationReply reply = AuthorizationReply.code(
                redirect("https://app.example.com/callback?tenant=7", "xyz", ResponseMode.FRAGMENT), "c", ISSUER);
        assertEquals("https://app.example.com/callback?tenant=7#code=c&state=xyz&iss=" + ENCODED_ISSUER,
                reply.location());
        assertEquals(ResponseMode.FRAGMENT, reply.mode());
    }

    @Test
    void formPostKeepsTheParametersForTheForm() {
        AuthorizationReply reply = AuthorizationReply.code(
                redirect("https://app.example.com/callback", "xyz", ResponseMode.FORM_POST), "c", ISSUER);
        assertEquals(ResponseMode.FORM_POST, reply.mode());
        assertEquals(Map.of("code", "c", "state", "xyz", "iss", ISSUER), reply.parameters());
    }

    @Test
    void withoutStateTheReplyHasNoStateButStillIss() {
        AuthorizationReply reply = AuthorizationReply.code(
                redirect("https://app.example.com/callback", null, ResponseMode.QUERY), "c", ISSUER);
        assertFalse(reply.parameters().containsKey("state"));
        assertEquals(ISSUER, reply.parameters().get("iss"));
        assertEquals("https://app.example.com/callback?code=c&iss=" + ENCODED_ISSUER, reply.location());
    }

    @Test
    void valuesAreUrlEncoded() {
        AuthorizationReply reply = AuthorizationReply.code(
                redirect("https://app.example.com/callback", "a b&c=d/\u00e9#+", ResponseMode.QUERY), "c", ISSUER);
        assertEquals("https://app.example.com/callback?code=c&state=a%20b%26c%3Dd%2F%C3%A9%23%2B&iss="
                + ENCODED_ISSUER, reply.location());
    }

    @Test
    void anErrorCarriesErrorDescriptionStateAndIss() {
        AuthorizationReply reply = AuthorizationReply.error(
                redirect("https://app.example.com/callback", "xyz", ResponseMode.QUERY),
                new OAuthError(ErrorCode.ACCESS_DENIED, "the person denied the request"), ISSUER);
        assertEquals(List.of("error", "error_description", "state", "iss"), List.copyOf(reply.parameters().keySet()));
        assertEquals("https://app.example.com/callback?error=access_denied"
                + "&error_description=the%20person%20denied%20the%20request&state=xyz&iss=" + ENCODED_ISSUER,
                reply.location());
    }

    @Test
    void anErrorInFragmentModeUsesTheFragment() {
        AuthorizationReply reply = AuthorizationReply.error(
                redirect("https://app.example.com/callback", "xyz", ResponseMode.FRAGMENT),
                new OAuthError(ErrorCode.LOGIN_REQUIRED, "sign in"), ISSUER);
        assertEquals("https://app.example.com/callback#error=login_required&error_description=sign%20in"
                + "&state=xyz&iss=" + ENCODED_ISSUER, reply.location());
    }

    @Test
    void theTextFormNamesNoValues() {
        AuthorizationReply reply = AuthorizationReply.code(
                redirect("https://app.example.com/callback", "xyz", ResponseMode.QUERY), "secret-code", ISSUER);
        assertFalse(reply.toString().contains("secret-code"));
    }
}
