package io.latchkey.authorize;

import io.latchkey.client.Client;
import io.latchkey.client.ClientDirectory;
import io.latchkey.client.PkcePolicy;
import io.latchkey.client.ResponseType;
import io.latchkey.client.ScopePolicy;
import io.latchkey.error.ErrorCode;
import io.latchkey.error.OAuthError;
import io.latchkey.error.OAuthException;
import java.util.Arrays;
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
            "scope", "state", "nonce", "code_challenge", "code_challenge_method", "prompt", "max_age", "login_hint",
            "display", "ui_locales", "claims_locales", "acr_values", "claims");

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
        Validation validation = check(parameters, redirect);
        if (validation instanceof Refused refused) {
            throw OAuthException.of(refused.error().code(), refused.error().description());
        }
        return ((Valid) validation).request();
    }

    /**
     * Where a refusal of the whole request goes when nothing but the client and redirect URI was checked (an
     * unusable request object): the verified redirect URI, in the response mode the parameters ask for.
     */
    public Refused refused(RequestParameters parameters, OAuthError error) {
        return new Refused(verifyClientAndRedirect(parameters).withMode(askedMode(parameters)), error);
    }

    /** The outcome of {@link #check}: a valid request, or an error to send back through the given redirect. */
    public sealed interface Validation permits Valid, Refused {
    }

    public record Valid(AuthorizationRequest request) implements Validation {
    }

    /** An error and the redirect (with the response mode the request asked for, when known) that carries it. */
    public record Refused(VerifiedRedirect redirect, OAuthError error) implements Validation {
    }

    /** The checks after the redirect is verified, in order; a failure is delivered in the request's response mode. */
    public Validation check(RequestParameters parameters, VerifiedRedirect redirect) {
        VerifiedRedirect delivery = redirect;
        try {
            Client client = clients.find(redirect.clientId()).orElseThrow();
            delivery = redirect.withMode(askedMode(parameters));
            ResponseType responseType = responseTypeAllowed(client, parameters);
            delivery = redirect.withMode(responseType.defaultsToFragment() ? ResponseMode.FRAGMENT : ResponseMode.QUERY);
            delivery = redirect.withMode(responseModeAllowed(client, parameters, responseType));
            return new Valid(checkRest(client, parameters, delivery, responseType));
        } catch (OAuthException e) {
            return new Refused(delivery, e.error());
        }
    }

    private AuthorizationRequest checkRest(Client client, RequestParameters parameters, VerifiedRedirect moded,
                                           ResponseType responseType) {
        unsupportedFeaturesRefused(parameters);
        Set<String> scopes = ScopePolicy.grant(client, parameters.single("scope"));
        if (responseType.issuesIdToken() && !scopes.contains("openid")) {
            throw OAuthException.invalidRequest("an id_token needs the openid scope");
        }
        String challenge = responseType.issuesCode() ? pkce(client, parameters, scopes).orElse(null) : null;
        Optional<String> nonce = nonceWellFormed(parameters);
        if (responseType.issuesIdToken() && nonce.isEmpty()) {
            // OIDC Core §3.2.2.1 and §3.3.2.11: nonce is REQUIRED when the ID token comes from the front channel.
            throw OAuthException.invalidRequest("nonce is required for this response_type");
        }
        Set<Prompt> prompts = parameters.single("prompt").map(Prompt::parse).orElse(EnumSet.noneOf(Prompt.class));
        OptionalLong maxAge = maxAge(parameters);
        Optional<String> loginHint = parameters.single("login_hint");
        if (loginHint.isPresent() && loginHint.get().length() > MAX_LOGIN_HINT_LENGTH) {
            throw OAuthException.invalidRequest("login_hint is longer than " + MAX_LOGIN_HINT_LENGTH + " characters");
        }
        AuthenticationOptions.check(parameters, scopes);
        return new AuthorizationRequest(client, moded, responseType, scopes, challenge, nonce, prompts, maxAge,
                loginHint, parameters.only(FLOW_PARAMETERS));
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

    /**
     * Default for the code flow is query, fragment when tokens travel in the response; unknown modes are
     * refused, and so is query for responses that carry tokens (OIDC Core §3.3.2.5). Implicit responses are
     * only sent by form_post, so that an ID token never lands in a URL, unless an operator allowed the
     * application the fragment ({@link Client#implicitByFragment()}).
     */
    static ResponseMode responseModeAllowed(Client client, RequestParameters parameters, ResponseType responseType) {
        ResponseMode mode = parameters.single("response_mode")
                .map(m -> ResponseMode.fromWireName(m).orElseThrow(() ->
                        OAuthException.invalidRequest("response_mode is not supported")))
                .orElse(responseType.defaultsToFragment() ? ResponseMode.FRAGMENT : ResponseMode.QUERY);
        if (mode == ResponseMode.QUERY && responseType != ResponseType.CODE) {
            throw OAuthException.invalidRequest("response_mode=query cannot carry tokens");
        }
        if (!responseType.issuesCode() && mode != ResponseMode.FORM_POST
                && !(mode == ResponseMode.FRAGMENT && client.implicitByFragment())) {
            throw OAuthException.invalidRequest("implicit responses are only sent with response_mode=form_post");
        }
        return mode;
    }

    /**
     * Where an error about the response type itself goes: the response_mode asked for if it is known, else
     * the default of the response type asked for, else query. A response type carrying {@code token} or
     * {@code id_token} defaults to the fragment whether Latchkey supports it or not (OAuth 2.0 Multiple Response
     * Type Encoding Practices §5, RFC 6749 §4.2.2.1: the implicit grant's errors go in the fragment), so
     * {@code response_type=token} is refused in the fragment too; query never carries a token-bearing answer.
     */
    private static ResponseMode askedMode(RequestParameters parameters) {
        boolean carriesTokens = parameters.single("response_type")
                .map(value -> Arrays.stream(value.split(" "))
                        .anyMatch(part -> part.equals("token") || part.equals("id_token")))
                .orElse(false);
        ResponseMode byType = carriesTokens ? ResponseMode.FRAGMENT : ResponseMode.QUERY;
        ResponseMode mode = parameters.single("response_mode").flatMap(ResponseMode::fromWireName).orElse(byType);
        return mode == ResponseMode.QUERY ? byType : mode;
    }

    /**
     * OIDC Core §6: request_uri and dynamic registration parameters are not supported. Request objects
     * ({@code request}) were resolved before the checks ({@link RequestObjects}): one still here came from a
     * request that was not resolved, and is refused rather than ignored.
     */
    static void unsupportedFeaturesRefused(RequestParameters parameters) {
        if (parameters.has("request")) {
            throw OAuthException.of(ErrorCode.INVALID_REQUEST_OBJECT, "the request object was not resolved");
        }
        if (parameters.has("request_uri")) {
            throw OAuthException.of(ErrorCode.REQUEST_URI_NOT_SUPPORTED, "request_uri is not supported");
        }
        if (parameters.has("registration")) {
            throw OAuthException.of(ErrorCode.REGISTRATION_NOT_SUPPORTED, "registration is not supported");
        }
    }

    /**
     * {@code code} for every application; hybrid and implicit response types only where the application was
     * allowed them ({@code unauthorized_client}), anything else {@code unsupported_response_type}.
     */
    static ResponseType responseTypeAllowed(Client client, RequestParameters parameters) {
        String value = parameters.single("response_type")
                .orElseThrow(() -> OAuthException.invalidRequest("response_type is required"));
        ResponseType responseType = ResponseType.parse(value).orElseThrow(() ->
                OAuthException.of(ErrorCode.UNSUPPORTED_RESPONSE_TYPE, "this response_type is not supported"));
        if (!client.responseTypes().contains(responseType)) {
            throw OAuthException.of(ErrorCode.UNAUTHORIZED_CLIENT,
                    "this application may not use response_type " + responseType.wireName());
        }
        return responseType;
    }

    /**
     * The code_challenge, S256 only ({@code plain} is refused). Required from every client (RFC 9700 §2.1.1)
     * except an application whose operator made PKCE optional, and even then only in an OpenID Connect request:
     * RFC 9700 lets a confidential OpenID Connect client rely on the {@code nonce} instead, a plain OAuth request
     * without PKCE has nothing against code injection. The nonce itself stays OPTIONAL in the code flow (OIDC
     * Core §3.1.2.1): checking it is the relying party's part, which no server can verify. A request that sends
     * any PKCE parameter is held to all of them.
     */
    static Optional<String> pkce(Client client, RequestParameters parameters, Set<String> scopes) {
        boolean sent = parameters.single("code_challenge").isPresent()
                || parameters.single("code_challenge_method").isPresent();
        if (!sent && client.pkce() == PkcePolicy.OPTIONAL && scopes.contains("openid")) {
            return Optional.empty();
        }
        return Optional.of(pkceRequired(parameters));
    }

    private static String pkceRequired(RequestParameters parameters) {
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
