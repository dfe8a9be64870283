package io.latchkey.posture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.account.Account;
import io.latchkey.account.AccountDefinition;
import io.latchkey.account.SignInEvents;
import io.latchkey.account.SignInResult;
import io.latchkey.audit.Actor;
import io.latchkey.audit.StoredAuditTrail;
import io.latchkey.client.AccessTokenPolicy;
import io.latchkey.client.ApplicationCatalog;
import io.latchkey.client.ApplicationCommands;
import io.latchkey.client.ApplicationDefinition;
import io.latchkey.client.ApplicationRegistry;
import io.latchkey.client.Client;
import io.latchkey.client.ClientType;
import io.latchkey.client.PkcePolicy;
import io.latchkey.client.ResponseType;
import io.latchkey.consent.ScopeCatalog;
import io.latchkey.consent.ScopeRegistry;
import io.latchkey.security.Secret;
import io.latchkey.store.ApplicationRepository;
import io.latchkey.store.ApplicationUseRepository;
import io.latchkey.store.AuditEventRepository;
import io.latchkey.store.ConfigurationChanges;
import io.latchkey.store.Database;
import io.latchkey.store.IssuedCredentialRepository;
import io.latchkey.store.ReferenceTokenRepository;
import io.latchkey.store.ScopeRepository;
import io.latchkey.testing.SignInWorld;
import io.latchkey.testing.TestClients;
import io.latchkey.testing.TestDatabase;
import io.latchkey.token.ReferenceToken;
import io.latchkey.token.ReferenceTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The posture review's facts over a real database: the hourly usage notes the token path writes (schema 25), and
 * what {@link StoredPostureState} reads back from them, the token tables, the accounts and the audit trail. Run on
 * H2 ({@link StoredPostureStateH2Test}) and PostgreSQL ({@link StoredPostureStatePostgresTest}).
 */
abstract class StoredPostureStateContract {
    private SignInWorld world;
    private ApplicationCommands commands;
    private ApplicationUseNotes notes;
    private StoredPostureState state;
    private Client web;
    private Client service;

    abstract Database database();

    @BeforeEach
    void services() {
        web = TestClients.webApp("web-" + UUID.randomUUID()).build();
        service = TestClients.m2m("svc-" + UUID.randomUUID()).build();
        world = new SignInWorld(database(), web, service);
        ConfigurationChanges changes = ConfigurationChanges.stored(world.transactions, world.clock);
        world.transactions.run(em -> {
            ScopeRegistry scopes = new ScopeRegistry(new ScopeRepository(), changes, world.clock);
            scopes.ensureStandardScopes(em);
            scopes.upsert(em, new ScopeCatalog.Scope("orders:read", "Read your orders",
                    Optional.of("https://api.example.com/orders")));
        });
        ApplicationRepository applications = new ApplicationRepository();
        commands = new ApplicationCommands(world.transactions,
                new ApplicationRegistry(applications, new IssuedCredentialRepository(), changes, world.clock),
                applications, new ScopeRepository(), new IssuedCredentialRepository(), changes, false,
                event -> { }, world.clock);
        create(web.clientId(), ClientType.WEB, List.of(TestClients.WEB_REDIRECT), Set.of("openid", "orders:read"));
        create(service.clientId(), ClientType.M2M, List.of(), Set.of("orders:read"));
        ApplicationUseRepository uses = new ApplicationUseRepository();
        notes = new ApplicationUseNotes(world.transactions, uses);
        state = new StoredPostureState(world.transactions, new ApplicationCatalog(world.transactions, applications),
                uses, false, false, Duration.ofDays(90), Duration.ofDays(90), world.clock);
    }

    private void create(String clientId, ClientType type, List<String> redirects, Set<String> scopes) {
        ApplicationCommands.Outcome created = commands.create(Actor.SYSTEM, new ApplicationDefinition(clientId,
                clientId, type, redirects, List.of(), scopes, Set.of(), Optional.of(Secret.of(TestClients.SECRET)),
                true, AccessTokenPolicy.AUTHENTICATED_USERS, false, false, false, 90, false,
                Set.of(ResponseType.CODE), false, PkcePolicy.REQUIRED, false));
        assertInstanceOf(ApplicationCommands.Done.class, created, created::toString);
    }

    private PostureState.ApplicationUse use(String clientId) {
        return state.get().applications().stream().filter(u -> u.clientId().equals(clientId)).findFirst()
                .orElseThrow();
    }

    @Test
    void notesEachApplicationAndScopeAtMostOnceAnHourAndTheStateReadsThem() {
        Instant first = world.clock.instant();
        notes.issued(web.clientId(), Set.of("openid"), first);
        assertEquals(Optional.of(first), use(web.clientId()).lastTokenIssuedAt());
        assertEquals(Map.of("openid", first), use(web.clientId()).scopesLastGranted());

        Instant halfAnHour = first.plus(Duration.ofMinutes(30));
        notes.issued(web.clientId(), Set.of("openid", "orders:read"), halfAnHour);
        PostureState.ApplicationUse within = use(web.clientId());
        assertEquals(Optional.of(first), within.lastTokenIssuedAt(), "not noted again within the hour");
        assertEquals(Map.of("openid", first, "orders:read", halfAnHour), within.scopesLastGranted(),
                "a scope not noted yet is");

        Instant later = first.plus(Duration.ofMinutes(61));
        notes.issued(web.clientId(), Set.of("openid"), later);
        assertEquals(Optional.of(later), use(web.clientId()).lastTokenIssuedAt());
        assertEquals(later, use(web.clientId()).scopesLastGranted().get("openid"));
        assertEquals(Optional.empty(), use(service.clientId()).lastTokenIssuedAt(), "another application untouched");
        assertEquals(use(service.clientId()).application().createdAt(), use(service.clientId()).observedSince(),
                "an application made after schema 25 is watched from its creation");
    }

