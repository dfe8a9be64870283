package io.latchkey.web.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.store.TokenState;
import io.latchkey.token.IssuedReferenceTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokenFilterTest {
    private static final Instant NOW = Instant.parse("2026-12-06T15:00:00Z");

    @Test
    void liveIsTheDefaultAndValuesOutsideTheChoicesAreNoFilter() {
        assertEquals("live", TokenFilter.of(null, null, null, null).expiry());
        assertEquals("live", TokenFilter.of("", "", "soon'<script>", "").expiry());
        assertEquals("expiring", TokenFilter.of("", "", "expiring", null).expiry());
        assertEquals("all", TokenFilter.of("", "", "all", null).expiry());
        assertEquals("", TokenFilter.of("x".repeat(201), " web ", "all", null).person());
        assertEquals("web", TokenFilter.of("x".repeat(201), " web ", "all", null).application());
        assertEquals(Optional.empty(), TokenFilter.of("", "", "", "not-a-cursor").after(),
                "a cursor the listing never handed out is ignored, never a 500");
    }

    @Test
    void liveAndExpiringListActiveTokensAllListsEveryState() {
        IssuedReferenceTokens.Filter live = TokenFilter.of("", "orders", "live", null).toListing(Optional.of("sub"));
        assertEquals(Optional.of(TokenState.ACTIVE), live.state());
        assertEquals(Optional.of("orders"), live.clientId());
        assertEquals(Optional.of("sub"), live.accountSubject());
        assertEquals(Optional.of(TokenState.ACTIVE),
                TokenFilter.of("", "", "expiring", null).toListing(Optional.empty()).state());
        IssuedReferenceTokens.Filter all = TokenFilter.of("", "", "all", null).toListing(Optional.empty());
        assertEquals(Optional.empty(), all.state());
        assertEquals(Optional.empty(), all.clientId());
    }

    @Test
    void expiringShowsOnlyTokensEndingWithinTheWeek() {
        TokenFilter expiring = TokenFilter.of("", "", "expiring", null);
        assertTrue(expiring.shows(NOW.plus(Duration.ofDays(6)), NOW));
        assertFalse(expiring.shows(NOW.plus(Duration.ofDays(8)), NOW));
        assertTrue(TokenFilter.of("", "", "live", null).shows(NOW.plus(Duration.ofDays(80)), NOW));
    }
}
