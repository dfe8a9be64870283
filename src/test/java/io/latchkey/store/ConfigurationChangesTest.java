package io.latchkey.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.latchkey.testing.ForwardingProxy;
import io.latchkey.testing.MutableClock;
import io.latchkey.testing.TestDatabase;
import jakarta.persistence.EntityManagerFactory;
import java.lang.reflect.Field;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The stored change counters: a node sees another node's committed change at its next check, and reads the
 * counter with one plain query, never a Hibernate unit of work (the read runs on a request thread every
 * {@link ConfigurationChanges#CHECK_INTERVAL}).
 */
class ConfigurationChangesTest {
    private Database database;
    private final MutableClock clock = new MutableClock();

    @BeforeEach
    void openDatabase() {
        database = TestDatabase.open();
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Test
    void aStoredCounterIsReadWithoutAUnitOfWorkAndSeesAnotherNodesCommittedChange() throws Exception {
        AtomicInteger units = new AtomicInteger();
        ConfigurationChanges here = ConfigurationChanges.stored(new Transactions(counting(
                factoryOf(database.transactions()), units)), clock);
        ConfigurationChanges elsewhere = ConfigurationChanges.stored(database.transactions(), clock);
        AtomicInteger drops = new AtomicInteger();
        here.onChange(ConfigurationChanges.Kind.SCOPES, drops::incrementAndGet);

        here.catchUp(ConfigurationChanges.Kind.SCOPES);
        assertEquals(1, drops.get(), "the first read learns the counter");
        here.catchUp(ConfigurationChanges.Kind.SCOPES);
        assertEquals(1, drops.get(), "no read before the interval, nothing moved");

        database.transactions().run(em -> elsewhere.record(em, ConfigurationChanges.Kind.SCOPES));
        clock.advance(ConfigurationChanges.CHECK_INTERVAL.plusMillis(1));
        here.catchUp(ConfigurationChanges.Kind.SCOPES);
        assertEquals(2, drops.get(), "the other node's change is seen at the next check");

        clock.advance(ConfigurationChanges.CHECK_INTERVAL.plusMillis(1));
        here.catchUp(ConfigurationChanges.Kind.SCOPES);
        assertEquals(2, drops.get(), "an unmoved counter drops nothing");
        assertEquals(0, units.get(), "the counter reads opened no EntityManager");
    }

    private static EntityManagerFactory factoryOf(Transactions transactions) throws ReflectiveOperationException {
        Field field = Transactions.class.getDeclaredField("factory");
        field.setAccessible(true);
        return (EntityManagerFactory) field.get(transactions);
    }

    /** {@code factory}, counting the EntityManagers it creates. */
    private static EntityManagerFactory counting(EntityManagerFactory factory, AtomicInteger created) {
        return ForwardingProxy.of(EntityManagerFactory.class, factory, (method, arguments, target) -> {
            if (method.getName().equals("createEntityManager")) {
                created.incrementAndGet();
            }
            return target.proceed();
        });
    }
}
