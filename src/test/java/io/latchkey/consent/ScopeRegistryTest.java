package io.latchkey.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
    private final ScopeRegistry registry = new ScopeRegistry(repository, clock);

    @BeforeEach
    void openDatabase() {
        database = TestDatabase.open();
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    private ScopeCatalog catalog() {
        return ScopeCatalog.stored(database.transactions(), repository, clock);
    }

    @Test
    void theStandardScopesAreAddedWhenMissing() {
        database.transactions().run(registry::ensureStandardScopes);
        assertEquals(ScopeCatalog.STANDARD.size(), catalog().all().size());
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
}
