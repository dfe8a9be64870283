package io.latchkey.token;

import io.latchkey.client.Client;
import java.util.Collections;
import java.util.Set;

/**
 * Who may look inside a token (RFC 7662 §4: "the authorization server MUST determine whether or not the
 * token can be introspected by the protected resource"): the application it was issued to, an application
 * whose API is in its audience, and applications an operator allowed to introspect everything.
 * Everyone else gets {@code {"active":false}}, as for a token that does not exist.
 */
public final class IntrospectionPolicy {
    private IntrospectionPolicy() {
    }

    /**
     * @param callerApis the audiences (APIs) of the caller's own scopes
     * @param tokenAudience the token's {@code aud}; empty for refresh tokens, which are for their client only
     */
    public static boolean mayIntrospect(Client caller, Set<String> callerApis, String tokenClientId,
                                        Set<String> tokenAudience) {
        return caller.introspectAny()
                || caller.clientId().equals(tokenClientId)
                || !Collections.disjoint(callerApis, tokenAudience);
    }
}
