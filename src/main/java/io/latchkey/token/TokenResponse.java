package io.latchkey.token;

import io.latchkey.client.ScopePolicy;
import io.latchkey.key.JsonStringLiteral;
import io.latchkey.security.Secret;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** RFC 6749 §5.1 successful token response, with the refresh and ID tokens when the grant issued them. */
public record TokenResponse(IssuedAccessToken accessToken, Optional<Secret> refreshToken, Optional<Secret> idToken) {

    public static TokenResponse bearer(IssuedAccessToken token) {
        return new TokenResponse(token, Optional.empty(), Optional.empty());
    }

    /** The JSON body with the RFC's parameter names; the only place tokens are revealed. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("access_token", accessToken.value().reveal());
        json.put("token_type", "Bearer");
        json.put("expires_in", Duration.between(accessToken.issuedAt(), accessToken.expiresAt()).toSeconds());
        json.put("scope", ScopePolicy.format(accessToken.scopes()));
        refreshToken.ifPresent(t -> json.put("refresh_token", t.reveal()));
        idToken.ifPresent(t -> json.put("id_token", t.reveal()));
        return json;
    }

    /**
     * {@link #toJson()} written out (for these values, byte for byte what Jackson writes), without reflection or a map: the token
     * endpoint answers this fixed shape on every request. Values are escaped per RFC 8259 §7, though none of them
     * (JWS compact serialization, Latchkey's token formats, RFC 6749 §3.3 scope tokens) has a character that needs it.
     */
    public String body() {
        String accessToken = this.accessToken.value().reveal();
        String scope = ScopePolicy.format(this.accessToken.scopes());
        StringBuilder json = new StringBuilder(accessToken.length() + scope.length() + 96
                + refreshToken.map(t -> t.reveal().length() + 20).orElse(0)
                + idToken.map(t -> t.reveal().length() + 14).orElse(0));
        json.append("{\"access_token\":");
        JsonStringLiteral.append(json, accessToken);
        json.append(",\"token_type\":\"Bearer\",\"expires_in\":")
                .append(Duration.between(this.accessToken.issuedAt(), this.accessToken.expiresAt()).toSeconds())
                .append(",\"scope\":");
        JsonStringLiteral.append(json, scope);
        refreshToken.ifPresent(t -> JsonStringLiteral.append(json.append(",\"refresh_token\":"), t.reveal()));
        idToken.ifPresent(t -> JsonStringLiteral.append(json.append(",\"id_token\":"), t.reveal()));
        return json.append('}').toString();
    }
}
