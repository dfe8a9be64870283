package io.latchkey.web.admin;

import io.latchkey.store.TokenState;
import io.latchkey.token.IssuedReferenceTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The tokens page's filters as given: a person (username), an application (client_id), the expiry ({@code live},
 * {@code expiring} within {@link #EXPIRING_WITHIN}, or {@code all}; live unless another is chosen) and the cursor. A
 * value outside the choices, an over-long name or a cursor the listing never handed out is no filter: the form only
 * offers the choices, so such values are edited addresses, and they never make a 500.
 */
public record TokenFilter(String person, String application, String expiry, Optional<String> after) {
    static final Duration EXPIRING_WITHIN = Duration.ofDays(7);
    private static final int MAX_NAME = 200;

    public static TokenFilter of(String person, String application, String expiry, String after) {
        String chosen = expiry == null ? "live" : switch (expiry) {
            case "expiring", "all" -> expiry;
            default -> "live";
        };
        return new TokenFilter(name(person), name(application), chosen,
                Optional.ofNullable(after).filter(IssuedReferenceTokens::isPageKey));
    }

    private static String name(String value) {
        String stripped = value == null ? "" : value.strip();
        return stripped.length() > MAX_NAME ? "" : stripped;
    }

    /** The listing's filter; {@code subject} is the person's, when one is named (and exists). */
    IssuedReferenceTokens.Filter toListing(Optional<String> subject) {
        return new IssuedReferenceTokens.Filter(subject, application.isEmpty() ? Optional.empty()
                : Optional.of(application), Optional.empty(),
                expiry.equals("all") ? Optional.empty() : Optional.of(TokenState.ACTIVE));
    }

    /** Whether a listed token is shown: with {@code expiring}, only those that expire within the week. */
    boolean shows(Instant expiresAt, Instant now) {
        return !expiry.equals("expiring") || expiresAt.isBefore(now.plus(EXPIRING_WITHIN));
    }
}
