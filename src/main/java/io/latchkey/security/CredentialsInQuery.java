package io.latchkey.security;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Whether a query string names a parameter that carries a credential. Such a request is refused before it
 * reaches any code that might log its URL (RFC 6750 §2.3 and RFC 9700 §4.3.2 advise against tokens in
 * URLs; Latchkey does not accept them at all).
 */
public final class CredentialsInQuery {
    private static final Set<String> NAMES = Set.of("access_token", "token", "refresh_token", "client_secret",
            "code_verifier", "password", "id_token");

    private CredentialsInQuery() {
    }

    /** Reads only the raw query string, never the request parameters (which would consume a form body). */
    public static boolean present(String queryString) {
        if (queryString == null || queryString.isEmpty()) {
            return false;
        }
        for (String pair : queryString.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            if (NAMES.contains(name.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    /** Names are compared decoded, as any framework would read them ({@code access%5Ftoken}). */
    private static String decode(String name) {
        try {
            return URLDecoder.decode(name, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return name;
        }
    }
}
