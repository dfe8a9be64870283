package io.latchkey.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A public document is serialised once per change of its sources, and its ETag is the hash of what is sent. */
class CachedJsonTest {
    private final CachedJson cached = new CachedJson();
    private final AtomicInteger builds = new AtomicInteger();

    private CachedJson.Body body(Object source) {
        return cached.of(List.of(source), () -> {
            builds.incrementAndGet();
            return Map.of("keys", source);
        });
    }

    @Test
    void theSameSourceInstanceIsNotBuiltAgain() {
        List<String> keys = new ArrayList<>(List.of("k1"));
        CachedJson.Body first = body(keys);
        assertSame(first, body(keys));
        assertEquals(1, builds.get());
        assertEquals("{\"keys\":[\"k1\"]}", CachedJson.text(first));
    }

    @Test
    void anotherInstanceIsBuiltAgainAndItsTagFollowsTheBytes() throws Exception {
        CachedJson.Body first = body(new ArrayList<>(List.of("k1")));
        CachedJson.Body equal = body(new ArrayList<>(List.of("k1")));
        assertEquals(2, builds.get(), "a new instance from the configuration caches is a possible change");
        assertEquals(first.tag(), equal.tag(), "the same bytes, the same tag");
        CachedJson.Body rotated = body(new ArrayList<>(List.of("k1", "k2")));
        assertNotEquals(first.tag(), rotated.tag());
        assertEquals(Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(CachedJson.text(rotated).getBytes(StandardCharsets.UTF_8))).substring(0, 22),
                rotated.tag().getValue());
        assertEquals(false, rotated.tag().isWeak());
    }
}
