package io.latchkey.admin;

import io.latchkey.store.Cursor;
import io.latchkey.store.PageRequest;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The query of an admin listing: {@code limit} (1 to {@link PageRequest#MAX_LIMIT}, default
 * {@link PageRequest#DEFAULT_LIMIT}), {@code cursor} (opaque, from the previous page, only of the same listing),
 * and the listing's own filters. Every parameter at most once; an unknown one is refused rather than ignored, so
 * a misspelt filter never silently lists everything.
 */
public final class PageParameters {
    public static final String LIMIT = "limit";
    public static final String CURSOR = "cursor";

    private final MultivaluedMap<String, String> query;

    private PageParameters(MultivaluedMap<String, String> query) {
        this.query = query;
    }

    /** The query, checked: only {@code limit}, {@code cursor} and {@code filters}, each at most once. */
    public static PageParameters of(MultivaluedMap<String, String> query, Set<String> filters) {
        for (String name : new TreeSet<>(query.keySet())) {
            if (!name.equals(LIMIT) && !name.equals(CURSOR) && !filters.contains(name)) {
                throw AdminProblem.invalid(name, "is not a parameter of this listing");
            }
            if (query.get(name).size() > 1) {
                throw AdminProblem.invalid(name, "must be given at most once");
            }
        }
        return new PageParameters(query);
    }

    public Optional<String> value(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The page of listing {@code listing} asked for. */
    public PageRequest page(String listing) {
        int limit = PageRequest.DEFAULT_LIMIT;
        Optional<String> limitValue = value(LIMIT);
        if (limitValue.isPresent()) {
            String text = limitValue.get();
            if (!text.matches("[0-9]{1,3}") || Integer.parseInt(text) < 1
                    || Integer.parseInt(text) > PageRequest.MAX_LIMIT) {
                throw AdminProblem.invalid(LIMIT, "must be a whole number from 1 to " + PageRequest.MAX_LIMIT);
            }
            limit = Integer.parseInt(text);
        }
        Optional<String> after = Optional.empty();
        Optional<String> cursor = value(CURSOR);
        if (cursor.isPresent()) {
            after = Optional.of(Cursor.decode(listing, cursor.get()).orElseThrow(() ->
                    AdminProblem.invalid(CURSOR, "is not a cursor of this listing; use next_cursor as given")));
        }
        return new PageRequest(after, limit);
    }

    /** A filter that must be {@code true} or {@code false}. */
    public Optional<Boolean> booleanValue(String name) {
        return value(name).map(text -> switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw AdminProblem.invalid(name, "must be true or false");
        });
    }
}
