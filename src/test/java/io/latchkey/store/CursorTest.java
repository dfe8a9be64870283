package io.latchkey.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class CursorTest {

    @Test
    void aCursorGivesBackItsKeyToItsOwnListingOnly() {
        String cursor = Cursor.encode("applications", "web-app");
        assertEquals(Optional.of("web-app"), Cursor.decode("applications", cursor));
        assertEquals(Optional.empty(), Cursor.decode("audit", cursor));
    }

    @Test
    void malformedCursorsAreEmpty() {
        assertEquals(Optional.empty(), Cursor.decode("applications", "not base64 !"));
        assertEquals(Optional.empty(), Cursor.decode("applications", ""));
        assertEquals(Optional.empty(), Cursor.decode("applications", Cursor.encode("applications", "")));
    }

    @Test
    void aPageDropsTheProbeRowAndNamesItsLastKey() {
        PageRequest request = PageRequest.first(2);
        assertEquals(new Page<>(List.of("a", "b"), Optional.of("b")),
                Page.of(List.of("a", "b", "c"), request, Function.identity()));
        assertEquals(new Page<>(List.of("a", "b"), Optional.empty()),
                Page.of(List.of("a", "b"), request, Function.identity()));
    }

    @Test
    void limitsOutsideOneToTheMaximumAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> PageRequest.first(0));
        assertThrows(IllegalArgumentException.class, () -> PageRequest.first(PageRequest.MAX_LIMIT + 1));
    }
}
