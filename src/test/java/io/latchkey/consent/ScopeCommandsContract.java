package io.latchkey.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.audit.Actor;
import io.latchkey.audit.AuditEvent;
import io.latchkey.audit.AuditTrail;
import io.latchkey.client.AccessTokenPolicy;
import io.latchkey.client.PkcePolicy;
import io.latchkey.client.ApplicationDefinition;
import io.latchkey.client.ApplicationRegistry;
import io.latchkey.client.ClientType;
import io.latchkey.client.ResponseType;
import io.latchkey.consent.ScopeCatalog.Scope;
import io.latchkey.consent.ScopeCommands.AlreadyExists;
import io.latchkey.consent.ScopeCommands.Api;
import io.latchkey.consent.ScopeCommands.Done;
import io.latchkey.consent.ScopeCommands.Invalid;
import io.latchkey.consent.ScopeCommands.NotFound;
import io.latchkey.consent.ScopeCommands.Outcome;
import io.latchkey.consent.ScopeCommands.VersionConflict;
import io.latchkey.error.Violation;
import io.latchkey.store.AccountRepository;
import io.latchkey.store.ApplicationRepository;
import io.latchkey.store.ConfigurationChanges;
import io.latchkey.store.ConsentEntity;
import io.latchkey.store.ConsentRepository;
import io.latchkey.store.Database;
import io.latchkey.store.IssuedCredentialRepository;
import io.latchkey.store.ScopeRepository;
import io.latchkey.testing.AtOnce;
import io.latchkey.testing.InterruptedAuditTrail;
import io.latchkey.testing.MutableClock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The scope commands over a real database, read back as the server reads scopes (the stored catalog). Run on H2
 * ({@link ScopeCommandsH2Test}) and PostgreSQL ({@link ScopeCommandsPostgresTest}), where the version must hold
 * across connections as it would across nodes.
 */
abstract class ScopeCommandsContract {
    private static final Actor OPERATOR = Actor.account("sub-operator", "req-1", "192.0.2.7");
    private final List<AuditEvent> audited = new CopyOnWriteArrayList<>();
    private final MutableClock clock = new MutableClock();
    private ScopeCommands commands;
    private ScopeCatalog catalog;
    private ApplicationRegistry applications;
    private String name;
    private String audience;

    abstract Database database();

    @BeforeEach
    void commands() {
        ConfigurationChanges changes = ConfigurationChanges.stored(database().transactions(), clock);
        database().transactions().run(em -> new ScopeRegistry(new ScopeRepository(), changes, clock)
                .ensureStandardScopes(em));
        commands = new ScopeCommands(database().transactions(), new ScopeRepository(), changes, audited::add, clock);
        catalog = ScopeCatalog.stored(database().transactions(), new ScopeRepository(), changes, clock);
        applications = new ApplicationRegistry(new ApplicationRepository(), new IssuedCredentialRepository(), changes,
                clock);
        String id = UUID.randomUUID().toString().substring(0, 8);
        name = "orders-" + id + ":read";
        audience = "https://api-" + id + ".example.com/orders";
    }

    private Scope orders(String description) {
        return new Scope(name, description, Optional.of(audience));
    }

    private void create() {
        assertEquals(new Done(name, 0, List.of()), commands.create(OPERATOR, orders("Read your orders")));
    }

    private void batchListing(String clientId, String scope) {
        database().transactions().run(em -> applications.upsert(em, new ApplicationDefinition(clientId, "Batch",
                ClientType.M2M, List.of(), List.of(), Set.of(scope), Set.of(scope), Optional.empty(), true,
                AccessTokenPolicy.NONE, false, false, false, 90, false, Set.of(ResponseType.CODE), false, PkcePolicy.REQUIRED, false)));
    }

    // --- create

    @Test
    void aChangeCommitsWithItsAuditEventSoNoCrashAfterTheCommitLosesTheEvent() {
        InterruptedAuditTrail trail = new InterruptedAuditTrail(database(), InterruptedAuditTrail.At.AFTER_COMMIT);
        ScopeCommands audited = commandsAuditedBy(trail);

        Optional<Outcome> created = InterruptedAuditTrail.survived(() -> audited.create(OPERATOR,
                orders("Read your orders")));

        assertEquals(Optional.of(0L), version());
        assertEquals(1, trail.stored("scope.created", "scope:" + name).size(),
                "the scope was created, so its event was stored with it");
        assertEquals(new Done(name, 0, List.of()), created.orElseThrow());
    }

