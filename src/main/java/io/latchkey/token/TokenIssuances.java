package io.latchkey.token;

import java.time.Instant;
import java.util.Set;

/**
 * Where the issuance of an access token by a grant is noted, so that the posture review sees which applications and
 * scopes are in use. {@link AccessTokenIssuer} tells it of every token; the implementation decides how often it
 * writes (at most once an hour per application and per scope on each node) and never fails the issuance.
 */
@FunctionalInterface
public interface TokenIssuances {
    /** Notes nothing: for tests of the other rules and for tools. */
    TokenIssuances NONE = (clientId, scopes, at) -> { };

    void issued(String clientId, Set<String> scopes, Instant at);
}
