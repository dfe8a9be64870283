package io.latchkey.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.latchkey.store.ConfigurationChanges;
import io.latchkey.store.Database;
import io.latchkey.store.ScopeRepository;
import io.latchkey.testing.MutableClock;
import io.latchkey.testing.TestDatabase;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Scope definitions by name over H2; the standard scopes are added but never overwritten. */
class ScopeRegistryTest {
    private Database database;
    private final MutableClock clock = new MutableClock();
    private final ScopeRepository repository = new ScopeRepository();
    private ConfigurationChanges changes;
    private ScopeRegistry registry;

    @BeforeEach
    void openDatabase() {
        database = TestDatabase.open();
        changes = ConfigurationChanges.stored(database.transactions(), clock);
        registry = new ScopeRegistry(repository, changes, clock);
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    private ScopeCatalog catalog() {
        return ScopeCatalog.stored(database.transactions(), repository, changes, clock);
    }

    @Test
    void theStandardScopesAreAddedWhenMissing() {
        database.transactions().run(registry::ensureStandardScopes);
        assertEquals(ScopeCatalog.BUILT_IN.size(), catalog().all().size());
        assertEquals("Sign you in", catalog().find("openid").orElseThrow().description());
    }

    @Test
    void anOperatorsDescriptionOfAStandardScopeIsKept() {
        database.transactions().run(em -> registry.upsert(em,
                new ScopeCatalog.Scope("profile", "Your public profile", Optional.empty())));
        database.transactions().run(registry::ensureStandardScopes);
        assertEquals("Your public profile", catalog().find("profile").orElseThrow().description());
    }

    @Test
    void upsertChangesDescriptionAndAudience() {
        database.transactions().run(em -> registry.upsert(em, new ScopeCatalog.Scope("orders:read", "Read orders",
                Optional.of("https://api.example.com/orders"))));
        database.transactions().run(em -> registry.upsert(em, new ScopeCatalog.Scope("orders:read", "See orders",
                Optional.empty())));
        ScopeCatalog.Scope scope = catalog().find("orders:read").orElseThrow();
        assertEquals("See orders", scope.description());
        assertEquals(Optional.empty(), scope.audience());
    }

    @Test
    void aChangedScopeReachesACatalogOfAnotherNodeAfterOneCheckInterval() {
        database.transactions().run(em -> registry.upsert(em, new ScopeCatalog.Scope("orders:read", "Read orders",
                Optional.empty())));
        ScopeCatalog here = catalog();
        ScopeCatalog there = ScopeCatalog.stored(database.transactions(), repository,
                ConfigurationChanges.stored(database.transactions(), clock), clock);
        assertEquals("Read orders", here.find("orders:read").orElseThrow().description());
        assertEquals("Read orders", there.find("orders:read").orElseThrow().description());

        database.transactions().run(em -> registry.upsert(em, new ScopeCatalog.Scope("orders:read", "See orders",
                Optional.empty())));

        assertEquals("See orders", here.find("orders:read").orElseThrow().description(), "at once on this node");
        assertEquals("Read orders", there.find("orders:read").orElseThrow().description());
        clock.advance(ConfigurationChanges.CHECK_INTERVAL);
        assertEquals("See orders", there.find("orders:read").orElseThrow().description());
    }
}