    @Test
    void aChangeWhoseTransactionFailsAfterItsAuditEventKeepsNeither() {
        create();
        InterruptedAuditTrail trail = new InterruptedAuditTrail(database(), InterruptedAuditTrail.At.BEFORE_COMMIT);
        ScopeCommands audited = commandsAuditedBy(trail);

        assertThrows(InterruptedAuditTrail.Interruption.class, () -> audited.delete(OPERATOR, name, 0));

        assertEquals(Optional.of(0L), version(), "the delete was rolled back");
        assertEquals(List.of(), trail.stored("scope.deleted", "scope:" + name));
    }

    private Optional<Long> version() {
        return database().transactions().inTransaction(em -> new ScopeRepository().version(em, name));
    }

    private ScopeCommands commandsAuditedBy(AuditTrail trail) {
        return new ScopeCommands(database().transactions(), new ScopeRepository(),
                ConfigurationChanges.stored(database().transactions(), clock), trail, clock);
    }

    @Test
    void createStoresTheScopeAndTheCatalogSeesIt() {
        catalog.all();

        create();

        assertEquals(Optional.of(orders("Read your orders")), catalog.find(name), "the cache dropped at once");
        assertEquals(0, commands.find(name).orElseThrow().version());
    }

    @Test
    void createRefusesEveryViolationAndStoresNothing() {
        Invalid invalid = assertInstanceOf(Invalid.class,
                commands.create(OPERATOR, new Scope(name, " ", Optional.of("relative"))));

        assertEquals(List.of("description", "audience"), invalid.violations().stream().map(Violation::field).toList());
        assertEquals(Optional.empty(), commands.find(name));
    }

    @Test
    void createRefusesATakenNameAndChangesNothing() {
        create();

        assertEquals(new AlreadyExists(name), commands.create(OPERATOR, orders("Other")));
        assertEquals("Read your orders", commands.find(name).orElseThrow().scope().description());
        assertEquals(new AlreadyExists("openid"), commands.create(OPERATOR, new Scope("openid", "Mine",
                Optional.empty())));
    }

    @Test
    void theAdminScopesAreLatchkeysOwn() {
        assertEquals(new Invalid(List.of(new Violation("name", "is reserved for Latchkey's admin API"))),
                commands.create(OPERATOR, new Scope("latchkey:admin.write", "Everything", Optional.empty())));
        assertEquals(Optional.empty(), commands.find("latchkey:admin.write"));
    }

    @Test
    void concurrentCreatesOfOneNameExactlyOneWins() {
        List<AtOnce.Outcome<Outcome>> outcomes = AtOnce.run(4, i -> () -> commands.create(OPERATOR,
                orders("Description " + i)));

        assertTrue(outcomes.stream().allMatch(AtOnce.Outcome::succeeded), outcomes::toString);
        List<Outcome> answers = outcomes.stream().map(o -> o.value().orElseThrow()).toList();
        assertEquals(1, answers.stream().filter(Done.class::isInstance).count(), answers::toString);
        assertEquals(3, answers.stream().filter(new AlreadyExists(name)::equals).count(), answers::toString);
    }

    // --- update

    @Test
    void updateAppliesMovesTheVersionAndNamesTheChangedFields() {
        create();

        assertEquals(new Done(name, 1, List.of("description")),
                commands.update(OPERATOR, orders("See your orders"), 0));
        assertEquals(new Done(name, 2, List.of("description", "audience")),
                commands.update(OPERATOR, new Scope(name, "Orders", Optional.empty()), 1));

        assertEquals(Optional.of(new Scope(name, "Orders", Optional.empty())), catalog.find(name));
        AuditEvent last = audited.get(audited.size() - 1);
        assertEquals("scope.updated", last.action());
        assertEquals("scope:" + name, last.target());
        assertEquals(List.of("description", "audience"), last.changedFields());
        assertEquals(OPERATOR, last.actor());
    }

