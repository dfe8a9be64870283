package io.latchkey.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.account.Account;
import io.latchkey.client.ApplicationCommands.AlreadyExists;
import io.latchkey.client.ApplicationCommands.Done;
import io.latchkey.client.ApplicationCommands.Invalid;
import io.latchkey.client.ApplicationCommands.NotFound;
import io.latchkey.client.ApplicationCommands.Outcome;
import io.latchkey.client.ApplicationCommands.VersionConflict;
import io.latchkey.consent.ScopeCatalog;
import io.latchkey.consent.ScopeRegistry;
import io.latchkey.error.ErrorCode;
import io.latchkey.error.OAuthException;
import io.latchkey.error.Violation;
import io.latchkey.security.Secret;
import io.latchkey.store.AccountRepository;
import io.latchkey.store.ApplicationRepository;
import io.latchkey.store.ApplicationSecretEntity;
import io.latchkey.store.ConfigurationChanges;
import io.latchkey.store.ConsentRepository;
import io.latchkey.store.Database;
import io.latchkey.store.IssuedCredentialRepository;
import io.latchkey.store.ReferenceTokenRepository;
import io.latchkey.store.ScopeRepository;
import io.latchkey.testing.AtOnce;
import io.latchkey.testing.InterruptedAuditTrail;
import io.latchkey.testing.SignInWorld;
import io.latchkey.testing.TestClients;
import io.latchkey.testing.TestKeys;
import io.latchkey.testing.TestRequests;
import io.latchkey.token.AccessTokenClaims;
import io.latchkey.token.AccessTokenVerifier;
import io.latchkey.token.IssuedAccessToken;
import io.latchkey.token.ReferenceToken;
import io.latchkey.token.ReferenceTokens;
import io.latchkey.token.TokenInfoEndpoint;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import io.latchkey.audit.Actor;
import io.latchkey.audit.AuditEvent;
import io.latchkey.audit.AuditTrail;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The application commands over a real database, read back as the server reads them: through the stored client
 * directory, the client authenticator and the token verifier. Run on H2 ({@link ApplicationCommandsH2Test}) and on
 * PostgreSQL ({@link ApplicationCommandsPostgresTest}), where the optimistic version must hold across connections
 * as it would across nodes.
 */
abstract class ApplicationCommandsContract {
    private static final Actor OPERATOR = Actor.account("sub-operator", "req-1", "192.0.2.7");
    private final List<AuditEvent> audited = new java.util.concurrent.CopyOnWriteArrayList<>();
    private static final Set<String> PERSON_SCOPES = Set.of("openid", "offline_access", "orders:read");
    private SignInWorld world;
    private ApplicationCommands commands;
    private ApplicationRegistry registry;
    private ApplicationRepository repository;
    private StoredClientDirectory clients;
    private ClientAuthenticator authenticator;
    private ReferenceTokens referenceTokens;
    private AccessTokenVerifier verifier;
    private Account person;
    private String web;
    private String spa;

    abstract Database database();

    private static void defineScopes(Database database) {
        database.transactions().run(em -> {
            ScopeRegistry scopes = new ScopeRegistry(new ScopeRepository(),
                    ConfigurationChanges.stored(database.transactions(), Clock.systemUTC()), Clock.systemUTC());
            scopes.ensureStandardScopes(em);
            scopes.upsert(em, new ScopeCatalog.Scope("orders:read", "Read your orders",
                    Optional.of("https://api.example.com/orders")));
        });
    }

