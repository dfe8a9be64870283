package io.latchkey.account;

import java.time.Instant;
import java.util.Optional;

/** Consecutive failures counted under one key ({@link ThrottleKeys}), the block they earned, and the last count. */
public record ThrottleCounter(String key, int failures, Optional<Instant> blockedUntil, Instant updatedAt) {
}
