package io.latchkey.token;

import io.latchkey.security.Secret;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /oauth/info} (DESIGN §2): lets a client that received an access token through a redirect check
 * it before use — signature, expiry, revocation — and see whom and what it is for.
 */
public final class TokenInfoEndpoint {
    private final AccessTokenVerifier verifier;
    private final Clock clock;

    public TokenInfoEndpoint(AccessTokenVerifier verifier, Clock clock) {
        this.verifier = verifier;
        this.clock = clock;
    }

    /** @param presenterAddress where the request came from, for the brake on guessing reference tokens */
    public Map<String, Object> info(Secret token, String presenterAddress) {
        return verifier.verify(token, presenterAddress).<Map<String, Object>>map(t -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("active", true);
            json.put("client_id", t.clientId());
            json.put("scope", String.join(" ", t.scopes()));
            json.put("sub", t.subject());
            if (t.reference().isEmpty()) {
                json.put("aud", t.audience().size() == 1 ? t.audience().iterator().next() : t.audience());
            }
            json.put("exp", t.expiresAt().getEpochSecond());
            json.put("expires_in", Math.max(0, Duration.between(clock.instant(), t.expiresAt()).toSeconds()));
            return json;
        }).orElse(Introspection.INACTIVE);
    }
}