    @BeforeEach
    void commands() {
        defineScopes(database());
        world = new SignInWorld(database());
        ConfigurationChanges changes = ConfigurationChanges.stored(world.transactions, world.clock);
        repository = new ApplicationRepository();
        registry = new ApplicationRegistry(repository, new IssuedCredentialRepository(), changes, world.clock);
        commands = new ApplicationCommands(world.transactions, registry, repository, new ScopeRepository(),
                new IssuedCredentialRepository(), changes, false, audited::add, world.clock);
        clients = new StoredClientDirectory(world.transactions, repository, changes, world.clock);
        authenticator = ClientAuthenticator.notingUses(clients, (secretHash, at) -> world.transactions.run(em ->
                repository.markSecretUsed(em, secretHash, at)), world.clock);
        referenceTokens = new ReferenceTokens(world.transactions, new ReferenceTokenRepository(), world.clock);
        verifier = new AccessTokenVerifier(TestKeys.ISSUER, world.keys, world.transactions, world.revoked, clients,
                new AccountRepository(), world.clock, referenceTokens);
        web = "web-" + UUID.randomUUID();
        spa = "spa-" + UUID.randomUUID();
        person = world.person();
    }

    private ApplicationDefinition webApp(String name, Optional<Secret> secret) {
        return new ApplicationDefinition(web, name, ClientType.WEB, List.of(TestClients.WEB_REDIRECT), List.of(),
                PERSON_SCOPES, PERSON_SCOPES, secret, true, AccessTokenPolicy.AUTHENTICATED_USERS, false, false,
                false, 90, false, Set.of(ResponseType.CODE), false, PkcePolicy.REQUIRED, false);
    }

    private ApplicationDefinition webApp(String name) {
        return webApp(name, Optional.empty());
    }

    private ApplicationDefinition spaApp() {
        return new ApplicationDefinition(spa, "Spa", ClientType.SPA, List.of("https://spa.example.com/callback"),
                List.of(), Set.of("openid"), Set.of("openid"), Optional.empty(), true,
                AccessTokenPolicy.AUTHENTICATED_USERS, false, false, false, 90, false, Set.of(ResponseType.CODE),
                false, PkcePolicy.REQUIRED, false);
    }

    /** Creates the web application and returns its generated secret. */
    private Secret createWeb() {
        Done done = assertInstanceOf(Done.class, commands.create(OPERATOR, webApp("Web")));
        assertEquals(0, done.version());
        return done.secret().orElseThrow();
    }

    private long version(String clientId) {
        return world.transactions.inTransaction(em -> repository.version(em, clientId)).orElseThrow();
    }

    private String name(String clientId) {
        return clients.find(clientId).orElseThrow().name();
    }

    private boolean accepts(String clientId, Secret secret) {
        try {
            authenticator.authenticate(new ClientCredentials(ClientAuthMethod.CLIENT_SECRET_BASIC, clientId,
                    Optional.of(secret)), "192.0.2.1");
            return true;
        } catch (OAuthException e) {
            assertEquals(ErrorCode.INVALID_CLIENT, e.error().code());
            return false;
        }
    }

    private List<ApplicationSecretEntity> secrets(String clientId) {
        return world.transactions.inTransaction(em -> List.copyOf(
                repository.findByClientId(em, clientId).orElseThrow().getSecrets()));
    }

    // --- create

    @Test
    void createStoresTheApplicationAndShowsItsGeneratedSecretOnce() {
        Secret secret = createWeb();

        assertEquals("Web", name(web));
        assertTrue(accepts(web, secret), "the generated secret authenticates");
        assertEquals(43, secret.length(), "256 bits, base64url");
        assertTrue(secrets(web).stream().allMatch(s -> !s.getSecretHash().equals(secret.reveal())),
                "only its hash is stored");
    }

    @Test
    void createRefusesEveryViolationAndStoresNothing() {
        ApplicationDefinition bad = new ApplicationDefinition(web, " ", ClientType.SPA, List.of(), List.of(),
                Set.of("nope"), Set.of(), Optional.of(Secret.of(TestClients.SECRET)), true,
                AccessTokenPolicy.AUTHENTICATED_USERS, false, false, false, 90, false, Set.of(ResponseType.CODE),
                false, PkcePolicy.REQUIRED, false);

        Invalid invalid = assertInstanceOf(Invalid.class, commands.create(OPERATOR, bad));

        assertEquals(List.of("name", "redirect_uris", "scopes", "secret"),
                invalid.violations().stream().map(Violation::field).toList());
        assertEquals(Optional.empty(), clients.find(web));
    }

