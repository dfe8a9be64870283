package io.latchkey.store;

import java.util.Optional;

/**
 * One page of a listing in key order (keyset pagination): the items whose key comes after {@code afterKey}, at most
 * {@code limit} of them. Keys are what the listing is ordered by (a row id, a client_id); callers outside get
 * them only wrapped in a {@link Cursor}.
 */
public record PageRequest(Optional<String> afterKey, int limit) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public PageRequest {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
    }

    public static PageRequest first(int limit) {
        return new PageRequest(Optional.empty(), limit);
    }
}
