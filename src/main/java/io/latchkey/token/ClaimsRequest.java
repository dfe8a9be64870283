package io.latchkey.token;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.latchkey.error.OAuthException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code claims} request parameter (OIDC Core §5.5): individual claims a client asks for, for the ID token
 * ({@code id_token}) and for UserInfo ({@code userinfo}), each {@code null} (asked for, voluntarily) or an object
 * with {@code essential}, {@code value} and {@code values}. Parsed once at the authorization endpoint, where a
 * malformed one is {@code invalid_request}, and kept as the client sent it ({@link #json()}) with the grant, so
 * that the ID tokens of the code exchange and of refreshes and UserInfo honour it.
 *
 * <p>Members other than {@code userinfo} and {@code id_token}, and members of a claim's object other than
 * {@code essential}, {@code value} and {@code values}, are ignored as §5.5 says ("Any members used that are not
 * understood MUST be ignored"). Only string values are kept: the one claim whose requested values Latchkey acts on
 * is {@code acr} (§5.5.1.1), whose values are strings.
 */
public record ClaimsRequest(Map<String, Requested> userinfo, Map<String, Requested> idToken, String json) {
    /** Longer than any reasonable request, and the size of the column it is kept in. */
    public static final int MAX_LENGTH = 4096;
    /** No claims parameter. */
    public static final ClaimsRequest NONE = new ClaimsRequest(Map.of(), Map.of(), "");

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

    /** How one claim is asked for: essential or voluntary, and the values it should have, if any. */
    public record Requested(boolean essential, List<String> values) {
        public static final Requested VOLUNTARY = new Requested(false, List.of());

        public Requested {
            values = List.copyOf(values);
        }
    }

    public ClaimsRequest {
        userinfo = Collections.unmodifiableMap(new LinkedHashMap<>(userinfo));
        idToken = Collections.unmodifiableMap(new LinkedHashMap<>(idToken));
        Objects.requireNonNull(json, "json");
    }

    /**
     * The parameter's value read; an {@code invalid_request} {@link OAuthException} when it is not a JSON object
     * of the §5.5 shape.
     */
    public static ClaimsRequest parse(String value) {
        if (value.length() > MAX_LENGTH) {
            throw OAuthException.invalidRequest("claims is longer than " + MAX_LENGTH + " characters");
        }
        JsonNode root;
        try {
            root = JSON.readTree(value);
        } catch (JsonProcessingException e) {
            throw OAuthException.invalidRequest("claims is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw OAuthException.invalidRequest("claims must be a JSON object");
        }
        return new ClaimsRequest(member(root, "userinfo"), member(root, "id_token"), value);
    }

    /** What a stored parameter says (it was checked when it came); {@link #NONE} for none. */
    public static ClaimsRequest stored(Optional<String> json) {
        return json.filter(j -> !j.isEmpty()).map(ClaimsRequest::parse).orElse(NONE);
    }

    /** The parameter as the client sent it, for storing with the grant; empty when there was none. */
    public Optional<String> storable() {
        return json.isEmpty() ? Optional.empty() : Optional.of(json);
    }

    private static Map<String, Requested> member(JsonNode root, String name) {
        JsonNode node = root.get(name);
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw OAuthException.invalidRequest("claims." + name + " must be a JSON object");
        }
        Map<String, Requested> claims = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            claims.put(field.getKey(), requested(name + "." + field.getKey(), field.getValue()));
        }
        return claims;
    }

    private static Requested requested(String where, JsonNode node) {
        if (node.isNull()) {
            return Requested.VOLUNTARY;
        }
        if (!node.isObject()) {
            throw OAuthException.invalidRequest("claims." + where + " must be null or a JSON object");
        }
        JsonNode essential = node.get("essential");
        if (essential != null && !essential.isNull() && !essential.isBoolean()) {
            throw OAuthException.invalidRequest("claims." + where + ".essential must be true or false");
        }
        List<String> values = new ArrayList<>();
        JsonNode value = node.get("value");
        if (value != null && value.isTextual()) {
            values.add(value.asText());
        }
        JsonNode many = node.get("values");
        if (many != null && !many.isNull()) {
            if (!many.isArray()) {
                throw OAuthException.invalidRequest("claims." + where + ".values must be a JSON array");
            }
            many.forEach(v -> {
                if (v.isTextual()) {
                    values.add(v.asText());
                }
            });
        }
        return new Requested(essential != null && essential.asBoolean(), values);
    }
}