    @Test
    void createRefusesATakenClientIdAndChangesNothing() {
        createWeb();

        assertEquals(new AlreadyExists(web), commands.create(OPERATOR, webApp("Other")));

        assertEquals("Web", name(web));
        assertEquals(0, version(web));
    }

    // --- the import's create or update

    @Test
    void theImportCreatesWhenAbsentAndUpdatesFromWhatItReadsWhenPresent() {
        Done created = assertInstanceOf(Done.class,
                world.transactions.inTransaction(em -> commands.createOrUpdate(Actor.IMPORT, em, webApp("Web"))));
        assertEquals(0, created.version());
        assertTrue(created.secret().isPresent(), "a confidential application without a secret gets one");
        assertInstanceOf(Done.class, commands.update(OPERATOR, webApp("Renamed"), 0));

        Done updated = assertInstanceOf(Done.class, world.transactions.inTransaction(
                em -> commands.createOrUpdate(Actor.IMPORT, em, webApp("Imported", Optional.of(Secret.of(TestClients.SECRET))))));

        assertEquals(2, updated.version());
        assertEquals("Imported", name(web));
        assertTrue(accepts(web, Secret.of(TestClients.SECRET)));
        assertTrue(accepts(web, created.secret().orElseThrow()), "the generated one, in its overlap");
        assertEquals(new Invalid(List.of(new Violation("name", "must be 1 to 200 characters"))),
                world.transactions.inTransaction(em -> commands.createOrUpdate(Actor.IMPORT, em, webApp(""))));
    }

    // --- update

    @Test
    void updateFromTheCurrentVersionAppliesAndMovesTheVersion() {
        createWeb();

        Done done = assertInstanceOf(Done.class, commands.update(OPERATOR, webApp("Renamed"), 0));

        assertEquals(1, done.version());
        assertEquals(1, version(web));
        assertEquals("Renamed", name(web));
    }

    @Test
    void updateNamesTheChangedFieldsInItsAnswerAndItsAuditEvent() {
        createWeb();
        ApplicationDefinition renamed = webApp("Renamed", Optional.of(Secret.of(TestClients.SECRET)));

        Done done = assertInstanceOf(Done.class, commands.update(OPERATOR, renamed, 0));

        assertEquals(List.of("name", "secret"), done.changedFields());
        assertEquals(List.of("name", "secret"), audited.get(audited.size() - 1).changedFields());
        assertEquals(List.of(), assertInstanceOf(Done.class, commands.update(OPERATOR, renamed, 1)).changedFields(),
                "the same definition again changes nothing");
    }

    @Test
    void theApplicationsOwnLifetimesAreStoredReadBackAndResetToTheServersSettings() {
        createWeb();
        TokenLifetimes own = TokenLifetimes.ofSeconds(120L, 600L, 7200L);

        Done done = assertInstanceOf(Done.class, commands.update(OPERATOR, webApp("Web").withLifetimes(own), 0));

        assertEquals(List.of("access_token_lifetime", "refresh_token_idle_lifetime", "refresh_token_max_lifetime"),
                done.changedFields());
        assertEquals(own, clients.find(web).orElseThrow().lifetimes());
        assertEquals(own, new ApplicationCatalog(world.transactions, repository).find(web).orElseThrow()
                .definition().lifetimes());
        assertEquals(own, world.transactions.inTransaction(em -> ApplicationCommands.definitionOf(
                repository.findByClientId(em, web).orElseThrow())).lifetimes());

        assertInstanceOf(Done.class, commands.update(OPERATOR, webApp("Web"), 1));
        assertEquals(TokenLifetimes.SERVER_DEFAULTS, clients.find(web).orElseThrow().lifetimes());
        Outcome refused = commands.update(OPERATOR, webApp("Web").withLifetimes(
                TokenLifetimes.ofSeconds(59L, null, null)), 2);
        assertEquals(List.of("access_token_lifetime"), assertInstanceOf(Invalid.class, refused).violations().stream()
                .map(io.latchkey.error.Violation::field).toList());
    }

