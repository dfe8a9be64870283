package io.latchkey.store;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The opaque {@code cursor} a listing hands out for its next page: the page key, base64url, with the name of the
 * listing it belongs to, so that a cursor of one listing is refused by another instead of paging it wrongly.
 */
public final class Cursor {
    private Cursor() {
    }

    public static String encode(String listing, String key) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((listing + "\n" + key).getBytes(StandardCharsets.UTF_8));
    }

    /** The key of a cursor of {@code listing}; empty when the cursor is malformed or of another listing. */
    public static Optional<String> decode(String listing, String cursor) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(cursor);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        String prefix = listing + "\n";
        return text.startsWith(prefix) && text.length() > prefix.length()
                ? Optional.of(text.substring(prefix.length())) : Optional.empty();
    }
}