    @Test
    void twoUpdatesFromTheSameReadExactlyOneWins() {
        create();

        assertInstanceOf(Done.class, commands.update(OPERATOR, orders("First"), 0));

        assertEquals(new VersionConflict(name, 0, 1), commands.update(OPERATOR, orders("Second"), 0));
        assertEquals("First", catalog.find(name).orElseThrow().description());
        assertEquals(AuditEvent.Outcome.FAILURE, audited.get(audited.size() - 1).outcome());
    }

    @Test
    void concurrentUpdatesFromTheSameReadExactlyOneWins() {
        create();

        List<AtOnce.Outcome<Outcome>> outcomes = AtOnce.run(4, i -> () -> commands.update(OPERATOR,
                orders("Description " + i), 0));

        assertTrue(outcomes.stream().allMatch(AtOnce.Outcome::succeeded), outcomes::toString);
        List<Outcome> answers = outcomes.stream().map(o -> o.value().orElseThrow()).toList();
        assertEquals(1, answers.stream().filter(Done.class::isInstance).count(), answers::toString);
        assertEquals(3, answers.stream().filter(new VersionConflict(name, 0, 1)::equals).count(), answers::toString);
        assertEquals(1, commands.find(name).orElseThrow().version());
    }

    @Test
    void updateOfAnUnknownScopeIsNotFoundAndCreatesNothing() {
        assertEquals(new NotFound(name), commands.update(OPERATOR, orders("Orders"), 0));
        assertEquals(Optional.empty(), commands.find(name));
    }

    @Test
    void updateRefusesViolationsBeforeLookingAtTheVersion() {
        create();

        assertEquals(new Invalid(List.of(new Violation("description", "must be 1 to 512 characters"))),
                commands.update(OPERATOR, orders(""), 7));
        assertEquals(0, commands.find(name).orElseThrow().version());
    }

    @Test
    void aStandardScopeMayBeRewordedButBelongsToNoApi() {
        long read = commands.find("profile").orElseThrow().version();

        assertEquals(new Invalid(List.of(new Violation("audience",
                        "cannot be set on a standard OpenID Connect scope"))),
                commands.update(OPERATOR, new Scope("profile", "Your profile", Optional.of(audience)), read));
        assertInstanceOf(Done.class, commands.update(OPERATOR, new Scope("profile", "Your profile",
                Optional.empty()), read));

        assertEquals("Your profile", catalog.find("profile").orElseThrow().description());
    }

    // --- delete

    @Test
    void deleteRemovesAnUnlistedScope() {
        create();

        assertEquals(new VersionConflict(name, 3, 0), commands.delete(OPERATOR, name, 3));
        assertTrue(catalog.find(name).isPresent(), "a stale delete changes nothing");
        assertEquals(new Done(name, 1, List.of()), commands.delete(OPERATOR, name, 0));

        assertEquals(Optional.empty(), catalog.find(name));
        assertEquals(new NotFound(name), commands.delete(OPERATOR, name, 1));
        assertInstanceOf(Done.class, commands.create(OPERATOR, orders("Again")), "the name is free again");
    }

    @Test
    void aScopeThatApplicationsListCannotBeDeletedAndTheRefusalNamesThem() {
        create();
        String first = "batch-a-" + UUID.randomUUID();
        String second = "batch-b-" + UUID.randomUUID();
        batchListing(second, name);
        batchListing(first, name);

        assertEquals(new Invalid(List.of(new Violation("name", "is still listed by the applications " + first + ", "
                        + second + "; remove it from them first"))),
                commands.delete(OPERATOR, name, 0));

        assertTrue(catalog.find(name).isPresent());
        assertEquals(0, commands.find(name).orElseThrow().version());
    }

