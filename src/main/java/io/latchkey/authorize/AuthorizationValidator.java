package io.latchkey.authorize;

import io.latchkey.client.Client;
import io.latchkey.client.ClientDirectory;
import io.latchkey.client.ScopePolicy;
import io.latchkey.error.ErrorCode;
import io.latchkey.error.OAuthException;
import java.util.EnumSet;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The authorization endpoint's checks, in order; reading this class is reading the endpoint.
 * Until the redirect URI is verified every failure is shown to the person (never redirected); after that
 * the caller sends failures back to the client through the {@link VerifiedRedirect}.
 */
public final class AuthorizationValidator {
    private static final int MAX_NONCE_LENGTH = 512;
    private static final int MAX_STATE_LENGTH = 2048;
    private static final int MAX_LOGIN_HINT_LENGTH = 256;
    private final ClientDirectory clients;

    /** The parameters the flow reads; only these are kept while the person signs in or consents. */
    static final Set<String> FLOW_PARAMETERS = Set.of("client_id", "redirect_uri", "response_type", "response_mode",
            "scope", "state", "nonce", "code_challenge", "code_challenge_method", "prompt", "max_age", "login_hint");

    public AuthorizationValidator(ClientDirectory clients) {
        this.clients = clients;
    }

    /** The two checks whose failure must not redirect. */
    public VerifiedRedirect verifyClientAndRedirect(RequestParameters parameters) {
        Client client = clientKnown(parameters);
        Optional<String> scope = parameters.single("scope");
        boolean openid = scope.map(s -> s.equals("openid") || s.startsWith("openid ") || s.contains(" openid"))
                .orElse(false);
        Optional<String> state = parameters.single("state");
        if (state.isPresent() && state.get().length() > MAX_STATE_LENGTH) {
            throw OAuthException.invalidRequest("state is longer than " + MAX_STATE_LENGTH + " characters");
        }
        return RedirectUriPolicy.verify(client, parameters.single("redirect_uri"), openid, state);
    }

    /**
     * Every check after the redirect is verified; an {@link OAuthException} from here is redirected to the
     * client. Returns the request with the response mode it asked for.
     */
    public AuthorizationRequest validate(RequestParameters parameters, VerifiedRedirect redirect) {
        Client client = clients.find(redirect.clientId()).orElseThrow();
        VerifiedRedirect moded = redirect.withMode(responseModeAllowed(parameters));
        unsupportedFeaturesRefused(parameters);
        responseTypeAllowed(parameters);
        Set<String> scopes = ScopePolicy.grant(client, parameters.single("scope"));
        String challenge = pkceRequired(parameters);
        Optional<String> nonce = nonceWellFormed(parameters);
        Set<Prompt> prompts = parameters.single("prompt").map(Prompt::parse).orElse(EnumSet.noneOf(Prompt.class));
        OptionalLong maxAge = maxAge(parameters);
        Optional<String> loginHint = parameters.single("login_hint");
        if (loginHint.isPresent() && loginHint.get().length() > MAX_LOGIN_HINT_LENGTH) {
            throw OAuthException.invalidRequest("login_hint is longer than " + MAX_LOGIN_HINT_LENGTH + " characters");
        }
        return new AuthorizationRequest(client, moded, scopes, challenge, nonce, prompts, maxAge, loginHint,
                parameters.only(FLOW_PARAMETERS));
    }

    /** The client must exist, be enabled and be one that signs people in. */
    static Client clientKnown(ClientDirectory clients, RequestParameters parameters) {
        String clientId = parameters.single("client_id")
                .orElseThrow(() -> OAuthException.invalidRequest("client_id is required"));
        Client client = clients.find(clientId).filter(Client::enabled).orElseThrow(() ->
                OAuthException.of(ErrorCode.INVALID_REQUEST, "the application is unknown or disabled",
                        "unknown or disabled client_id"));
        if (!client.type().interactive()) {
            throw OAuthException.of(ErrorCode.UNAUTHORIZED_CLIENT, "this application does not sign people in");
        }
        return client;
    }

    private Client clientKnown(RequestParameters parameters) {
        return clientKnown(clients, parameters);
    }

    /** Default for the code flow is query; unknown modes are refused (through the default mode). */
    static ResponseMode responseModeAllowed(RequestParameters parameters) {
        return parameters.single("response_mode")
                .map(m -> ResponseMode.fromWireName(m).orElseThrow(() ->
                        OAuthException.invalidRequest("response_mode is not supported")))
                .orElse(ResponseMode.QUERY);
    }

    /** OIDC Core §6: request objects and dynamic registration parameters are not supported. */
    static void unsupportedFeaturesRefused(RequestParameters parameters) {
        if (parameters.has("request")) {
            throw OAuthException.of(ErrorCode.REQUEST_NOT_SUPPORTED, "request objects are not supported");
        }
        if (parameters.has("request_uri")) {
            throw OAuthException.of(ErrorCode.REQUEST_URI_NOT_SUPPORTED, "request_uri is not supported");
        }
        if (parameters.has("registration")) {
            throw OAuthException.of(ErrorCode.REGISTRATION_NOT_SUPPORTED, "registration is not supported");
        }
    }

    /** Only the authorization code flow: {@code response_type=code}. */
    static void responseTypeAllowed(RequestParameters parameters) {
        String responseType = parameters.single("response_type")
                .orElseThrow(() -> OAuthException.invalidRequest("response_type is required"));
        if (!responseType.equals("code")) {
            throw OAuthException.of(ErrorCode.UNSUPPORTED_RESPONSE_TYPE, "only response_type=code is supported");
        }
    }

    /** PKCE with S256 for every client (RFC 9700 §2.1.1); plain is refused. */
    static String pkceRequired(RequestParameters parameters) {
        String challenge = parameters.single("code_challenge")
                .orElseThrow(() -> OAuthException.invalidRequest("code_challenge is required (PKCE, S256)"));
        String method = parameters.single("code_challenge_method")
                .orElseThrow(() -> OAuthException.invalidRequest("code_challenge_method is required and must be S256"));
        if (!method.equals(Pkce.S256)) {
            throw OAuthException.invalidRequest("code_challenge_method must be S256");
        }
        if (!Pkce.isValidChallenge(challenge)) {
            throw OAuthException.invalidRequest("code_challenge is malformed");
        }
        return challenge;
    }

    static Optional<String> nonceWellFormed(RequestParameters parameters) {
        Optional<String> nonce = parameters.single("nonce");
        if (nonce.isPresent() && nonce.get().length() > MAX_NONCE_LENGTH) {
            throw OAuthException.invalidRequest("nonce is longer than " + MAX_NONCE_LENGTH + " characters");
        }
        return nonce;
    }

    static OptionalLong maxAge(RequestParameters parameters) {
        Optional<String> raw = parameters.single("max_age");
        if (raw.isEmpty()) {
            return OptionalLong.empty();
        }
        if (!raw.get().matches("\\d{1,9}")) {
            throw OAuthException.invalidRequest("max_age must be a non-negative number of seconds");
        }
        return OptionalLong.of(Long.parseLong(raw.get()));
    }
}