    @Test
    void twoUpdatesFromTheSameReadExactlyOneWins() {
        createWeb();

        assertInstanceOf(Done.class, commands.update(OPERATOR, webApp("First"), 0));
        Outcome second = commands.update(OPERATOR, webApp("Second"), 0);

        assertEquals(new VersionConflict(web, 0, 1), second);
        assertEquals("First", name(web), "the stale update changed nothing");
    }

    @Test
    void concurrentUpdatesFromTheSameReadExactlyOneWins() {
        createWeb();

        List<AtOnce.Outcome<Outcome>> outcomes = AtOnce.run(4, i -> () -> commands.update(OPERATOR, webApp("Name " + i), 0));

        assertTrue(outcomes.stream().allMatch(AtOnce.Outcome::succeeded), outcomes::toString);
        List<Outcome> answers = outcomes.stream().map(o -> o.value().orElseThrow()).toList();
        assertEquals(1, answers.stream().filter(Done.class::isInstance).count(), answers::toString);
        assertEquals(3, answers.stream().filter(a -> a.equals(new VersionConflict(web, 0, 1))).count(),
                answers::toString);
        assertEquals(1, version(web));
    }

    @Test
    void updateOfAnUnknownApplicationIsNotFound() {
        assertEquals(new NotFound("application " + web), commands.update(OPERATOR, webApp("Web"), 0));
        assertEquals(Optional.empty(), clients.find(web), "update does not create");
    }

    @Test
    void updateRefusesViolationsBeforeLookingAtTheVersion() {
        createWeb();
        ApplicationDefinition bad = webApp("");

        Invalid invalid = assertInstanceOf(Invalid.class, commands.update(OPERATOR, bad, 0));

        assertEquals(List.of(new Violation("name", "must be 1 to 200 characters")), invalid.violations());
        assertEquals(0, version(web));
    }

    @Test
    void theImportMovesTheVersionSoAReadFromBeforeItIsStale() {
        createWeb();
        world.transactions.run(em -> registry.upsert(em, webApp("Imported")));

        assertEquals(new VersionConflict(web, 0, 1), commands.update(OPERATOR, webApp("Mine"), 0));
        assertEquals("Imported", name(web));
    }

    // --- enable / disable

    @Test
    void disableTakesBackWhatTheApplicationHoldsAndEnableRevivesNothing() {
        createWeb();
        world.clock.advance(Duration.ofSeconds(1));
        Secret refresh = world.refreshTokens.start(UUID.randomUUID().toString(), web, person.id(), PERSON_SCOPES,
                world.clock.instant(), "sid-1");
        IssuedAccessToken jwt = world.accessTokens.issue(AccessTokenClaims.forPerson(person.subject(), web,
                PERSON_SCOPES, world.clock.instant(), AccessTokenClaims.newJti()));
        assertTrue(verifier.verify(jwt.value()).isPresent());

        assertInstanceOf(Done.class, commands.setEnabled(OPERATOR, web, false, 0));
        assertEquals(false, clients.find(web).orElseThrow().enabled());
        assertEquals(new VersionConflict(web, 0, 1), commands.setEnabled(OPERATOR, web, true, 0), "a stale enable");
        assertEquals(false, clients.find(web).orElseThrow().enabled());
        assertEquals(2, assertInstanceOf(Done.class, commands.setEnabled(OPERATOR, web, true, 1)).version());

        assertEquals(true, clients.find(web).orElseThrow().enabled());
        assertEquals(Optional.empty(), verifier.verify(jwt.value()), "a JWT from before stays inactive");
        assertThrows(OAuthException.class, () -> world.refreshTokens.rotate(refresh, web, Set.of()));
    }

    @Test
    void enableOfAnUnknownApplicationIsNotFound() {
        assertEquals(new NotFound("application " + web), commands.setEnabled(OPERATOR, web, true, 0));
    }

