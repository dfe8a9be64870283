package io.latchkey.account;

import io.latchkey.store.AccountRepository;
import io.latchkey.store.HibernateThrottleStorage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.store.Database;
import io.latchkey.store.LoginThrottleRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The brake on guessing client secrets and reference tokens, with a clock that moves only when told. */
class CredentialThrottleTest {
    static final String ATTACKER = "198.51.100.66";
    static final String CLIENT_HOST = "192.0.2.10";
    private static Database database;
    MutableClock clock;
    CredentialThrottle throttle;

    @BeforeAll
    static void openDatabase() {
        database = TestDatabases.open();
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    @BeforeEach
    void freshThrottle() {
        TestDatabases.clear(database);
        clock = new MutableClock(Instant.parse("2025-06-01T12:00:00Z"));
        throttle = throttle(new HibernateThrottleStorage(database.transactions(),
                new LoginThrottleRepository(), new AccountRepository()), clock);
    }

    /** The throttle under test: the one reading the counters before every client authentication. */
    CredentialThrottle throttle(ThrottleStorage storage, MutableClock clock) {
        return new CredentialThrottle(storage, clock);
    }

    Optional<Duration> clientBlock(String clientId, String address) {
        return throttle.beforeClientAuthentication(clientId, address).blockedFor();
    }

    private Optional<Duration> lookupBlock(String address) {
        return database.transactions().inTransaction(em -> throttle.beforeTokenLookup(em, address)).blockedFor();
    }

    long rows() {
        return database.transactions().inTransaction(em ->
                ((Number) em.createNativeQuery("select count(*) from login_throttle").getSingleResult()).longValue());
    }

    @Test
    void aCleanAddressReadsNothingWorthWritingBack() {
        CredentialThrottle.Check check = throttle.beforeClientAuthentication("orders-batch", CLIENT_HOST);
        assertEquals(Optional.empty(), check.blockedFor());
        assertFalse(check.addressCounted(), "a success from here writes nothing");
        assertEquals(0, rows());
    }

    @Test
    void tenFreeFailuresPerClientThenTheFailingAddressWaitsForGrowingDurations() {
        for (int i = 1; i <= CredentialThrottle.FREE_CLIENT_FAILURES; i++) {
            throttle.recordClientFailure("orders-batch", ATTACKER);
            assertEquals(Optional.empty(), clientBlock("orders-batch", ATTACKER), "after failure " + i);
        }
        throttle.recordClientFailure("orders-batch", ATTACKER);
        assertEquals(Optional.of(Duration.ofSeconds(2)), clientBlock("orders-batch", ATTACKER));
        clock.advance(Duration.ofSeconds(2));
        assertEquals(Optional.empty(), clientBlock("orders-batch", ATTACKER));
        throttle.recordClientFailure("orders-batch", ATTACKER);
        assertEquals(Optional.of(Duration.ofSeconds(4)), clientBlock("orders-batch", ATTACKER));
    }

    @Test
    void aBlockedClientStillAuthenticatesFromAnAddressThatNeverFailed() {
        for (int i = 0; i < 15; i++) {
            throttle.recordClientFailure("orders-batch", ATTACKER);
        }
        assertTrue(clientBlock("orders-batch", ATTACKER).isPresent(), "the guessing address is braked");

        CredentialThrottle.Check real = throttle.beforeClientAuthentication("orders-batch", CLIENT_HOST);
        assertEquals(Optional.empty(), real.blockedFor(), "the real client, from its own address, is not locked out");
        assertFalse(real.addressCounted());
    }

    @Test
    void aBlockedClientStopsEveryOtherAddressAfterItsOwnFirstFailure() {
        for (int i = 0; i < 15; i++) {
            throttle.recordClientFailure("orders-batch", "203.0.113." + i);
        }
        String next = "203.0.113.200";
        assertEquals(Optional.empty(), clientBlock("orders-batch", next), "a fresh address gets its first try");
        throttle.recordClientFailure("orders-batch", next);
        assertTrue(clientBlock("orders-batch", next).isPresent(),
                "guessing one client from many addresses costs each address its block after one failure");
        assertEquals(Optional.empty(), clientBlock("other-client", next), "other clients are not concerned");
    }

    @Test
    void twentyFreeFailuresPerAddressAcrossClientsThenTheAddressIsBlockedForEveryClient() {
        for (int i = 1; i <= CredentialThrottle.FREE_ADDRESS_FAILURES; i++) {
            throttle.recordClientFailure("client-" + i, ATTACKER);
        }
        assertEquals(Optional.empty(), clientBlock("client-99", ATTACKER));
        throttle.recordClientFailure("client-21", ATTACKER);
        assertEquals(Optional.of(Duration.ofSeconds(2)), clientBlock("client-99", ATTACKER));
        assertEquals(Optional.empty(), clientBlock("client-99", CLIENT_HOST));
    }

    @Test
    void blocksAreCappedAtFifteenMinutesAndForgottenAfterADay() {
        for (int i = 0; i < 60; i++) {
            throttle.recordClientFailure("orders-batch", ATTACKER);
            clock.advance(Duration.ofMinutes(16));
        }
        throttle.recordClientFailure("orders-batch", ATTACKER);
        assertEquals(Optional.of(LoginThrottle.MAX_BLOCK), clientBlock("orders-batch", ATTACKER));
        clock.advance(LoginThrottle.FORGET_AFTER);
        assertEquals(Optional.empty(), clientBlock("orders-batch", ATTACKER));
        assertFalse(throttle.beforeClientAuthentication("orders-batch", ATTACKER).addressCounted());
    }

    @Test
    void aSuccessClearsAnAddressCounterThatNeverBlockedButNotOneThatDid() {
        throttle.recordClientFailure("orders-batch", CLIENT_HOST);
        assertTrue(throttle.beforeClientAuthentication("orders-batch", CLIENT_HOST).addressCounted());
        throttle.recordClientSuccess("orders-batch", CLIENT_HOST);
        assertFalse(throttle.beforeClientAuthentication("orders-batch", CLIENT_HOST).addressCounted());

        for (int i = 0; i < CredentialThrottle.FREE_ADDRESS_FAILURES + 1; i++) {
            throttle.recordClientFailure("client-" + i, ATTACKER);
        }
        clock.advance(Duration.ofSeconds(60));
        throttle.recordClientSuccess("own-client", ATTACKER);
        assertTrue(throttle.beforeClientAuthentication("own-client", ATTACKER).addressCounted(),
                "an attacker's own valid client does not wipe the address's record once it has blocked");
        throttle.recordClientFailure("client-x", ATTACKER);
        assertEquals(Optional.of(Duration.ofSeconds(4)), clientBlock("own-client", ATTACKER));
    }

    @Test
    void succeedingAsAnotherClientDoesNotLiftTheBrakeOnTheGuessedOne() {
        for (int i = 0; i < CredentialThrottle.FREE_CLIENT_FAILURES + 1; i++) {
            throttle.recordClientFailure("orders-batch", ATTACKER);
        }
        throttle.recordClientSuccess("own-client", ATTACKER);
        assertEquals(Optional.of(Duration.ofSeconds(2)), clientBlock("orders-batch", ATTACKER));
    }

    @Test
    void theRealClientsOwnSuccessClearsItsEarlierFailuresSoAnAttackOnItDoesNotStopIt() {
        throttle.recordClientFailure("orders-batch", CLIENT_HOST);
        throttle.recordClientSuccess("orders-batch", CLIENT_HOST);
        for (int i = 0; i < 15; i++) {
            throttle.recordClientFailure("orders-batch", ATTACKER);
        }
        assertEquals(Optional.empty(), clientBlock("orders-batch", CLIENT_HOST));
    }

    @Test
    void twentyFreeFailedLookupsPerAddressThenGrowingBlocks() {
        for (int i = 1; i <= CredentialThrottle.FREE_LOOKUP_FAILURES; i++) {
            throttle.recordLookupFailure(ATTACKER);
            assertEquals(Optional.empty(), lookupBlock(ATTACKER), "after failure " + i);
        }
        throttle.recordLookupFailure(ATTACKER);
        assertEquals(Optional.of(Duration.ofSeconds(2)), lookupBlock(ATTACKER));
        assertEquals(Optional.empty(), lookupBlock(CLIENT_HOST));
        assertEquals(Optional.empty(), clientBlock("orders-batch", ATTACKER), "look-ups and secrets count apart");
    }

    @Test
    void anIpv6ClientCountsPerSlash64() {
        for (int i = 0; i <= CredentialThrottle.FREE_LOOKUP_FAILURES; i++) {
            throttle.recordLookupFailure("2001:db8:1:2::" + Integer.toHexString(i + 1));
        }
        assertTrue(lookupBlock("2001:db8:1:2:ffff::1").isPresent());
        assertEquals(Optional.empty(), lookupBlock("2001:db8:1:3::1"));
    }
}
