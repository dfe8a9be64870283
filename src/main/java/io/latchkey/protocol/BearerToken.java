package io.latchkey.protocol;

import io.latchkey.security.Secret;
import io.latchkey.token.UserInfoEndpoint;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Optional;

/**
 * The RFC 6750 bearer token of a request to a protected endpoint, from the {@code Authorization} header.
 * (A token in the query string, §2.3, never gets this far: {@code TransportSecurityFilter} refuses it.)
 */
public final class BearerToken {
    private BearerToken() {
    }

    /** RFC 6750 §2.1: {@code Authorization: Bearer b64token}. */
    public static Optional<Secret> fromHeader(HttpHeaders headers) {
        String authorization = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization == null) {
            return Optional.empty();
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw UserInfoEndpoint.malformed("the Authorization header must use the Bearer scheme");
        }
        String token = authorization.substring(7).strip();
        if (!token.matches("[A-Za-z0-9\\-._~+/]+=*")) {
            throw UserInfoEndpoint.malformed("the bearer token is malformed");
        }
        return Optional.of(Secret.of(token));
    }
}