    // --- rotate

    @Test
    void duringTheOverlapTheOldAndTheNewSecretWorkAfterItOnlyTheNew() {
        Secret old = createWeb();

        Done rotated = assertInstanceOf(Done.class, commands.rotateSecret(OPERATOR, web, Duration.ofHours(2)));
        Secret fresh = rotated.secret().orElseThrow();

        assertEquals(1, rotated.version());
        assertNotEquals(old, fresh);
        assertTrue(accepts(web, old), "the old secret in the overlap");
        assertTrue(accepts(web, fresh));
        world.clock.advance(Duration.ofHours(2).minusSeconds(1));
        assertTrue(accepts(web, old), "the old secret at the end of the overlap");
        world.clock.advance(Duration.ofSeconds(1));
        assertTrue(!accepts(web, old), "the old secret after the overlap");
        assertTrue(accepts(web, fresh));
    }

    @Test
    void aChangeCommitsWithItsAuditEventSoNoCrashAfterTheCommitLosesTheEvent() {
        InterruptedAuditTrail trail = new InterruptedAuditTrail(database(), InterruptedAuditTrail.At.AFTER_COMMIT);
        ApplicationCommands audited = commandsAuditedBy(trail);

        Optional<Outcome> created = InterruptedAuditTrail.survived(() -> audited.create(OPERATOR, webApp("Web")));

        assertEquals(0, version(web));
        assertEquals(1, trail.stored("application.created", "application:" + web).size(),
                "the application was created, so its event was stored with it");
        assertInstanceOf(Done.class, created.orElseThrow());
    }

    @Test
    void aChangeWhoseTransactionFailsAfterItsAuditEventKeepsNeither() {
        assertInstanceOf(Done.class, commands.create(OPERATOR, webApp("Web")));
        InterruptedAuditTrail trail = new InterruptedAuditTrail(database(), InterruptedAuditTrail.At.BEFORE_COMMIT);
        ApplicationCommands audited = commandsAuditedBy(trail);

        assertThrows(InterruptedAuditTrail.Interruption.class, () -> audited.setEnabled(OPERATOR, web, false, 0));

        assertEquals(0, version(web), "the disable was rolled back");
        assertTrue(world.transactions.inTransaction(em -> repository.findByClientId(em, web)).orElseThrow()
                .isEnabled());
        assertEquals(List.of(), trail.stored("application.disabled", "application:" + web));
    }

    private ApplicationCommands commandsAuditedBy(AuditTrail trail) {
        ConfigurationChanges changes = ConfigurationChanges.stored(world.transactions, world.clock);
        return new ApplicationCommands(world.transactions, registry, repository, new ScopeRepository(),
                new IssuedCredentialRepository(), changes, false, trail, world.clock);
    }

    @Test
    void everyCommandIsAuditedWithItsActorTargetAndOutcomeAndNeverTheSecret() {
        createWeb();
        Secret fresh = assertInstanceOf(Done.class, commands.rotateSecret(OPERATOR, web)).secret().orElseThrow();
        assertInstanceOf(VersionConflict.class, commands.setEnabled(OPERATOR, web, false, 0));

        AuditEvent rotation = audited.stream().filter(e -> e.action().equals("application.secret.rotated"))
                .findFirst().orElseThrow();
        assertEquals(AuditEvent.Outcome.SUCCESS, rotation.outcome());
        assertEquals(OPERATOR, rotation.actor());
        assertEquals("application:" + web, rotation.target());
        AuditEvent refused = audited.get(audited.size() - 1);
        assertEquals("application.disabled", refused.action());
        assertEquals(AuditEvent.Outcome.FAILURE, refused.outcome());
        assertTrue(audited.stream().noneMatch(e -> e.logLine().contains(fresh.reveal())));
    }

