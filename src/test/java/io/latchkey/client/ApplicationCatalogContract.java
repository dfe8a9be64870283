package io.latchkey.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.audit.Actor;
import io.latchkey.audit.AuditTrail;
import io.latchkey.consent.ScopeCatalog;
import io.latchkey.consent.ScopeRegistry;
import io.latchkey.store.ApplicationRepository;
import io.latchkey.store.ConfigurationChanges;
import io.latchkey.store.Database;
import io.latchkey.store.IssuedCredentialRepository;
import io.latchkey.store.Page;
import io.latchkey.store.PageRequest;
import io.latchkey.store.ScopeRepository;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reading applications for operators: one, and filtered pages in client_id order, on every database. */
abstract class ApplicationCatalogContract {
    private static final Actor OPERATOR = Actor.account("sub-operator", "req-1", "192.0.2.7");
    private ApplicationCommands commands;
    private ApplicationCatalog catalog;
    private String prefix;

    abstract Database database();

    @BeforeEach
    void catalog() {
        Database database = database();
        Clock clock = Clock.systemUTC();
        ConfigurationChanges changes = ConfigurationChanges.stored(database.transactions(), clock);
        database.transactions().run(em -> {
            ScopeRegistry scopes = new ScopeRegistry(new ScopeRepository(), changes, clock);
            scopes.ensureStandardScopes(em);
            scopes.upsert(em, new ScopeCatalog.Scope("orders:read", "Read your orders", Optional.empty()));
        });
        ApplicationRepository repository = new ApplicationRepository();
        commands = new ApplicationCommands(database.transactions(),
                new ApplicationRegistry(repository, new IssuedCredentialRepository(), changes, clock), repository,
                new ScopeRepository(), new IssuedCredentialRepository(), changes, false, AuditTrail.logOnly(), clock);
        catalog = new ApplicationCatalog(database.transactions(), repository);
        prefix = "cat-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private void m2m(String clientId, String name, boolean enabled) {
        assertInstanceOf(ApplicationCommands.Done.class, commands.create(OPERATOR, new ApplicationDefinition(clientId,
                name, ClientType.M2M, List.of(), List.of(), Set.of("orders:read"), Set.of(), Optional.empty(),
                enabled, AccessTokenPolicy.NONE, false, false, false, 90, false, Set.of(ResponseType.CODE), false, PkcePolicy.REQUIRED, false)));
    }

    private List<String> all(ApplicationCatalog.Filter filter, int limit) {
        List<String> ids = new ArrayList<>();
        Optional<String> after = Optional.empty();
        do {
            Page<ApplicationView> page = catalog.list(filter, new PageRequest(after, limit));
            page.items().forEach(view -> ids.add(view.definition().clientId()));
            after = page.nextAfterKey();
        } while (after.isPresent());
        return ids;
    }

    private static ApplicationCatalog.Filter containing(String text) {
        return new ApplicationCatalog.Filter(Optional.empty(), Optional.empty(), Optional.of(text));
    }

    @Test
    void pagesThroughEveryMatchInClientIdOrder() {
        m2m(prefix + "-c", "Charlie", true);
        m2m(prefix + "-a", "Alpha", true);
        m2m(prefix + "-b", "Bravo", false);
        assertEquals(List.of(prefix + "-a", prefix + "-b", prefix + "-c"), all(containing(prefix), 1));
        assertEquals(List.of(prefix + "-a", prefix + "-b", prefix + "-c"), all(containing(prefix.toUpperCase()), 2),
                "the substring ignores case");
        Page<ApplicationView> first = catalog.list(containing(prefix), new PageRequest(Optional.empty(), 3));
        assertEquals(Optional.empty(), first.nextAfterKey(), "a full last page says no more follow");
        assertEquals(List.of(prefix + "-b"), all(new ApplicationCatalog.Filter(Optional.of(ClientType.M2M),
                Optional.of(false), Optional.of(prefix)), 10));
        assertEquals(List.of(), all(new ApplicationCatalog.Filter(Optional.of(ClientType.WEB), Optional.empty(),
                Optional.of(prefix)), 10));
    }

    @Test
    void matchesTheNameAndTakesWildcardsLiterally() {
        m2m(prefix + "-pct", "100% " + prefix, true);
        m2m(prefix + "-plain", "1000 things", true);
        assertEquals(List.of(prefix + "-pct"), all(containing("100% " + prefix.substring(0, 6)), 10));
        assertEquals(List.of(), all(containing(prefix + "_plain"), 10), "_ is no wildcard");
        assertTrue(all(containing(prefix + "-p"), 10).containsAll(List.of(prefix + "-pct", prefix + "-plain")));
    }

    @Test
    void findsOneWithItsSecretsButNeverTheirValues() {
        m2m(prefix + "-one", "One", true);
        ApplicationView view = catalog.find(prefix + "-one").orElseThrow();
        assertEquals(0, view.version());
        assertEquals(Optional.empty(), view.definition().secret());
        assertEquals(1, view.secrets().size());
        assertTrue(view.secrets().get(0).current());
        assertEquals(Optional.empty(), catalog.find(prefix + "-none"));
    }
}
