package io.latchkey.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class OAuthExceptionTest {
    @Test
    void usesTheDescriptionAsDetailWhenNoneIsGiven() {
        OAuthException e = OAuthException.of(ErrorCode.INVALID_SCOPE, "scope is malformed");

        assertEquals(new OAuthError(ErrorCode.INVALID_SCOPE, "scope is malformed"), e.error());
        assertEquals("scope is malformed", e.detail());
        assertEquals("invalid_scope: scope is malformed", e.getMessage());
        assertEquals(Optional.empty(), e.challenge());
    }

    @Test
    void keepsTheDetailApartFromWhatTheClientSees() {
        OAuthException e = OAuthException.of(ErrorCode.INVALID_CLIENT, "client authentication failed",
                "wrong or expired secret for orders-batch");

        assertEquals("client authentication failed", e.error().description());
        assertEquals("wrong or expired secret for orders-batch", e.detail());
        assertEquals("invalid_client: client authentication failed", e.getMessage());
    }

    @Test
    void keepsErrorAndDetailWhenAChallengeIsAdded() {
        OAuthException original = OAuthException.of(ErrorCode.INVALID_CLIENT, "client authentication failed",
                "unknown client_id");

        OAuthException challenged = original.withChallenge("Basic realm=\"latchkey\"");

        assertNotSame(original, challenged);
        assertSame(original.error(), challenged.error());
        assertEquals("unknown client_id", challenged.detail());
        assertEquals(Optional.of("Basic realm=\"latchkey\""), challenged.challenge());
        assertEquals(Optional.empty(), original.challenge(), "the original is unchanged");
    }

    @Test
    void makesInvalidRequestErrors() {
        assertEquals(ErrorCode.INVALID_REQUEST, OAuthException.invalidRequest("grant_type is required").error().code());
    }

    @Test
    void refusesADescriptionTheRfcForbids() {
        assertThrows(IllegalArgumentException.class,
                () -> OAuthException.of(ErrorCode.INVALID_REQUEST, "unknown \"x\""));
    }

    @Test
    void carriesNoStackTrace() {
        assertEquals(0, OAuthException.invalidRequest("x").getStackTrace().length);
    }

    @Test
    void carriesARetryAfterInWholeSecondsRoundedUpAlongsideItsChallenge() {
        OAuthException e = OAuthException.of(ErrorCode.CLIENT_AUTHENTICATION_THROTTLED, "too many failures")
                .withChallenge("Basic realm=\"latchkey\"").withRetryAfter(java.time.Duration.ofMillis(1500));
        assertEquals(Optional.of(2L), e.retryAfterSeconds());
        assertEquals(Optional.of("Basic realm=\"latchkey\""), e.challenge());
        assertEquals(Optional.of(1L), OAuthException.invalidRequest("x")
                .withRetryAfter(java.time.Duration.ofMillis(10)).retryAfterSeconds(), "never 0: come back now");
        assertEquals(Optional.empty(), OAuthException.invalidRequest("x").retryAfterSeconds());
        assertEquals("invalid_client", ErrorCode.CLIENT_AUTHENTICATION_THROTTLED.wireName());
        assertEquals(429, ErrorCode.CLIENT_AUTHENTICATION_THROTTLED.status());
    }
}