    @Test
    void eachSecretShowsWhenItWasLastUsedToTheMinuteAndAnEarlierNoteNeverWins() {
        Secret old = createWeb();
        Secret fresh = assertInstanceOf(Done.class, commands.rotateSecret(OPERATOR, web)).secret().orElseThrow();
        ApplicationCatalog catalog = new ApplicationCatalog(world.transactions, repository);
        assertTrue(catalog.find(web).orElseThrow().secrets().stream().allMatch(s -> s.lastUsedAt().isEmpty()));

        java.time.Instant firstUse = world.clock.instant();
        assertTrue(accepts(web, old));
        world.clock.advance(Duration.ofSeconds(30));
        assertTrue(accepts(web, old), "a second use within the minute is not noted again");
        assertTrue(!accepts(web, Secret.of("wrong-" + old.reveal())), "a failed use is never noted");

        List<ApplicationView.SecretView> secrets = catalog.find(web).orElseThrow().secrets();
        assertEquals(Optional.of(firstUse), secrets.stream().filter(s -> !s.current()).findFirst().orElseThrow()
                .lastUsedAt(), "the old secret, used in its overlap");
        assertEquals(Optional.empty(), secrets.stream().filter(ApplicationView.SecretView::current).findFirst()
                .orElseThrow().lastUsedAt(), "the new secret, not used yet");

        world.clock.advance(Duration.ofSeconds(31));
        java.time.Instant later = world.clock.instant();
        assertTrue(accepts(web, old));
        assertEquals(Optional.of(later), catalog.find(web).orElseThrow().secrets().stream().filter(s -> !s.current())
                .findFirst().orElseThrow().lastUsedAt(), "noted again a minute later");
        String oldHash = old.hashed();
        assertTrue(!world.transactions.inTransaction(em -> repository.markSecretUsed(em, oldHash, firstUse)),
                "a node that notes an earlier use does not move the time back");
        assertTrue(accepts(web, fresh));
    }

    @Test
    void rotateWithoutAnOverlapUsesTheDefaultOfADay() {
        Secret old = createWeb();
        Secret fresh = assertInstanceOf(Done.class, commands.rotateSecret(OPERATOR, web)).secret().orElseThrow();

        world.clock.advance(Duration.ofHours(24).minusSeconds(1));
        assertTrue(accepts(web, old));
        world.clock.advance(Duration.ofSeconds(1));
        assertTrue(!accepts(web, old));
        assertTrue(accepts(web, fresh));
    }

    @Test
    void rotateRefusesAnOverlapOutOfBoundsAndChangesNothing() {
        createWeb();

        for (Duration overlap : List.of(Duration.ofSeconds(-1), Duration.ofDays(30).plusSeconds(1))) {
            assertEquals(new Invalid(List.of(new Violation("overlap", "must be between 0 and 30 days"))),
                    commands.rotateSecret(OPERATOR, web, overlap));
        }
        assertEquals(1, secrets(web).size());
        assertEquals(0, version(web));
        assertInstanceOf(Done.class, commands.rotateSecret(OPERATOR, web, ApplicationCommands.MAX_OVERLAP));
    }

    @Test
    void aPublicApplicationHasNoSecretToRotateOrRetire() {
        assertInstanceOf(Done.class, commands.create(OPERATOR, spaApp()));
        Invalid expected = new Invalid(List.of(new Violation("type", "a spa application is public and has no secret")));

        assertEquals(expected, commands.rotateSecret(OPERATOR, spa));
        assertEquals(expected, commands.retireSecret(OPERATOR, spa, 1));
        assertEquals(List.of(), secrets(spa));
        assertEquals(0, version(spa));
    }

    @Test
    void rotateOfAnUnknownApplicationIsNotFound() {
        assertEquals(new NotFound("application " + web), commands.rotateSecret(OPERATOR, web));
    }

    // --- retire

