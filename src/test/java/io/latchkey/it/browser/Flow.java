package io.latchkey.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.oauth2.sdk.AuthorizationErrorResponse;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.AuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseMode;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.Prompt;
import io.latchkey.it.IssuedSecrets;
import io.latchkey.it.RelyingParty;
import io.latchkey.it.Server;
import java.net.URI;
import java.util.List;

/**
 * One authorization request a relying party builds with Nimbus (code flow, PKCE S256, state, nonce), and
 * what it does with the answer the browser brings back.
 */
final class Flow {
    final AuthenticationRequest request;
    final CodeVerifier verifier;

    private Flow(AuthenticationRequest request, CodeVerifier verifier) {
        this.request = request;
        this.verifier = verifier;
    }

    static Flow of(String clientId, String redirectUri, String scope) {
        return of(clientId, redirectUri, scope, null, null);
    }

    static Flow of(String clientId, String redirectUri, String scope, ResponseMode mode, Prompt.Type prompt) {
        CodeVerifier verifier = new CodeVerifier();
        IssuedSecrets.remember(verifier.getValue());
        AuthenticationRequest.Builder builder = new AuthenticationRequest.Builder(ResponseType.CODE, Scope.parse(scope),
                new ClientID(clientId), URI.create(redirectUri))
                .endpointURI(Server.uri("/oauth/authorize"))
                .state(new State())
                .nonce(new Nonce())
                .codeChallenge(verifier, CodeChallengeMethod.S256);
        if (mode != null) {
            builder.responseMode(mode);
        }
        if (prompt != null) {
            builder.prompt(new Prompt(prompt));
        }
        return new Flow(builder.build(), verifier);
    }

    String url() {
        return request.toURI().toString();
    }

    String redirectUri() {
        return request.getRedirectionURI().toString();
    }

    Nonce nonce() {
        return request.getNonce();
    }

    /** The code of a successful answer (query or form_post) the relying party received, after state and iss. */
    String code(RelyingParty.Callback callback) {
        AuthorizationSuccessResponse success = parse(callback).toSuccessResponse();
        return code(success);
    }

    /** The code of a successful answer read from the browser's URL (fragment mode). */
    String codeFromUrl(String url) {
        try {
            return code(AuthorizationResponse.parse(URI.create(url)).toSuccessResponse());
        } catch (ParseException e) {
            throw new AssertionError("Nimbus cannot parse " + url, e);
        }
    }

    private String code(AuthorizationSuccessResponse success) {
        assertEquals(request.getState(), success.getState(), "state comes back unchanged");
        assertEquals(new Issuer(Server.ISSUER), success.getIssuer(), "RFC 9207 iss");
        assertNull(success.getAccessToken(), "the code flow puts no token in the front channel");
        return IssuedSecrets.remember(success.getAuthorizationCode().getValue());
    }

    /** The error of an answer the relying party received, after state and iss; no code. */
    String error(RelyingParty.Callback callback) {
        assertNull(callback.parameter("code"), "no code with an error");
        AuthorizationErrorResponse error = parse(callback).toErrorResponse();
        assertEquals(request.getState(), error.getState(), "state comes back with an error too");
        assertEquals(new Issuer(Server.ISSUER), error.getIssuer(), "RFC 9207 iss with an error too");
        assertTrue(callback.parameter("error_description") != null && !callback.parameter("error_description").isEmpty());
        return error.getErrorObject().getCode();
    }

    private AuthorizationResponse parse(RelyingParty.Callback callback) {
        assertEquals(URI.create(redirectUri()).getRawPath(), callback.path(), "back at the redirect URI");
        try {
            if ("POST".equals(callback.method())) {
                return AuthorizationResponse.parse(URI.create(redirectUri()), callback.parameters());
            }
            return AuthorizationResponse.parse(URI.create(redirectUri() + "?" + callback.rawQuery()));
        } catch (ParseException e) {
            throw new AssertionError("Nimbus cannot parse " + callback, e);
        }
    }

    /** Asserts the browser made no request for a Latchkey page among {@code documents}. */
    static void assertNoPageShown(List<String> documents) {
        assertFalse(documents.isEmpty(), "the performance log recorded the navigation");
        for (String url : documents) {
            assertFalse(url.startsWith(Server.ISSUER + "/login") || url.startsWith(Server.ISSUER + "/consent"),
                    "no sign-in or consent page: " + documents);
        }
    }
}
