package io.latchkey.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.latchkey.store.Cursor;
import io.latchkey.store.Page;
import java.util.List;

/** One page of an admin listing: its items and, unless it is the last page, the cursor of the next one. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Listing<T>(@JsonProperty("items") List<T> items, @JsonProperty("next_cursor") String nextCursor) {

    public static <T> Listing<T> of(Page<T> page, String listing) {
        return new Listing<>(page.items(), page.nextAfterKey().map(key -> Cursor.encode(listing, key)).orElse(null));
    }
}
