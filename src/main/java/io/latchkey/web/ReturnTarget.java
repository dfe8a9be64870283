package io.latchkey.web;

import java.util.Optional;
import java.util.Set;

/**
 * Where the sign-in form sends a person back to when no application is waiting: one of Latchkey's own pages,
 * named by its exact local path. The allow-list is the whole rule: nothing is decoded, normalised or resolved, so
 * {@code //evil}, {@code /\evil}, absolute URLs, percent-encoded or dotted variants and any query or fragment are
 * simply not on it (never an open redirect). Anything else falls back to the signed-in page.
 */
public final class ReturnTarget {
    /** The pages a signed-out visitor may be sent back to. */
    static final Set<String> PAGES = Set.of("/", "/account/applications", "/account/tokens", "/admin",
            "/admin/applications", "/admin/new-application", "/admin/people", "/admin/scopes", "/admin/apis",
            "/admin/tokens", "/admin/keys", "/admin/audit", "/admin/posture");

    private ReturnTarget() {
    }

    /** The requested path when it is exactly one of {@link #PAGES}; empty for anything else, null included. */
    public static Optional<String> of(String requested) {
        return requested != null && PAGES.contains(requested) ? Optional.of(requested) : Optional.empty();
    }
}
