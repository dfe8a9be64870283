package io.latchkey.protocol;

import io.latchkey.error.OAuthException;
import jakarta.ws.rs.core.UriInfo;
import java.util.Set;

/** Endpoints that take a token in the body refuse one in the query string: URLs are logged and leak. */
final class TokensInQuery {
    private static final Set<String> NAMES = Set.of("token", "access_token", "refresh_token", "client_secret");

    private TokensInQuery() {
    }

    static void refuse(UriInfo uri) {
        for (String name : uri.getQueryParameters().keySet()) {
            if (NAMES.contains(name)) {
                throw OAuthException.invalidRequest(name + " is not accepted in the query string");
            }
        }
    }
}
