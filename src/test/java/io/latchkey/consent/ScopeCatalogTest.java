package io.latchkey.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.latchkey.consent.ScopeCatalog.Scope;
import io.latchkey.store.ConfigurationChanges;
import io.latchkey.testing.MutableClock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Scope descriptions and the API (audience) each belongs to. */
class ScopeCatalogTest {
    private static final String ISSUER = "https://login.example.com";
    private final MutableClock clock = new MutableClock();
    private final Map<String, Scope> stored = new HashMap<>(Map.of(
            "orders:read", new Scope("orders:read", "Read orders", Optional.of("https://api.example.com/orders")),
            "orders:write", new Scope("orders:write", "Change orders", Optional.of("https://api.example.com/orders")),
            "reports:read", new Scope("reports:read", "Read reports", Optional.of("https://api.example.com/reports")),
            "openid", new Scope("openid", "Sign you in", Optional.empty())));
    private final AtomicInteger loads = new AtomicInteger();
    private final AtomicLong scopesChanged = new AtomicLong();
    private final ScopeCatalog catalog = new ScopeCatalog(() -> {
        loads.incrementAndGet();
        return Map.copyOf(stored);
    }, new ConfigurationChanges(kind -> kind == ConfigurationChanges.Kind.SCOPES ? scopesChanged.get() : 0, clock),
            clock);

    @Test
    void scopesOfOneApiHaveThatApiAsTheirOnlyAudience() {
        assertEquals(List.of("https://api.example.com/orders"),
                catalog.audiences(Set.of("orders:read", "orders:write"), ISSUER));
    }

    @Test
    void scopesOfSeveralApisHaveTheDistinctApisSorted() {
        assertEquals(List.of("https://api.example.com/orders", "https://api.example.com/reports"),
                catalog.audiences(Set.of("reports:read", "orders:read", "orders:write"), ISSUER));
    }

    @Test
    void scopesWithoutAnApiAndUnknownScopesBelongToTheDefaultAudience() {
        assertEquals(List.of(ISSUER), catalog.audiences(Set.of("openid", "unknown"), ISSUER));
        assertEquals(List.of("https://api.example.com/orders", ISSUER),
                catalog.audiences(Set.of("openid", "orders:read"), ISSUER));
    }

    @Test
    void theAdminScopesAlwaysBelongToTheAdminApiWhateverTheirRowSays() {
        stored.put("latchkey:admin", new Scope("latchkey:admin", "Administer", Optional.of("https://api.example.com/orders")));
        scopesChanged.incrementAndGet();
        assertEquals(List.of(ISSUER + "/api/admin"), catalog.audiences(Set.of("latchkey:admin"), ISSUER));
        assertEquals(List.of(ISSUER + "/api/admin"), catalog.audiences(Set.of("latchkey:admin.read"), ISSUER),
                "also when the catalog has no row for it");
        assertEquals(List.of("https://api.example.com/orders", ISSUER + "/api/admin"),
                catalog.audiences(Set.of("latchkey:admin", "orders:read"), ISSUER));
    }

    @Test
    void noScopesMeanTheDefaultAudience() {
        assertEquals(List.of(ISSUER), catalog.audiences(Set.of(), ISSUER));
    }

    @Test
    void findGivesTheDescription() {
        assertEquals("Read reports", catalog.find("reports:read").orElseThrow().description());
        assertEquals(Optional.empty(), catalog.find("nope"));
    }

    @Test
    void theCatalogIsCachedUntilTheScopesChange() {
        catalog.all();
        clock.advance(Duration.ofSeconds(30));
        assertEquals(Optional.empty(), catalog.find("new"));

        stored.put("new", new Scope("new", "New", Optional.empty()));
        scopesChanged.incrementAndGet();
        clock.advance(ConfigurationChanges.CHECK_INTERVAL);

        assertEquals("New", catalog.find("new").orElseThrow().description());
        assertEquals(2, loads.get());
    }

    @Test
    void theStandardScopesAreTheOpenIdConnectOnes() {
        assertEquals(List.of("openid", "profile", "email", "address", "phone", "offline_access"),
                ScopeCatalog.STANDARD.stream().map(Scope::name).toList());
    }
}