    @Test
    void retireEndsAnOlderSecretNow() {
        Secret old = createWeb();
        long oldId = secrets(web).get(0).getId();
        Secret fresh = assertInstanceOf(Done.class, commands.rotateSecret(OPERATOR, web)).secret().orElseThrow();
        assertTrue(accepts(web, old));

        assertEquals(2, assertInstanceOf(Done.class, commands.retireSecret(OPERATOR, web, oldId)).version());

        assertTrue(!accepts(web, old), "retired");
        assertTrue(accepts(web, fresh));
    }

    @Test
    void retireRefusesTheCurrentSecretAndUnknownOnes() {
        Secret current = createWeb();
        long currentId = secrets(web).get(0).getId();

        assertEquals(new Invalid(List.of(new Violation("secret_id",
                "is the current secret; rotate first, then retire the previous one"))),
                commands.retireSecret(OPERATOR, web, currentId));
        assertEquals(new NotFound("secret " + (currentId + 1000) + " of application " + web),
                commands.retireSecret(OPERATOR, web, currentId + 1000));
        assertEquals(new NotFound("application " + spa), commands.retireSecret(OPERATOR, spa, currentId));
        assertTrue(accepts(web, current));
        assertEquals(0, version(web));
    }

    // --- delete

    @Test
    void deleteTakesTheApplicationAndEverythingItHolds() {
        Secret secret = createWeb();
        world.clock.advance(Duration.ofSeconds(1));
        Secret refresh = world.refreshTokens.start(UUID.randomUUID().toString(), web, person.id(), PERSON_SCOPES,
                world.clock.instant(), "sid-1");
        Secret pat = referenceTokens.store(person, clients.find(web).orElseThrow(), ReferenceToken.Kind.PAT,
                "laptop", Set.of("orders:read"), Duration.ofDays(30)).value();
        Secret code = world.codes.issue(web, person.id(), TestClients.WEB_REDIRECT, true, TestRequests.CHALLENGE,
                Optional.empty(), PERSON_SCOPES, world.clock.instant(), "sid-1");
        IssuedAccessToken jwt = world.accessTokens.issue(AccessTokenClaims.forPerson(person.subject(), web,
                PERSON_SCOPES, world.clock.instant(), AccessTokenClaims.newJti()));
        world.transactions.run(em -> new ConsentRepository().addIfAbsent(em, person.id(), web, "orders:read",
                world.clock.instant()));
        assertTrue(verifier.verify(pat).isPresent() && verifier.verify(jwt.value()).isPresent());

        assertEquals(new VersionConflict(web, 5, 0), commands.delete(OPERATOR, web, 5));
        assertTrue(clients.find(web).isPresent(), "a stale delete changes nothing");
        assertInstanceOf(Done.class, commands.delete(OPERATOR, web, 0));

        assertEquals(Optional.empty(), clients.find(web));
        assertTrue(!accepts(web, secret));
        assertEquals(Optional.empty(), verifier.verify(pat));
        assertEquals(Optional.empty(), verifier.verify(jwt.value()));
        assertEquals(Map.of("active", false), new TokenInfoEndpoint(verifier, world.clock).info(pat, "192.0.2.1"));
        assertThrows(OAuthException.class, () -> world.refreshTokens.rotate(refresh, web, Set.of()));
        assertEquals(Optional.empty(), world.codes.redeem(code));
        assertEquals(Optional.empty(), world.transactions.inTransaction(
                em -> new ConsentRepository().find(em, person.id(), web)), "the consent is gone");
        assertEquals(List.of(), world.transactions.inTransaction(em -> em.createQuery(
                "select t.id from ReferenceTokenEntity t where t.clientId = :c").setParameter("c", web)
                .getResultList()), "its reference tokens are deleted");
        assertEquals(new NotFound("application " + web), commands.delete(OPERATOR, web, 1));

        // The client_id registered again: nothing of the deleted application works for the new one.
        world.clock.advance(Duration.ofSeconds(1));
        assertInstanceOf(Done.class, commands.create(OPERATOR, webApp("Again")));
        assertEquals(Optional.empty(), verifier.verify(jwt.value()), "an old JWT of the same client_id");
        assertTrue(!accepts(web, secret));
    }
}