    @Test
    void aDeletedScopeIsWithdrawnFromTheConsentsThatGrantedItSoItsNameIsAskedForAgain() {
        create();
        String clientId = "web-" + UUID.randomUUID();
        long person = database().transactions().inTransaction(em -> {
            AccountRepository accounts = new AccountRepository();
            String username = "p-" + UUID.randomUUID().toString().substring(0, 12);
            accounts.insertIfAbsent(em, UUID.randomUUID().toString(), username, "Person", clock.instant());
            return accounts.findByUsername(em, username).orElseThrow().getId();
        });
        long other = database().transactions().inTransaction(em -> {
            AccountRepository accounts = new AccountRepository();
            String username = "q-" + UUID.randomUUID().toString().substring(0, 12);
            accounts.insertIfAbsent(em, UUID.randomUUID().toString(), username, "Other", clock.instant());
            return accounts.findByUsername(em, username).orElseThrow().getId();
        });
        ConsentRepository consents = new ConsentRepository();
        String longer = name + "x";
        database().transactions().run(em -> {
            consents.addIfAbsent(em, person, clientId, "openid " + name + " " + longer, clock.instant());
            consents.addIfAbsent(em, other, clientId, name, clock.instant());
        });

        assertInstanceOf(Done.class, commands.delete(OPERATOR, name, 0));

        assertEquals(Optional.of("openid " + longer), database().transactions().inTransaction(
                em -> consents.find(em, person, clientId).map(ConsentEntity::getScope)), "only that scope");
        assertEquals(Optional.empty(), database().transactions().inTransaction(
                em -> consents.find(em, other, clientId).map(ConsentEntity::getScope)), "a consent to it alone goes");
    }

    @Test
    void theStandardScopesCannotBeDeleted() {
        for (Scope standard : ScopeCatalog.STANDARD) {
            long read = commands.find(standard.name()).orElseThrow().version();
            assertEquals(new Invalid(List.of(new Violation("name",
                            "is a standard OpenID Connect scope and cannot be deleted"))),
                    commands.delete(OPERATOR, standard.name(), read));
            assertTrue(catalog.find(standard.name()).isPresent());
        }
    }

    // --- the import's create or update, and the APIs

    @Test
    void theImportCreatesWhenAbsentAndUpdatesFromWhatItReadsAuditingOnlyWhatCommitted() {
        assertEquals(new Done(name, 0, List.of()), database().transactions().inTransaction(
                em -> commands.createOrUpdate(Actor.IMPORT, em, orders("Read your orders"))));
        assertInstanceOf(Done.class, commands.update(OPERATOR, orders("Mine"), 0));

        assertEquals(new Done(name, 2, List.of("description")), database().transactions().inTransaction(
                em -> commands.createOrUpdate(Actor.IMPORT, em, orders("Imported"))));

        assertEquals("Imported", catalog.find(name).orElseThrow().description());
        List<String> byImport = audited.stream().filter(e -> e.actor().equals(Actor.IMPORT))
                .map(e -> e.action() + " " + e.outcome().wireName()).toList();
        assertEquals(List.of("scope.created success", "scope.updated success"), byImport);
    }

    @Test
    void anImportThatRollsBackAuditsNothing() {
        RuntimeException stop = new IllegalStateException("a later entry was refused");

        try {
            database().transactions().run(em -> {
                commands.createOrUpdate(Actor.IMPORT, em, orders("Read your orders"));
                throw stop;
            });
        } catch (IllegalStateException expected) {
            assertEquals(stop, expected);
        }

        assertEquals(Optional.empty(), commands.find(name));
        assertEquals(List.of(), audited);
    }

    @Test
    void theApisAreTheAudiencesWithTheirScopes() {
        create();
        String write = name.replace(":read", ":write");
        assertInstanceOf(Done.class, commands.create(OPERATOR, new Scope(write, "Change your orders",
                Optional.of(audience))));

        List<Api> apis = commands.apis();

        assertEquals(new Api(Optional.of(audience), List.of(orders("Read your orders"),
                new Scope(write, "Change your orders", Optional.of(audience)))),
                apis.stream().filter(a -> a.audience().equals(Optional.of(audience))).findFirst().orElseThrow());
        Api none = apis.get(0);
        assertEquals(Optional.empty(), none.audience(), "the scopes of no API come first");
        assertTrue(none.scopes().stream().map(Scope::name).toList().containsAll(List.of("email", "openid")));
    }
}
