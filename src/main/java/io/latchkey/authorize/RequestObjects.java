package io.latchkey.authorize;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.latchkey.client.Client;
import io.latchkey.client.ClientDirectory;
import io.latchkey.error.ErrorCode;
import io.latchkey.error.OAuthError;
import io.latchkey.error.OAuthException;
import java.io.IOException;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code request} parameter (RFC 9101, OIDC Core §6.1): an authorization request whose parameters travel in
 * a JWT the client signed. {@link #resolve} turns such a request into the plain one the validator checks: the
 * request object's parameters, verified, replace the request's own (RFC 9101 §6.3: "The authorization server
 * MUST only use the parameters in the Request Object even if the same parameter is provided in the query
 * parameter"). {@code client_id}, {@code response_type} and {@code scope} are the exceptions OIDC Core §6.1 makes:
 * they must also be sent outside (OpenID Connect clients do), so they are taken from outside when the object lacks
 * them, and must match it when both have them. {@code request_uri} is not supported.
 */
public final class RequestObjects {
    /** JWT claims (RFC 7519 §4.1) that say something about the object itself, not about the request. */
    private static final Set<String> JWT_CLAIMS = Set.of("iss", "aud", "exp", "nbf", "iat", "jti", "sub");
    private static final Set<String> ALSO_OUTSIDE = Set.of("client_id", "response_type", "scope");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ClientDirectory clients;
    private final RequestObjectVerifier verifier;

    public RequestObjects(ClientDirectory clients, RequestObjectVerifier verifier) {
        this.clients = clients;
        this.verifier = verifier;
    }

    /** What became of a request that may carry a request object. */
    public sealed interface Resolution permits Resolved, Unusable {
    }

    /** The parameters to validate: the request's own, or its request object's. */
    public record Resolved(RequestParameters parameters) implements Resolution {
    }

    /**
     * A request object that cannot be used: {@code error} goes to the redirect URI and in the response mode that
     * {@code deliverTo} names (the object's own, read unverified; the redirect URI is still verified against the
     * application's registered ones, so the answer can only reach the application).
     */
    public record Unusable(RequestParameters deliverTo, OAuthError error) implements Resolution {
    }

    /**
     * The request with its request object resolved. A client that is unknown, disabled or does not sign people in
     * throws (an error page: nothing may be redirected before the client is known).
     */
    public Resolution resolve(RequestParameters request) {
        if (!request.has("request")) {
            return new Resolved(request);
        }
        Client client = AuthorizationValidator.clientKnown(clients, request);
        RequestParameters deliverTo = request;
        try {
            String jwt = request.single("request").orElseThrow(() ->
                    OAuthException.of(ErrorCode.INVALID_REQUEST_OBJECT, "the request object is empty"));
            deliverTo = overlaid(request, unverifiedClaims(jwt));
            if (request.has("request_uri")) {
                throw OAuthException.invalidRequest("request and request_uri cannot both be sent");
            }
            return new Resolved(merged(request, verifier.verify(client, jwt)));
        } catch (OAuthException e) {
            return new Unusable(deliverTo, e.error());
        }
    }

    /**
     * Where the refusal of an unusable object goes: the request's parameters with those the object names, read
     * unverified, laid over them (its redirect_uri, response_mode and state); the client_id stays the request's.
     */
    private static RequestParameters overlaid(RequestParameters request, Map<String, Object> unverified) {
        RequestParameters overlaid = request;
        for (Map.Entry<String, Object> claim : unverified.entrySet()) {
            if (Set.of("redirect_uri", "response_mode", "response_type", "state").contains(claim.getKey())
                    && claim.getValue() instanceof String value) {
                overlaid = overlaid.with(claim.getKey(), value);
            }
        }
        return overlaid;
    }

    /**
     * The verified request object's parameters, with client_id, response_type and scope from outside where it has
     * none. They must agree with the request and hold no request of their own (RFC 9101 §4: "The request and
     * request_uri parameters MUST NOT be included in Request Objects").
     */
    private static RequestParameters merged(RequestParameters request, Map<String, Object> claims) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (Map.Entry<String, Object> claim : claims.entrySet()) {
            if (!JWT_CLAIMS.contains(claim.getKey()) && claim.getValue() != null) {
                parameters.put(claim.getKey(), parameterValue(claim.getValue()));
            }
        }
        agree(request, parameters);
        parameters.remove("request");
        parameters.remove("request_uri");
        for (String name : ALSO_OUTSIDE) {
            if (!parameters.containsKey(name)) {
                request.single(name).ifPresent(value -> parameters.put(name, value));
            }
        }
        // The client is the one the request named (it was found, and its keys verified the object).
        request.single("client_id").ifPresent(value -> parameters.put("client_id", value));
        return RequestParameters.ofSingleValues(parameters);
    }

    private static void agree(RequestParameters request, Map<String, String> inside) {
        if (inside.containsKey("request") || inside.containsKey("request_uri")) {
            throw OAuthException.of(ErrorCode.INVALID_REQUEST_OBJECT,
                    "a request object must not contain request or request_uri");
        }
        // RFC 9101 §6.3: "the client_id claim value in the Request Object MUST be identical to the client_id
        // query parameter"; OIDC Core §6.1: response_type and client_id "MUST match those in the Request Object".
        if (inside.containsKey("client_id") && !inside.get("client_id").equals(request.single("client_id").orElse(""))) {
            throw OAuthException.of(ErrorCode.INVALID_REQUEST_OBJECT,
                    "the request object's client_id differs from the request's");
        }
        Optional<String> responseType = request.single("response_type");
        if (inside.containsKey("response_type") && responseType.isPresent()
                && !responseType.get().equals(inside.get("response_type"))) {
            throw OAuthException.invalidRequest("the request object's response_type differs from the request's");
        }
        // OIDC Core §6.1: the scope sent outside must contain openid when the request is an OpenID Connect one.
        Optional<String> scope = request.single("scope");
        if (scope.isPresent() && inside.containsKey("scope") && words(inside.get("scope")).contains("openid")
                && !words(scope.get()).contains("openid")) {
            throw OAuthException.invalidRequest("the scope outside the request object must contain openid too");
        }
    }

    private static List<String> words(String value) {
        return List.of(value.split(" "));
    }

    /** Strings as they are; numbers and booleans as their JSON text; objects and arrays as JSON (e.g. claims). */
    private static String parameterValue(Object value) {
        if (value instanceof String text) {
            return text;
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw OAuthException.of(ErrorCode.INVALID_REQUEST_OBJECT, "the request object holds an unreadable value");
        }
    }

    /** The payload's string claims, read without verifying anything, only to deliver a refusal. */
    private static Map<String, Object> unverifiedClaims(String jwt) {
        String[] parts = jwt.split("\\.", -1);
        if (parts.length != 3) {
            return Map.of();
        }
        try {
            JsonNode payload = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            Map<String, Object> claims = new LinkedHashMap<>();
            if (payload != null && payload.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = payload.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    if (field.getValue().isTextual()) {
                        claims.put(field.getKey(), field.getValue().asText());
                    }
                }
            }
            return claims;
        } catch (IOException | IllegalArgumentException e) {
            return Map.of();
        }
    }
}
