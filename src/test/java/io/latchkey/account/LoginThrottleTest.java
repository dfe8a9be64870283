package io.latchkey.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.testing.InMemoryThrottleStorage;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private static final String IP = "192.0.2.10";
    private MutableClock clock;
    private InMemoryThrottleStorage storage;
    private LoginThrottle throttle;

    /** How long the throttle blocks this attempt; an admitted one is counted (and reads nothing). */
    private Optional<Duration> admit(String username, String address) {
        return throttle.admit(username, address) instanceof LoginThrottle.Blocked blocked
                ? Optional.of(blocked.blockedFor()) : Optional.empty();
    }

    @BeforeEach
    void freshThrottle() {
        clock = new MutableClock(Instant.parse("2025-06-01T12:00:00Z"));
        storage = new InMemoryThrottleStorage();
        throttle = new LoginThrottle(storage, clock);
    }

    @Test
    void policyIsFreeThenDoublingAndCappedAtFifteenMinutes() {
        for (int failures = 0; failures <= 5; failures++) {
            assertEquals(Optional.empty(), LoginThrottle.blockAfter(failures, 5), "failure " + failures);
        }
        assertEquals(Optional.of(Duration.ofSeconds(2)), LoginThrottle.blockAfter(6, 5));
        assertEquals(Optional.of(Duration.ofSeconds(4)), LoginThrottle.blockAfter(7, 5));
        assertEquals(Optional.of(Duration.ofSeconds(512)), LoginThrottle.blockAfter(14, 5));
        assertEquals(Optional.of(Duration.ofMinutes(15)), LoginThrottle.blockAfter(15, 5));
        assertEquals(Optional.of(Duration.ofMinutes(15)), LoginThrottle.blockAfter(Integer.MAX_VALUE, 5));
    }

    @Test
    void allowsFiveFailuresThenBlocksTheAccountForGrowingDurations() {
        for (int i = 0; i < 5; i++) {
            throttle.recordFailure("alice", IP);
            assertEquals(Optional.empty(), throttle.blockedFor("alice", IP), "after failure " + (i + 1));
        }
        Duration previous = Duration.ZERO;
        for (int failure = 6; failure <= 12; failure++) {
            throttle.recordFailure("alice", IP);
            Duration blocked = throttle.blockedFor("alice", IP).orElseThrow();
            assertEquals(Duration.ofSeconds(1L << (failure - 5)), blocked, "after failure " + failure);
            assertTrue(blocked.compareTo(previous) > 0);
            previous = blocked;
            clock.advance(blocked);
            assertEquals(Optional.empty(), throttle.blockedFor("alice", IP), "block over after failure " + failure);
        }
    }

    @Test
    void capsTheBlockAtFifteenMinutes() {
        for (int i = 0; i < 30; i++) {
            throttle.recordFailure("alice", IP);
            clock.advance(Duration.ofMinutes(16));
        }
        clock.advance(Duration.ofMinutes(-16));

        assertEquals(Optional.of(Duration.ofMinutes(15)), throttle.blockedFor("alice", IP));
    }

    @Test
    void matchesUsernamesIgnoringCaseAndSurroundingSpace() {
        for (int i = 0; i < 6; i++) {
            throttle.recordFailure(i % 2 == 0 ? "Alice" : " alice ", IP);
        }

        assertEquals(Optional.of(Duration.ofSeconds(2)), throttle.blockedFor("ALICE", "198.51.100.1"));
    }

    @Test
    void blocksOneAccountOnlyNotOthersFromTheSameAddress() {
        for (int i = 0; i < 6; i++) {
            throttle.recordFailure("alice", IP);
        }

        assertTrue(throttle.blockedFor("alice", "198.51.100.1").isPresent());
        assertEquals(Optional.empty(), throttle.blockedFor("bob", IP));
    }

    @Test
    void successClearsTheAccountCounter() {
        for (int i = 0; i < 5; i++) {
            throttle.recordFailure("alice", IP);
        }
        throttle.recordSuccess("alice", IP);
        throttle.recordFailure("alice", IP);

        assertEquals(Optional.empty(), throttle.blockedFor("alice", IP));
    }

    @Test
    void allowsTwentyFailuresPerAddressAcrossUsernamesThenBlocksIt() {
        for (int i = 0; i < 20; i++) {
            throttle.recordFailure("user" + i, IP);
        }
        assertEquals(Optional.empty(), throttle.blockedFor("someone-else", IP));

        throttle.recordFailure("user20", IP);

        assertEquals(Optional.of(Duration.ofSeconds(2)), throttle.blockedFor("someone-else", IP));
        assertEquals(Optional.empty(), throttle.blockedFor("someone-else", "198.51.100.1"));
    }

    @Test
    void successKeepsAnAddressCounterThatHasBlockedOnce() {
        for (int i = 0; i < 21; i++) {
            throttle.recordFailure("user" + i, IP);
        }
        clock.advance(Duration.ofSeconds(2));
        throttle.recordSuccess("alice", IP);
        throttle.recordFailure("user21", IP);

        assertEquals(Optional.of(Duration.ofSeconds(4)), throttle.blockedFor("anyone", IP));
    }

    @Test
    void successClearsAnAddressCounterThatNeverBlocked() {
        for (int i = 0; i < 20; i++) {
            throttle.recordFailure("user" + i, IP);
        }
        throttle.recordSuccess("alice", IP);
        throttle.recordFailure("user20", IP);

        assertEquals(Optional.empty(), throttle.blockedFor("anyone", IP));
    }

    @Test
    void reportsTheLongerOfAccountAndAddressBlocks() {
        for (int i = 0; i < 20; i++) {
            throttle.recordFailure("user" + i, IP);
        }
        for (int i = 0; i < 8; i++) {
            throttle.recordFailure("alice", IP); // account: 8 failures => 8 s; address: 28 failures => 256 s
        }

        assertEquals(Optional.of(Duration.ofSeconds(256)), throttle.blockedFor("alice", IP));
        assertEquals(Optional.of(Duration.ofSeconds(8)), throttle.blockedFor("alice", "198.51.100.1"));
    }

    @Test
    void countsIpv6ClientsPerSlash64() {
        for (int i = 0; i < 21; i++) {
            throttle.recordFailure("user" + i, "2001:db8:1:2:" + Integer.toHexString(i) + "::1");
        }

        assertTrue(throttle.blockedFor("x", "2001:db8:1:2:ffff:ffff:ffff:ffff").isPresent());
        assertTrue(throttle.blockedFor("x", "[2001:DB8:1:2::7]").isPresent());
        assertEquals(Optional.empty(), throttle.blockedFor("x", "2001:db8:1:3::1"));
        assertEquals("ip:192.0.2.1", ThrottleKeys.address("::ffff:192.0.2.1"));
    }

    @Test
    void admitCountsTheUsernameAttemptBeforeItsOutcome() {
        for (int i = 0; i < 6; i++) {
            assertEquals(Optional.empty(), admit("alice", IP), "attempt " + (i + 1));
        }

        assertEquals(Optional.of(Duration.ofSeconds(2)), admit("alice", IP));
        assertEquals(Optional.of(Duration.ofSeconds(2)), admit("alice", "198.51.100.1"));
        clock.advance(Duration.ofSeconds(2));
        assertEquals(Optional.empty(), admit("alice", IP));
        assertEquals(Optional.of(Duration.ofSeconds(4)), throttle.blockedFor("alice", IP), "the 7th attempt counted");
    }

    @Test
    void admitLeavesTheAddressToRecordAddressFailureAndRespectsItsBlock() {
        for (int i = 0; i < 25; i++) {
            admit("user" + i, IP);
        }
        assertEquals(Optional.empty(), throttle.blockedFor("nobody", IP));

        for (int i = 0; i < 21; i++) {
            throttle.recordAddressFailure(IP);
        }

        assertEquals(Optional.of(Duration.ofSeconds(2)), admit("nobody", IP));
        assertEquals(Optional.empty(), throttle.blockedFor("nobody", "198.51.100.1"), "a blocked admit counts nothing");
    }

    @Test
    void successAfterAdmitClearsTheUsernameAttempt() {
        for (int i = 0; i < 5; i++) {
            admit("alice", IP);
        }
        admit("alice", IP);
        clock.advance(Duration.ofSeconds(2));
        admit("alice", IP);
        throttle.recordSuccess("alice", IP);

        assertEquals(Optional.empty(), throttle.blockedFor("alice", IP));
        assertEquals(Optional.empty(), admit("alice", IP));
    }

    @Test
    void anAdmittedAttemptCarriesTheAccountItsUsernameNamesAndABlockedOneIsCountedNowhere() {
        SignInCandidate alice = new SignInCandidate(new Account(1L, "subject-1", "alice", "Alice", Optional.empty(),
                false, false, true), Optional.of("$argon2id$..."));
        storage.putCandidate("alice", alice);
        assertEquals(new LoginThrottle.Admitted(Optional.of(alice)), throttle.admit("alice", IP));
        assertEquals(new LoginThrottle.Admitted(Optional.empty()), throttle.admit("nobody", IP));
        for (int i = 1; i < LoginThrottle.FREE_ACCOUNT_FAILURES; i++) {
            throttle.admit("alice", IP);
        }
        assertEquals(new LoginThrottle.Admitted(Optional.of(alice)), throttle.admit("alice", IP),
                "the 6th sets the block");
        int counted = storage.counter(ThrottleKeys.account("alice")).orElseThrow().failures();
        assertEquals(new LoginThrottle.Blocked(Duration.ofSeconds(2)), throttle.admit("alice", IP));
        assertEquals(counted, storage.counter(ThrottleKeys.account("alice")).orElseThrow().failures(),
                "a blocked attempt counts nothing");
    }

    @Test
    void forgetsCountersUntouchedForADay() {
        for (int i = 0; i < 7; i++) {
            throttle.recordFailure("alice", IP);
        }
        clock.advance(LoginThrottle.FORGET_AFTER);
        throttle.recordFailure("alice", IP);

        assertEquals(Optional.empty(), throttle.blockedFor("alice", IP));
        assertEquals(0, throttle.forgetStale());
        clock.advance(LoginThrottle.FORGET_AFTER.plusSeconds(1));
        assertEquals(2, throttle.forgetStale());
    }

    @Test
    void keepsOverlongUsernamesWithinTheKeyColumn() {
        String longName = "x".repeat(5000);
        for (int i = 0; i < 6; i++) {
            throttle.recordFailure(longName, IP);
        }

        assertTrue(throttle.blockedFor(longName, IP).isPresent());
        assertTrue(ThrottleKeys.account(longName).length() <= 200);
    }
}
