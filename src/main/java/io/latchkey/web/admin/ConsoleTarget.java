package io.latchkey.web.admin;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where signing in again sends an administrator back to: a console page, {@code /admin} or below, whose path
 * segments are made only of unreserved characters and percent-escapes (RFC 3986 §2.3, §2.1). Nothing is decoded or
 * resolved, so {@code //host}, {@code /admin/../x}, backslashes, queries and fragments are simply refused (never an
 * open redirect); a refused target falls back to the overview.
 */
public final class ConsoleTarget {
    static final String OVERVIEW = "/admin";
    private static final Pattern SEGMENT = Pattern.compile("(?:[A-Za-z0-9_~-]|%[0-9A-Fa-f]{2})(?:[A-Za-z0-9._~-]|%[0-9A-Fa-f]{2})*");

    private ConsoleTarget() {
    }

    public static Optional<String> of(String requested) {
        if (requested == null || !(requested.equals(OVERVIEW) || requested.startsWith(OVERVIEW + "/"))) {
            return Optional.empty();
        }
        String rest = requested.substring(OVERVIEW.length());
        if (rest.isEmpty()) {
            return Optional.of(requested);
        }
        String[] segments = rest.substring(1).split("/", -1);
        for (String segment : segments) {
            if (!SEGMENT.matcher(segment).matches()) {
                return Optional.empty();
            }
        }
        return Optional.of(requested);
    }

    /** The target, or the overview. */
    public static String orOverview(String requested) {
        return of(requested).orElse(OVERVIEW);
    }
}
