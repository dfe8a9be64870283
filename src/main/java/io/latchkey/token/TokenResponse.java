package io.latchkey.token;

import io.latchkey.client.ScopePolicy;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** RFC 6749 §5.1 successful token response. */
public record TokenResponse(IssuedAccessToken accessToken) {

    public static TokenResponse bearer(IssuedAccessToken token) {
        return new TokenResponse(token);
    }

    /** The JSON body with the RFC's parameter names; the only place an access token is revealed. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("access_token", accessToken.value().reveal());
        json.put("token_type", "Bearer");
        json.put("expires_in", Duration.between(accessToken.issuedAt(), accessToken.expiresAt()).toSeconds());
        json.put("scope", ScopePolicy.format(accessToken.scopes()));
        return json;
    }
}
