package io.latchkey.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.error.ErrorCode;
import io.latchkey.error.OAuthException;
import io.latchkey.security.Secret;
import io.latchkey.store.ApplicationRepository;
import io.latchkey.store.ConfigurationCache;
import io.latchkey.store.ConfigurationChanges;
import io.latchkey.store.Database;
import io.latchkey.store.IssuedCredentialRepository;
import io.latchkey.testing.MutableClock;
import io.latchkey.testing.TestClients;
import io.latchkey.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DESIGN §7 with two nodes over one database: a change made through the registry of one node is seen at once on
 * that node and within the check interval of the change counter on the other, and serving from the cache costs
 * at most one counter read per check interval.
 */
class StoredClientDirectoryTest {
    private static final String ADDRESS = "192.0.2.1";
    private Database database;
    private final MutableClock clock = new MutableClock();
    private final AtomicInteger counterReads = new AtomicInteger();
    private Node a;
    private Node b;

    /** One node's view of the database: its own change counters, registry, directory and authenticator. */
    private record Node(ApplicationRegistry registry, StoredClientDirectory clients,
                        ClientAuthenticator authenticator) {
    }

    private Node node(Clock nodeClock) {
        ConfigurationChanges changes = new ConfigurationChanges(kind -> {
            counterReads.incrementAndGet();
            return database.transactions().inTransaction(em -> ConfigurationChanges.version(em, kind));
        }, nodeClock);
        StoredClientDirectory clients = new StoredClientDirectory(database.transactions(), new ApplicationRepository(),
                changes, nodeClock);
        return new Node(new ApplicationRegistry(new ApplicationRepository(), new IssuedCredentialRepository(), changes,
                nodeClock), clients, new ClientAuthenticator(clients, nodeClock));
    }

    @BeforeEach
    void openDatabase() {
        database = TestDatabase.open();
        a = node(clock);
        b = node(clock);
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    private void apply(Node node, boolean enabled) {
        database.transactions().run(em -> node.registry().upsert(em, new ApplicationDefinition("batch", "Batch",
                ClientType.M2M, List.of(), List.of(), Set.of(), Set.of(), Optional.of(Secret.of(TestClients.SECRET)),
                enabled, AccessTokenPolicy.NONE, false, false, false, 90, false, Set.of(ResponseType.CODE), false, PkcePolicy.REQUIRED, false)));
    }

    private static AuthenticatedClient authenticate(Node node) {
        return node.authenticator().authenticate(new ClientCredentials(ClientAuthMethod.CLIENT_SECRET_POST, "batch",
                Optional.of(Secret.of(TestClients.SECRET))), ADDRESS);
    }

    private static void assertRefused(Node node) {
        OAuthException refused = assertThrows(OAuthException.class, () -> authenticate(node));
        assertEquals(ErrorCode.INVALID_CLIENT, refused.error().code());
    }

    @Test
    void aDisableIsRefusedAtOnceOnItsNodeAndAfterOneCheckIntervalOnTheOther() {
        apply(a, true);
        authenticate(a);
        authenticate(b);

        apply(a, false);

        assertRefused(a);
        clock.advance(ConfigurationChanges.CHECK_INTERVAL.minusMillis(1));
        authenticate(b);
        clock.advance(Duration.ofMillis(1));
        assertRefused(b);
        assertFalse(b.clients().find("batch").orElseThrow().enabled());
    }

    @Test
    void anApplicationCreatedOnOneNodeIsFoundOnTheOtherAfterOneCheckInterval() {
        assertEquals(Optional.empty(), b.clients().find("batch"), "unknown client_ids are cached too");

        apply(a, true);

        assertTrue(a.clients().find("batch").isPresent());
        assertEquals(Optional.empty(), b.clients().find("batch"));
        clock.advance(ConfigurationChanges.CHECK_INTERVAL);
        assertTrue(b.clients().find("batch").orElseThrow().enabled());
    }

    @Test
    void withTheRealClockADisableReachesTheOtherNodeWithinAboutASecond() throws InterruptedException {
        Node here = node(Clock.systemUTC());
        Node there = node(Clock.systemUTC());
        apply(here, true);
        authenticate(there);

        long start = System.nanoTime();
        apply(here, false);
        assertRefused(here);
        long deadline = start + Duration.ofSeconds(10).toNanos();
        while (there.clients().find("batch").orElseThrow().enabled()) {
            assertTrue(System.nanoTime() < deadline, "the other node still accepts the application after 10 s");
            Thread.sleep(20);
        }
        assertRefused(there);
    }

    @Test
    void theHotPathReadsTheCounterOncePerCheckIntervalHoweverManyRequests() {
        apply(a, true);
        int before = counterReads.get();

        for (int i = 0; i < 1000; i++) {
            authenticate(b);
        }
        assertEquals(before + 1, counterReads.get());

        clock.advance(ConfigurationChanges.CHECK_INTERVAL);
        for (int i = 0; i < 1000; i++) {
            authenticate(b);
        }
        assertEquals(before + 2, counterReads.get());
    }

    @Test
    void aChangeMadeAroundTheCommandsIsSeenAfterTheCachesMaximumAge() {
        apply(a, true);
        authenticate(b);

        database.transactions().run(em -> em.createNativeQuery(
                "update application set enabled = false where client_id = 'batch'").executeUpdate());

        clock.advance(ConfigurationCache.MAXIMUM_AGE.minusMillis(1));
        authenticate(b);
        clock.advance(Duration.ofMillis(1));
        assertRefused(b);
    }
}
