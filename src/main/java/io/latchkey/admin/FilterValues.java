package io.latchkey.admin;

import io.latchkey.security.TextCharacters;
import io.latchkey.store.PageRequest;
import io.latchkey.store.TokenState;
import io.latchkey.token.ReferenceToken;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The filter values of the oversight and audit listings, read from a {@link PageParameters}-checked query: each
 * one either parses to what it names or is refused as an invalid request naming its field, so that an unknown
 * kind or a misspelt state never silently lists everything (pure Java: unit-tested without a container).
 */
final class FilterValues {
    static final int MAX_NAME_LENGTH = 200;
    /** RFC 3339 §5.6 {@code date-time}: seconds required, a fraction optional, an offset required. */
    private static final Pattern DATE_TIME = Pattern.compile(
            "[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?([Zz]|[+-][0-9]{2}:[0-9]{2})");

    private FilterValues() {
    }

    /** A name (a subject, a client_id, an audit target): 1 to 200 characters, none of them a control character. */
    static Optional<String> name(PageParameters query, String field) {
        Optional<String> value = query.value(field);
        value.ifPresent(text -> {
            if (text.isEmpty() || text.length() > MAX_NAME_LENGTH || !TextCharacters.isOneLine(text)) {
                throw AdminProblem.invalid(field, "must be 1 to " + MAX_NAME_LENGTH
                        + " characters without control characters");
            }
        });
        return value;
    }

    /** {@code pat}, {@code sat} or {@code at}, exactly. */
    static Optional<ReferenceToken.Kind> tokenKind(PageParameters query, String field) {
        return query.value(field).map(text -> {
            for (ReferenceToken.Kind kind : ReferenceToken.Kind.values()) {
                if (kind.name().toLowerCase(Locale.ROOT).equals(text)) {
                    return kind;
                }
            }
            throw AdminProblem.invalid(field, "must be one of pat, sat, at");
        });
    }

    /** {@code active}, {@code revoked} or {@code expired}, exactly. */
    static Optional<TokenState> tokenState(PageParameters query, String field) {
        return query.value(field).map(text -> {
            for (TokenState state : TokenState.values()) {
                if (wireName(state).equals(text)) {
                    return state;
                }
            }
            throw AdminProblem.invalid(field, "must be one of active, revoked, expired");
        });
    }

    /** An RFC 3339 {@code date-time} with its offset, e.g. {@code 2026-12-06T09:30:00Z}. */
    static Optional<Instant> time(PageParameters query, String field) {
        return query.value(field).map(text -> {
            if (DATE_TIME.matcher(text).matches()) {
                try {
                    return OffsetDateTime.parse(text.toUpperCase(Locale.ROOT), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                            .toInstant();
                } catch (DateTimeException e) {
                    // fall through: a date that does not exist (month 13, February 30, hour 24)
                }
            }
            throw AdminProblem.invalid(field, "must be an RFC 3339 date-time with an offset, e.g. "
                    + "2026-12-06T09:30:00Z");
        });
    }

    /**
     * The page of {@code listing} asked for, whose cursor's key must also be one the listing hands out: a cursor
     * forged with a well-formed envelope but a foreign key is refused like any other bad cursor.
     */
    static PageRequest page(PageParameters query, String listing, Predicate<String> isPageKey) {
        PageRequest page = query.page(listing);
        if (page.afterKey().isPresent() && !isPageKey.test(page.afterKey().get())) {
            throw AdminProblem.invalid(PageParameters.CURSOR, "is not a cursor of this listing; use next_cursor as given");
        }
        return page;
    }

    static String wireName(TokenState state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    static String wireName(ReferenceToken.Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}
