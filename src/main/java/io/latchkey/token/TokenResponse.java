package io.latchkey.token;

import io.latchkey.client.ScopePolicy;
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
}
