package io.latchkey.store;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** A page of a listing and, when more follow, the key of its last item (where the next page starts after). */
public record Page<T>(List<T> items, Optional<String> nextAfterKey) {

    public Page {
        items = List.copyOf(items);
    }

    /**
     * The page of a query that fetched up to {@code request.limit() + 1} rows: the extra row only says that more
     * follow and is dropped.
     */
    public static <T> Page<T> of(List<T> fetched, PageRequest request, Function<T, String> key) {
        if (fetched.size() <= request.limit()) {
            return new Page<>(fetched, Optional.empty());
        }
        List<T> items = fetched.subList(0, request.limit());
        return new Page<>(items, Optional.of(key.apply(items.get(items.size() - 1))));
    }

    public <U> Page<U> map(Function<T, U> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), nextAfterKey);
    }
}