    @Test
    void aFailedNoteIsTriedAgainAfterAMinuteNotAtEveryIssuance() {
        Instant failed = world.clock.instant();
        notes.issued("late-app", Set.of("orders:read"), failed); // no such application yet: the write fails
        create("late-app", ClientType.M2M, List.of(), Set.of("orders:read"));

        notes.issued("late-app", Set.of("orders:read"), failed.plusSeconds(30));
        assertEquals(Optional.empty(), use("late-app").lastTokenIssuedAt(), "no second write within the minute");
        assertEquals(Map.of(), use("late-app").scopesLastGranted());

        Instant retried = failed.plus(ApplicationUseNotes.RETRY_AFTER).plusSeconds(1);
        notes.issued("late-app", Set.of("orders:read"), retried);
        assertEquals(Optional.of(retried), use("late-app").lastTokenIssuedAt(), "tried again after the minute");
        assertEquals(Map.of("orders:read", retried), use("late-app").scopesLastGranted());
    }

    @Test
    void anEarlierNoteFromAnotherNodeNeverOverwritesALaterOne() {
        Instant later = world.clock.instant();
        notes.issued(service.clientId(), Set.of("orders:read"), later);
        new ApplicationUseNotes(world.transactions, new ApplicationUseRepository())
                .issued(service.clientId(), Set.of("orders:read"), later.minus(Duration.ofHours(2)));
        assertEquals(Optional.of(later), use(service.clientId()).lastTokenIssuedAt());
        assertEquals(later, use(service.clientId()).scopesLastGranted().get("orders:read"));
    }

    @Test
    void readsLiveTokensPersonalTokensAndAdministratorsSignIns() {
        Account person = world.person();
        Account admin = world.transactions.inTransaction(em -> world.accounts.upsert(em, new AccountDefinition(
                "admin-" + UUID.randomUUID(), Optional.empty(), "Admin", Optional.empty(), false, true, true),
                world.clock.instant()));
        ReferenceTokens references = new ReferenceTokens(world.transactions, new ReferenceTokenRepository(), world.clock);
        references.store(admin, web, ReferenceToken.Kind.PAT, "admin's", Set.of("orders:read"), Duration.ofDays(5));
        PostureState.ApplicationUse adminOnly = use(web.clientId());
        assertEquals(Optional.of(world.clock.instant()), adminOnly.lastReferenceTokenIssuedAt());
        assertEquals(Optional.empty(), adminOnly.lastPersonalTokenByNonAdministrator());
        assertEquals(1, adminOnly.liveReferenceTokens());

        world.clock.advance(Duration.ofMinutes(5));
        references.store(person, web, ReferenceToken.Kind.PAT, "mine", Set.of("orders:read"), Duration.ofDays(5));
        world.refreshTokens.start(UUID.randomUUID().toString(), web.clientId(), person.id(), Set.of("openid"),
                world.clock.instant(), "sid-" + UUID.randomUUID());
        PostureState.ApplicationUse used = use(web.clientId());
        assertEquals(Optional.of(world.clock.instant()), used.lastPersonalTokenByNonAdministrator());
        assertEquals(2, used.liveReferenceTokens());
        assertEquals(1, used.liveRefreshTokens());
        world.clock.advance(Duration.ofDays(6));
        assertEquals(0, use(web.clientId()).liveReferenceTokens(), "expired tokens are not live");
        assertEquals(0, use(web.clientId()).liveRefreshTokens(), "nor is an idle-expired refresh token");

        new StoredAuditTrail(world.transactions, new AuditEventRepository(), Duration.ofDays(180), world.clock)
                .record(SignInEvents.of(new SignInResult.Success(admin), "the sign-in form", "req", "192.0.2.1"));
        PostureState.Administrator read = state.get().administrators().stream()
                .filter(a -> a.username().equals(admin.username())).findFirst().orElseThrow();
        assertEquals(Optional.of(world.clock.instant()), read.lastSignIn());
        assertTrue(state.get().administrators().stream().noneMatch(a -> a.username().equals(person.username())));
    }

    @Test
    void deletingAnApplicationTakesItsNotesWithIt() {
        notes.issued(service.clientId(), Set.of("orders:read"), world.clock.instant());
        long version = new ApplicationCatalog(world.transactions, new ApplicationRepository()).find(service.clientId())
                .orElseThrow().version();
        assertInstanceOf(ApplicationCommands.Done.class, commands.delete(Actor.SYSTEM, service.clientId(), version));
        assertEquals(0, TestDatabase.count(database(), "SELECT COUNT(*) FROM application_use WHERE client_id = ?",
                service.clientId()));
        assertEquals(0, TestDatabase.count(database(), "SELECT COUNT(*) FROM application_scope_use WHERE client_id = ?",
                service.clientId()));
    }
}
