package io.latchkey.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.latchkey.account.LoginThrottle;
import io.latchkey.store.AccountRepository;
import io.latchkey.store.Database;
import io.latchkey.store.ExpiredRows;
import io.latchkey.store.HibernateThrottleStorage;
import io.latchkey.store.LoginThrottleRepository;
import io.latchkey.testing.MutableClock;
import io.latchkey.testing.TestDatabase;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The counters of failed sign-ins (per username and per address) are deleted by the purge job once forgotten, and
 * not before: what sign-in itself no longer does in one request of 256.
 */
class SignInCountersPurgeTest {
    private Database database;
    private final MutableClock clock = new MutableClock();
    private LoginThrottle throttle;

    @BeforeEach
    void open() {
        database = TestDatabase.open();
        throttle = new LoginThrottle(new HibernateThrottleStorage(database.transactions(), new LoginThrottleRepository(),
                new AccountRepository()), clock);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private long counters() {
        return TestDatabase.count(database, "SELECT COUNT(*) FROM login_throttle");
    }

    @Test
    void theJobDeletesForgottenSignInCountersAndKeepsTheOthers() {
        for (int i = 0; i < 8; i++) {
            throttle.recordFailure("alice", "192.0.2.7");
        }
        clock.advance(Duration.ofHours(2));
        throttle.recordFailure("bob", "198.51.100.9");
        assertEquals(4, counters(), "a username and an address counter for each");
        ExpiredRowsPurge purge = new ExpiredRowsPurge(database.transactions(), new ExpiredRows());

        // Forgotten a day after their last failure; the job keeps its clock margin beyond that.
        purge.purge(clock.instant().minus(Duration.ofHours(2)).plus(LoginThrottle.FORGET_AFTER));
        assertEquals(4, counters());
        purge.purge(clock.instant().minus(Duration.ofHours(2)).plus(LoginThrottle.FORGET_AFTER)
                .plus(ExpiredRowsPurge.CLOCK_MARGIN).plusSeconds(1));
        assertEquals(2, counters(), "alice's and her address's counters are gone, bob's are not");
        assertEquals(Optional.empty(), throttle.blockedFor("alice", "192.0.2.7"));
        clock.advance(LoginThrottle.FORGET_AFTER.plus(ExpiredRowsPurge.CLOCK_MARGIN).plusSeconds(1));
        purge.purge(clock.instant());
        assertEquals(0, counters());
    }
}
