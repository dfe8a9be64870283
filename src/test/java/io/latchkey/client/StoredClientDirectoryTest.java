package io.latchkey.client;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.store.ApplicationRepository;
import io.latchkey.store.Database;
import io.latchkey.store.IssuedCredentialRepository;
import io.latchkey.testing.MutableClock;
import io.latchkey.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** DESIGN §7: a change made on any node (here: through another registry) is seen within about a second. */
class StoredClientDirectoryTest {
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

    private void apply(boolean enabled) {
        ApplicationRegistry elsewhere = new ApplicationRegistry(new ApplicationRepository(),
                new IssuedCredentialRepository(), clock);
        database.transactions().run(em -> elsewhere.upsert(em, new ApplicationDefinition("batch", "Batch",
                ClientType.M2M, List.of(), List.of(), Set.of(), Set.of(), Optional.empty(), enabled,
                AccessTokenPolicy.NONE, false, false, false, 90, false, Set.of(ResponseType.CODE), false)));
    }

    @Test
    void aDisableMadeElsewhereIsSeenWithinASecond() {
        apply(true);
        StoredClientDirectory directory = new StoredClientDirectory(database.transactions(), new ApplicationRepository(),
                clock);
        assertTrue(directory.find("batch").orElseThrow().enabled());

        apply(false);
        clock.advance(Duration.ofSeconds(1));

        assertFalse(directory.find("batch").orElseThrow().enabled());
    }
}
