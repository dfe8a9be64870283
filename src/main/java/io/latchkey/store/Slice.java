package io.latchkey.store;

import java.util.List;
import java.util.function.Function;

/**
 * One slice of a listing by position, as a table that pages through everything shows it ("showing 51–100 of 312"):
 * its items, the position of the first one (from 0) and how many the whole listing holds. The query behind it
 * fetches only the slice, and counts the rest.
 */
public record Slice<T>(List<T> items, int offset, long total) {

    public Slice {
        items = List.copyOf(items);
        if (offset < 0 || total < 0) {
            throw new IllegalArgumentException("offset and total must not be negative");
        }
    }

    public <U> Slice<U> map(Function<T, U> mapper) {
        return new Slice<>(items.stream().map(mapper).toList(), offset, total);
    }
}
