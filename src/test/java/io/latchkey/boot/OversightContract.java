package io.latchkey.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.account.Account;
import io.latchkey.audit.Actor;
import io.latchkey.store.OverviewCounts;
import io.latchkey.store.AuditEventRepository;
import io.latchkey.client.ApplicationCatalog;
import io.latchkey.audit.StoredAuditTrail;
import io.latchkey.account.SignInEvents;
import io.latchkey.account.AccountDefinition;
import io.latchkey.audit.AuditEvent;
import io.latchkey.audit.AuditTrail;
import io.latchkey.client.AccessTokenPolicy;
import io.latchkey.client.PkcePolicy;
import io.latchkey.client.ApplicationCommands;
import io.latchkey.client.ApplicationDefinition;
import io.latchkey.client.ApplicationRegistry;
import io.latchkey.client.Client;
import io.latchkey.client.ClientType;
import io.latchkey.client.ResponseType;
import io.latchkey.consent.ConsentRecords;
import io.latchkey.consent.ScopeCatalog;
import io.latchkey.consent.ScopeRegistry;
import io.latchkey.error.ErrorCode;
import io.latchkey.error.OAuthException;
import io.latchkey.security.Secret;
import io.latchkey.store.AccountRepository;
import io.latchkey.store.ApplicationRepository;
import io.latchkey.store.ConfigurationChanges;
import io.latchkey.store.ConsentRepository;
import io.latchkey.store.Database;
import io.latchkey.store.IssuedCredentialRepository;
import io.latchkey.store.Page;
import io.latchkey.store.PageRequest;
import io.latchkey.store.ReferenceTokenRepository;
import io.latchkey.store.RefreshGrantRepository;
import io.latchkey.store.ScopeRepository;
import io.latchkey.store.Slice;
import io.latchkey.store.TokenState;
import io.latchkey.testing.AtOnce;
import io.latchkey.testing.InterruptedAuditTrail;
import io.latchkey.testing.MutableClock;
import io.latchkey.testing.SignInWorld;
import io.latchkey.testing.TestClients;
import io.latchkey.token.IssuedAccessToken;
import io.latchkey.token.IssuedReferenceTokens;
import io.latchkey.token.ReferenceToken;
import io.latchkey.token.ReferenceTokens;
import io.latchkey.token.RefreshTokenFamilies;
import io.latchkey.token.RefreshTokenValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The administrators' oversight services over a real database, checked the way the server checks tokens: a
 * refresh through {@code RefreshTokens.rotate}, an access token through the verifier and introspection. Run on H2
 * ({@link OversightH2Test}) and on PostgreSQL ({@link OversightPostgresTest}), where two revocations at the same
 * instant meet on row locks as they would on two nodes.
 */
abstract class OversightContract {
    private static final Actor OPERATOR = Actor.account("sub-operator", "req-9", "192.0.2.9");
    private static final Set<String> SCOPES = Set.of("openid", "offline_access", "orders:read");

    private final List<AuditEvent> audited = new CopyOnWriteArrayList<>();
    private SignInWorld world;
    private ConsentRecords consents;
    private IssuedReferenceTokens tokens;
    private RefreshTokenFamilies families;
    private ReferenceTokens referenceTokens;
    private Client web;
    private Client spa;
    private ApplicationCommands commands;

    abstract Database database();

    @BeforeEach
    void services() {
        web = TestClients.webApp("web-" + UUID.randomUUID()).build();
        spa = TestClients.spa("spa-" + UUID.randomUUID()).build();
        world = new SignInWorld(database(), web, spa);
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
        register(commands, web.clientId(), "Web shop", ClientType.WEB, TestClients.WEB_REDIRECT);
        register(commands, spa.clientId(), "Single page", ClientType.SPA, TestClients.SPA_REDIRECT);

        AccountRepository accounts = new AccountRepository();
        consents = new ConsentRecords(world.transactions, new ConsentRepository(), accounts, world.consents,
                audited::add, world.clock);
        tokens = new IssuedReferenceTokens(world.transactions, new ReferenceTokenRepository(), audited::add,
                world.clock);
        families = new RefreshTokenFamilies(world.transactions, new RefreshGrantRepository(), world.families,
                new IssuedCredentialRepository(), accounts, applications, audited::add, world.clock);
        referenceTokens = new ReferenceTokens(world.transactions, new ReferenceTokenRepository(),
                world.clock);
    }

    private static void register(ApplicationCommands commands, String clientId, String name, ClientType type,
                                 String redirect) {
        ApplicationCommands.Outcome created = commands.create(Actor.SYSTEM, new ApplicationDefinition(
                clientId, name, type, List.of(redirect), List.of(), SCOPES, Set.of("openid"), Optional.empty(), true,
                AccessTokenPolicy.AUTHENTICATED_USERS, false, type == ClientType.SPA, false, 90, false,
                Set.of(ResponseType.CODE), false, PkcePolicy.REQUIRED, false));
        assertInstanceOf(ApplicationCommands.Done.class, created, created::toString);
    }

    // --- helpers

    private Secret refreshToken(Account person, Client client) {
        return world.refreshTokens.start(UUID.randomUUID().toString(), client.clientId(), person.id(), SCOPES,
                world.clock.instant(), "sid-" + UUID.randomUUID());
    }

    private boolean refreshes(Secret refreshToken, Client client) {
        try {
            world.refreshTokens.rotate(refreshToken, client.clientId(), Set.of());
            return true;
        } catch (OAuthException e) {
            assertEquals(ErrorCode.INVALID_GRANT, e.error().code());
            return false;
        }
    }

    /** An opaque access token a grant issued to this person at this application (as AccessTokenIssuer stores one). */
    private Secret opaqueAccessToken(Account person, Client client) {
        Instant now = world.clock.instant();
        return referenceTokens.storeAccessToken(person.subject(), Optional.of(person.id()), client.clientId(),
                Set.of("orders:read"), now, now.plus(SignInWorld.ACCESS_TTL));
    }

    private ReferenceTokens.Issued pat(Account person, Client client, String name) {
        return referenceTokens.store(person, client, ReferenceToken.Kind.PAT, name, Set.of("orders:read"),
                Duration.ofDays(30));
    }

    private boolean active(Secret accessToken, Client caller) {
        boolean verified = world.verifier.verify(accessToken).isPresent();
        boolean introspected = Boolean.TRUE.equals(world.introspection()
                .introspect(caller, accessToken, Optional.empty()).get("active"));
        assertEquals(verified, introspected, "the verifier and introspection disagree");
        return verified;
    }

    /** Every item of a listing, page by page of {@code limit}, checking each page's size and its key's validity. */
    private static <T> List<T> allPages(Function<PageRequest, Page<T>> listing, int limit,
                                        Function<String, Boolean> isKey) {
        List<T> all = new ArrayList<>();
        PageRequest request = PageRequest.first(limit);
        for (int pages = 0; pages < 1000; pages++) {
            Page<T> page = listing.apply(request);
            assertTrue(page.items().size() <= limit);
            all.addAll(page.items());
            if (page.nextAfterKey().isEmpty()) {
                return all;
            }
            assertEquals(limit, page.items().size(), "only the last page may be short");
            assertTrue(isKey.apply(page.nextAfterKey().get()), page.nextAfterKey().get());
            request = new PageRequest(page.nextAfterKey(), limit);
        }
        throw new AssertionError("the listing does not end");
    }

    private List<AuditEvent> audited(String action) {
        return audited.stream().filter(e -> e.action().equals(action)).toList();
    }

    // --- consents

    @Test
    void listsConsentsOfOnePersonOfOneApplicationAndOfBothAcrossPages() {
        Account alice = world.person();
        Account bob = world.person();
        Account carol = world.person();
        List<String> aliceClients = new ArrayList<>(List.of(web.clientId(), spa.clientId()));
        world.consents.remember(alice.id(), web.clientId(), Set.of("openid"));
        world.consents.remember(alice.id(), spa.clientId(), Set.of("openid", "orders:read"));
        for (int i = 0; i < 3; i++) {
            // Applications that no longer exist (no name) still show, by client_id.
            String gone = "gone-" + i + "-" + UUID.randomUUID();
            world.consents.remember(alice.id(), gone, Set.of("openid"));
            aliceClients.add(gone);
        }
        world.consents.remember(bob.id(), web.clientId(), Set.of("openid"));
        world.consents.remember(carol.id(), web.clientId(), Set.of("orders:read"));
        world.consents.remember(carol.id(), spa.clientId(), Set.of("openid"));

        List<ConsentRecords.ConsentRecord> ofAlice = allPages(page -> consents.list(
                new ConsentRecords.Filter(Optional.of(alice.subject()), Optional.empty()), page), 2,
                ConsentRecords::isPageKey);
        assertEquals(5, ofAlice.size());
        assertEquals(Set.copyOf(aliceClients), ofAlice.stream().map(ConsentRecords.ConsentRecord::clientId)
                .collect(java.util.stream.Collectors.toSet()));
        assertEquals(ofAlice.stream().map(ConsentRecords.ConsentRecord::id).sorted((a, b) -> Long.compare(b, a))
                .toList(), ofAlice.stream().map(ConsentRecords.ConsentRecord::id).toList(), "newest first, by id");
        assertTrue(ofAlice.stream().allMatch(c -> c.accountSubject().equals(alice.subject())
                && c.username().equals(alice.username())));
        ConsentRecords.ConsentRecord toSpa = ofAlice.stream().filter(c -> c.clientId().equals(spa.clientId()))
                .findFirst().orElseThrow();
        assertEquals(Optional.of("Single page"), toSpa.applicationName());
        assertEquals(List.of("openid", "orders:read"), List.copyOf(toSpa.scopes()));
        assertEquals(world.clock.instant(), toSpa.grantedAt());
        assertTrue(ofAlice.stream().filter(c -> c.clientId().startsWith("gone-"))
                .allMatch(c -> c.applicationName().isEmpty()));

        List<ConsentRecords.ConsentRecord> toWeb = allPages(page -> consents.list(
                new ConsentRecords.Filter(Optional.empty(), Optional.of(web.clientId())), page), 1,
                ConsentRecords::isPageKey);
        assertEquals(List.of(carol.username(), bob.username(), alice.username()),
                toWeb.stream().map(ConsentRecords.ConsentRecord::username).toList());
        assertTrue(toWeb.stream().allMatch(c -> c.applicationName().equals(Optional.of("Web shop"))));

        List<ConsentRecords.ConsentRecord> carolToSpa = consents.list(new ConsentRecords.Filter(
                Optional.of(carol.subject()), Optional.of(spa.clientId())), PageRequest.first(50)).items();
        assertEquals(1, carolToSpa.size());
        assertEquals(carol.subject(), carolToSpa.get(0).accountSubject());

        List<Long> everyone = allPages(page -> consents.list(ConsentRecords.Filter.ALL, page), 3,
                ConsentRecords::isPageKey).stream().map(ConsentRecords.ConsentRecord::id).toList();
        assertEquals(everyone.size(), new HashSet<>(everyone).size(), "no consent on two pages");
        assertTrue(everyone.containsAll(toWeb.stream().map(ConsentRecords.ConsentRecord::id).toList()));
        assertTrue(everyone.containsAll(ofAlice.stream().map(ConsentRecords.ConsentRecord::id).toList()));

        assertTrue(consents.list(new ConsentRecords.Filter(Optional.of("nobody-" + UUID.randomUUID()),
                Optional.empty()), PageRequest.first(10)).items().isEmpty());
        assertFalse(ConsentRecords.isPageKey("12a"));
        assertThrows(IllegalArgumentException.class, () -> consents.list(ConsentRecords.Filter.ALL,
                new PageRequest(Optional.of("not-a-key"), 10)));
    }

    @Test
    void revokingAConsentRevokesThatPersonsTokensAtThatApplicationOnly() {
        Account alice = world.person();
        Account bob = world.person();
        world.consents.remember(alice.id(), web.clientId(), SCOPES);
        world.consents.remember(alice.id(), spa.clientId(), SCOPES);
        world.consents.remember(bob.id(), web.clientId(), SCOPES);
        Secret aliceAtWeb = refreshToken(alice, web);
        Secret aliceAtWebToo = refreshToken(alice, web);
        Secret aliceAtSpa = refreshToken(alice, spa);
        Secret bobAtWeb = refreshToken(bob, web);
        Secret aliceOpaque = opaqueAccessToken(alice, web);
        Secret bobOpaque = opaqueAccessToken(bob, web);
        Secret alicePat = pat(alice, web, "cli").value();
        assertTrue(active(aliceOpaque, web));

        ConsentRecords.Revoked revoked = assertInstanceOf(ConsentRecords.Revoked.class,
                consents.revoke(OPERATOR, alice.subject(), web.clientId()));

        assertEquals(new ConsentRecords.Revoked(alice.subject(), web.clientId(), 1, 2, 1), revoked);
        assertFalse(refreshes(aliceAtWeb, web), "the next refresh is invalid_grant");
        assertFalse(refreshes(aliceAtWebToo, web));
        assertFalse(active(aliceOpaque, web), "the grant's reference (opaque) access token is inactive");
        assertTrue(refreshes(aliceAtSpa, spa), "another application's grant stays");
        assertTrue(refreshes(bobAtWeb, web), "another person's grant stays");
        assertTrue(active(bobOpaque, web));
        assertTrue(active(alicePat, web), "a personal access token is the person's own, not the consent's");
        assertFalse(world.consents.covers(alice.id(), web.clientId(), Set.of("openid")));
        assertTrue(world.consents.covers(alice.id(), spa.clientId(), Set.of("openid")));
        assertEquals(List.of(spa.clientId()), consents.list(new ConsentRecords.Filter(Optional.of(alice.subject()),
                Optional.empty()), PageRequest.first(10)).items().stream()
                .map(ConsentRecords.ConsentRecord::clientId).toList());

        AuditEvent event = audited("consent.revoked").get(0);
        assertEquals(OPERATOR, event.actor());
        assertEquals("consent:" + alice.subject() + "/" + web.clientId(), event.target());
        assertEquals(AuditEvent.Outcome.SUCCESS, event.outcome());
        assertFalse(event.logLine().contains(aliceOpaque.reveal()));
    }

    @Test
    void aConsentRevocationCommitsWithItsAuditEventOrNotAtAll() {
        Account alice = world.person();
        world.consents.remember(alice.id(), web.clientId(), SCOPES);
        String target = "consent:" + alice.subject() + "/" + web.clientId();
        InterruptedAuditTrail failing = new InterruptedAuditTrail(database(), InterruptedAuditTrail.At.BEFORE_COMMIT);

        assertThrows(InterruptedAuditTrail.Interruption.class, () -> consentsAuditedBy(failing)
                .revoke(OPERATOR, alice.subject(), web.clientId()));

        assertTrue(world.consents.covers(alice.id(), web.clientId(), Set.of("openid")), "rolled back");
        assertEquals(List.of(), failing.stored("consent.revoked", target));

        InterruptedAuditTrail dying = new InterruptedAuditTrail(database(), InterruptedAuditTrail.At.AFTER_COMMIT);
        InterruptedAuditTrail.survived(() -> consentsAuditedBy(dying).revoke(OPERATOR, alice.subject(),
                web.clientId()));

        assertFalse(world.consents.covers(alice.id(), web.clientId(), Set.of("openid")));
        assertEquals(1, dying.stored("consent.revoked", target).size(),
                "the consent was taken back, so its event was stored with it");
    }

    private ConsentRecords consentsAuditedBy(AuditTrail trail) {
        return new ConsentRecords(world.transactions, new ConsentRepository(), new AccountRepository(),
                world.consents, trail, world.clock);
    }

    @Test
    void aPersonForgettingAnApplicationAlsoEndsItsOpaqueAccessTokens() {
        Account alice = world.person();
        world.consents.remember(alice.id(), web.clientId(), SCOPES);
        Secret opaque = opaqueAccessToken(alice, web);

        assertTrue(world.consents.forget(alice.id(), web.clientId()));

        assertFalse(active(opaque, web));
    }

    @Test
    void takingBackAPersonsSignInsEndsTheirOpaqueAccessTokensByTheSameRule() {
        Account alice = world.person();
        Account bob = world.person();
        Secret aliceOpaque = opaqueAccessToken(alice, web);
        Secret aliceOpaqueAtSpa = opaqueAccessToken(alice, spa);
        Secret bobOpaque = opaqueAccessToken(bob, web);
        Secret alicePat = pat(alice, web, "cli").value();

        IssuedCredentialRepository.Revoked revoked = world.transactions.inTransaction(em ->
                new IssuedCredentialRepository().revokeSignInsOfAccount(em, alice.id(), world.clock.instant()));

        assertEquals(2, revoked.referenceTokens());
        assertFalse(active(aliceOpaque, web));
        assertFalse(active(aliceOpaqueAtSpa, spa));
        assertTrue(active(bobOpaque, web));
        assertTrue(active(alicePat, web), "personal access tokens have their own revocation");
    }

    @Test
    void revokingAConsentAgainAnswersNotFound() {
        Account alice = world.person();
        world.consents.remember(alice.id(), web.clientId(), SCOPES);
        assertInstanceOf(ConsentRecords.Revoked.class, consents.revoke(OPERATOR, alice.subject(), web.clientId()));

        assertInstanceOf(ConsentRecords.NotFound.class, consents.revoke(OPERATOR, alice.subject(), web.clientId()));
        assertInstanceOf(ConsentRecords.NotFound.class, consents.revoke(OPERATOR, alice.subject(), spa.clientId()));
        assertInstanceOf(ConsentRecords.NotFound.class, consents.revoke(OPERATOR, "nobody", web.clientId()));

        assertEquals(List.of(AuditEvent.Outcome.SUCCESS, AuditEvent.Outcome.FAILURE, AuditEvent.Outcome.FAILURE,
                AuditEvent.Outcome.FAILURE), audited("consent.revoked").stream().map(AuditEvent::outcome).toList());
    }

    @Test
    void twoRevocationsOfOneConsentAtOnceRevokeItOnce() {
        Account alice = world.person();
        world.consents.remember(alice.id(), web.clientId(), SCOPES);
        Secret refresh = refreshToken(alice, web);
        refreshToken(alice, web);

        List<AtOnce.Outcome<ConsentRecords.Outcome>> outcomes = AtOnce.run(4,
                () -> consents.revoke(OPERATOR, alice.subject(), web.clientId()));

        assertTrue(outcomes.stream().allMatch(AtOnce.Outcome::succeeded), outcomes::toString);
        List<ConsentRecords.Revoked> revoked = outcomes.stream().map(o -> o.value().orElseThrow())
                .filter(ConsentRecords.Revoked.class::isInstance).map(ConsentRecords.Revoked.class::cast).toList();
        assertEquals(1, revoked.size(), outcomes::toString);
        assertEquals(new ConsentRecords.Revoked(alice.subject(), web.clientId(), 1, 2, 0), revoked.get(0));
        assertFalse(refreshes(refresh, web));
        assertEquals(1, audited("consent.revoked").stream()
                .filter(e -> e.outcome() == AuditEvent.Outcome.SUCCESS).count());
    }

    // --- personal and service access tokens

    @Test
    void listsTokensWithEveryFilterAcrossPages() {
        Account alice = world.person();
        Account bob = world.person();
        Account admin = world.person();
        List<String> alicePats = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            // Same instant (the clock stands still): the public id orders them.
            alicePats.add(pat(alice, web, "alice " + i).token().id());
        }
        String aliceAtSpa = pat(alice, spa, "alice spa").token().id();
        String bobs = pat(bob, web, "bob").token().id();
        String sat = referenceTokens.store(admin, web, ReferenceToken.Kind.SAT, "deploy", Set.of("orders:read"),
                Duration.ofDays(30)).token().id();
        world.clock.advance(Duration.ofMinutes(1));
        String newest = pat(alice, web, "newest").token().id();
        String shortLived = referenceTokens.store(alice, web, ReferenceToken.Kind.PAT, "short",
                Set.of("orders:read"), Duration.ofMinutes(2)).token().id();
        opaqueAccessToken(alice, web);
        assertInstanceOf(IssuedReferenceTokens.Revoked.class, tokens.revoke(OPERATOR, alicePats.get(0)));
        world.clock.advance(Duration.ofMinutes(5));

        List<IssuedReferenceTokens.TokenRecord> ofAlice = allPages(page -> tokens.list(filter(alice, null, null,
                null), page), 2, IssuedReferenceTokens::isPageKey);
        List<String> expectedOrder = new ArrayList<>();
        expectedOrder.add(newest);
        expectedOrder.add(shortLived);
        expectedOrder.sort(null);
        List<String> older = new ArrayList<>(alicePats);
        older.add(aliceAtSpa);
        older.sort(null);
        expectedOrder.addAll(older);
        assertEquals(expectedOrder, ofAlice.stream().map(IssuedReferenceTokens.TokenRecord::id).toList(),
                "newest first, then by public id; PATs only (no opaque access tokens unless asked)");

        IssuedReferenceTokens.TokenRecord first = ofAlice.stream().filter(t -> t.id().equals(alicePats.get(1)))
                .findFirst().orElseThrow();
        assertEquals(ReferenceToken.Kind.PAT, first.kind());
        assertEquals("alice 1", first.name());
        assertEquals(web.clientId(), first.clientId());
        assertEquals(Optional.of("Web shop"), first.applicationName());
        assertEquals(Optional.of(new IssuedReferenceTokens.Person(alice.subject(), alice.username())), first.actsAs());
        assertEquals(first.actsAs(), first.issuedBy());
        assertEquals(Set.of("orders:read"), first.scopes());
        assertEquals(MutableClock.START, first.createdAt());
        assertEquals(MutableClock.START.plus(Duration.ofDays(30)), first.expiresAt());
        assertEquals(Optional.empty(), first.lastUsedAt());
        assertEquals(TokenState.ACTIVE, first.state());

        assertEquals(Set.of(alicePats.get(0)), ids(filter(alice, null, null, TokenState.REVOKED)));
        assertEquals(Set.of(shortLived), ids(filter(alice, null, null, TokenState.EXPIRED)));
        Set<String> active = new HashSet<>(expectedOrder);
        active.removeAll(Set.of(alicePats.get(0), shortLived));
        assertEquals(active, ids(filter(alice, null, null, TokenState.ACTIVE)));
        assertEquals(Set.of(aliceAtSpa), ids(filter(alice, spa, null, null)));
        assertEquals(1, ids(filter(alice, null, ReferenceToken.Kind.AT, null)).size());
        assertEquals(Set.of(sat), ids(filter(admin, null, null, null)), "an account's tokens include those it issued");
        assertEquals(Set.of(sat), ids(filter(null, web, ReferenceToken.Kind.SAT, null)));
        IssuedReferenceTokens.TokenRecord service = tokens.list(filter(admin, null, null, null), PageRequest.first(5))
                .items().get(0);
        assertEquals(Optional.empty(), service.actsAs());
        assertEquals(Optional.of(new IssuedReferenceTokens.Person(admin.subject(), admin.username())),
                service.issuedBy());
        Set<String> atWeb = ids(filter(null, web, null, null));
        assertTrue(atWeb.containsAll(Set.of(bobs, sat, newest, shortLived)));
        assertFalse(atWeb.contains(aliceAtSpa));
        assertEquals(Set.of(bobs), ids(filter(bob, web, ReferenceToken.Kind.PAT, TokenState.ACTIVE)));
        assertTrue(ids(filter(bob, null, null, TokenState.REVOKED)).isEmpty());
        assertTrue(tokens.list(new IssuedReferenceTokens.Filter(Optional.of("nobody"), Optional.empty(),
                Optional.empty(), Optional.empty()), PageRequest.first(5)).items().isEmpty());

        List<String> everyone = allPages(page -> tokens.list(IssuedReferenceTokens.Filter.ALL, page), 3,
                IssuedReferenceTokens::isPageKey).stream().map(IssuedReferenceTokens.TokenRecord::id).toList();
        assertEquals(everyone.size(), new HashSet<>(everyone).size(), "no token on two pages");
        assertTrue(everyone.containsAll(expectedOrder));
        assertFalse(IssuedReferenceTokens.isPageKey("2025-06-01T12:00:00Z"));
        assertFalse(IssuedReferenceTokens.isPageKey("yesterday/abcdefgh"));
        assertTrue(IssuedReferenceTokens.isPageKey("2025-06-01T12:00:00Z/abc-_fgh"));
    }

    private IssuedReferenceTokens.Filter filter(Account account, Client client, ReferenceToken.Kind kind,
                                                TokenState state) {
        return new IssuedReferenceTokens.Filter(Optional.ofNullable(account).map(Account::subject),
                Optional.ofNullable(client).map(Client::clientId), Optional.ofNullable(kind),
                Optional.ofNullable(state));
    }

    private Set<String> ids(IssuedReferenceTokens.Filter filter) {
        Set<String> ids = new HashSet<>();
        allPages(page -> tokens.list(filter, page), 2, IssuedReferenceTokens::isPageKey)
                .forEach(t -> assertTrue(ids.add(t.id()), "listed twice: " + t.id()));
        return ids;
    }

    @Test
    void revokingATokenMakesItInactiveAndRevokingAgainIsIdempotent() {
        Account alice = world.person();
        ReferenceTokens.Issued issued = pat(alice, web, "laptop");
        ReferenceTokens.Issued other = pat(alice, web, "desktop");
        assertTrue(active(issued.value(), web));

        IssuedReferenceTokens.Revoked revoked = assertInstanceOf(IssuedReferenceTokens.Revoked.class,
                tokens.revoke(OPERATOR, issued.token().id()));
        assertTrue(revoked.justNow());
        assertEquals(TokenState.REVOKED, revoked.token().state());
        assertEquals(Optional.of(world.clock.instant()), revoked.token().revokedAt());
        assertFalse(active(issued.value(), web), "inactive at verification and introspection");
        assertTrue(active(other.value(), web));

        world.clock.advance(Duration.ofMinutes(1));
        IssuedReferenceTokens.Revoked again = assertInstanceOf(IssuedReferenceTokens.Revoked.class,
                tokens.revoke(OPERATOR, issued.token().id()));
        assertFalse(again.justNow());
        assertEquals(revoked.token().revokedAt(), again.token().revokedAt(), "the first revocation's time stays");

        assertInstanceOf(IssuedReferenceTokens.NotFound.class, tokens.revoke(OPERATOR, "zzzzzzzz"));
        assertInstanceOf(IssuedReferenceTokens.NotFound.class, tokens.revoke(OPERATOR, "%"));
        assertInstanceOf(IssuedReferenceTokens.NotFound.class, tokens.revoke(OPERATOR, issued.token().id() + "x"));

        List<AuditEvent> events = audited("reference_token.revoked");
        assertEquals(5, events.size());
        assertEquals("reference_token:" + issued.token().id(), events.get(0).target());
        assertEquals(AuditEvent.Outcome.SUCCESS, events.get(0).outcome());
        assertTrue(events.get(1).detail().startsWith("already revoked"), events.get(1).detail());
        assertEquals(AuditEvent.Outcome.FAILURE, events.get(2).outcome());
        assertTrue(events.stream().noneMatch(e -> e.logLine().contains(issued.value().reveal())
                || e.logLine().contains(issued.value().hashed())));
    }

    @Test
    void twoRevocationsOfOneTokenAtOnceRevokeItOnce() {
        Account alice = world.person();
        ReferenceTokens.Issued issued = pat(alice, web, "laptop");

        List<AtOnce.Outcome<IssuedReferenceTokens.Outcome>> outcomes = AtOnce.run(4,
                () -> tokens.revoke(OPERATOR, issued.token().id()));

        assertTrue(outcomes.stream().allMatch(AtOnce.Outcome::succeeded), outcomes::toString);
        List<IssuedReferenceTokens.Revoked> revoked = outcomes.stream()
                .map(o -> assertInstanceOf(IssuedReferenceTokens.Revoked.class, o.value().orElseThrow())).toList();
        assertEquals(1, revoked.stream().filter(IssuedReferenceTokens.Revoked::justNow).count(), outcomes::toString);
        assertTrue(revoked.stream().allMatch(r -> r.token().revokedAt().equals(Optional.of(world.clock.instant()))));
        assertFalse(active(issued.value(), web));
        assertEquals(1, audited("reference_token.revoked").stream()
                .filter(e -> e.detail().startsWith("revoked ")).count());
    }

    // --- refresh token families

    @Test
    void listsRefreshTokenFamiliesWithEveryFilterAcrossPages() {
        Account alice = world.person();
        Account bob = world.person();
        String expired = familyOf(refreshToken(alice, web));
        world.clock.advance(SignInWorld.REFRESH_IDLE.plusMinutes(1));
        Instant begun = world.clock.instant();
        Secret refreshed = refreshToken(alice, web);
        String refreshedFamily = familyOf(refreshed);
        String revokedFamily = familyOf(refreshToken(alice, web));
        String atSpa = familyOf(refreshToken(alice, spa));
        String bobs = familyOf(refreshToken(bob, web));
        world.clock.advance(Duration.ofMinutes(1));
        world.refreshTokens.rotate(refreshed, web.clientId(), Set.of());
        world.families.revoke(revokedFamily, world.clock.instant());

        List<RefreshTokenFamilies.FamilyRecord> ofAlice = allPages(page -> families.list(
                new RefreshTokenFamilies.Filter(Optional.of(alice.subject()), Optional.empty(), Optional.empty()),
                page), 1, RefreshTokenFamilies::isPageKey);
        List<String> expectedOrder = new ArrayList<>(List.of(refreshedFamily, revokedFamily, atSpa));
        expectedOrder.sort(null);
        expectedOrder.add(expired);
        assertEquals(expectedOrder, ofAlice.stream().map(RefreshTokenFamilies.FamilyRecord::familyId).toList(),
                "newest first, ties by family id");

        RefreshTokenFamilies.FamilyRecord family = ofAlice.stream()
                .filter(f -> f.familyId().equals(refreshedFamily)).findFirst().orElseThrow();
        assertEquals(alice.subject(), family.accountSubject());
        assertEquals(alice.username(), family.username());
        assertEquals(web.clientId(), family.clientId());
        assertEquals(Optional.of("Web shop"), family.applicationName());
        assertEquals(SCOPES, family.scopes());
        assertEquals(begun, family.createdAt());
        assertEquals(world.clock.instant(), family.lastRefreshedAt());
        assertEquals(world.clock.instant().plus(SignInWorld.REFRESH_IDLE), family.expiresAt());
        assertEquals(Optional.empty(), family.revokedAt());
        assertEquals(TokenState.ACTIVE, family.state());
        RefreshTokenFamilies.FamilyRecord revoked = ofAlice.stream()
                .filter(f -> f.familyId().equals(revokedFamily)).findFirst().orElseThrow();
        assertEquals(Optional.of(world.clock.instant()), revoked.revokedAt());
        assertEquals(TokenState.REVOKED, revoked.state());

        assertEquals(Set.of(refreshedFamily, atSpa), familyIds(alice, null, TokenState.ACTIVE));
        assertEquals(Set.of(revokedFamily), familyIds(alice, null, TokenState.REVOKED));
        assertEquals(Set.of(expired), familyIds(alice, null, TokenState.EXPIRED));
        assertEquals(Set.of(atSpa), familyIds(alice, spa, null));
        assertEquals(Set.of(bobs), familyIds(bob, null, null));
        Set<String> atWeb = familyIds(null, web, null);
        assertTrue(atWeb.containsAll(Set.of(expired, refreshedFamily, revokedFamily, bobs)), atWeb::toString);
        assertFalse(atWeb.contains(atSpa));
        assertTrue(familyIds(bob, null, TokenState.REVOKED).isEmpty());
        assertTrue(families.list(new RefreshTokenFamilies.Filter(Optional.of("nobody"), Optional.empty(),
                Optional.empty()), PageRequest.first(5)).items().isEmpty());

        List<String> everyone = allPages(page -> families.list(RefreshTokenFamilies.Filter.ALL, page), 3,
                RefreshTokenFamilies::isPageKey).stream().map(RefreshTokenFamilies.FamilyRecord::familyId).toList();
        assertEquals(everyone.size(), new HashSet<>(everyone).size(), "no family on two pages");
        assertTrue(everyone.containsAll(expectedOrder));
        assertFalse(RefreshTokenFamilies.isPageKey("2025-06-01T12:00:00Z/"));
        assertFalse(RefreshTokenFamilies.isPageKey("family"));
        assertThrows(IllegalArgumentException.class, () -> families.list(RefreshTokenFamilies.Filter.ALL,
                new PageRequest(Optional.of("soon/family"), 10)));
    }

    // --- the overview's figures

    @Test
    void theOverviewsFiguresAreAggregatesThatMoveWithEachChange() {
        OverviewCounts counts = new OverviewCounts(world.transactions);
        StoredAuditTrail trail = new StoredAuditTrail(world.transactions, new AuditEventRepository(),
                Duration.ofDays(400), world.clock);
        Actor anonymous = Actor.anonymous("req-1", "192.0.2.1");
        trail.record(AuditEvent.failure(anonymous, SignInEvents.SIGN_IN, SignInEvents.SIGN_IN, "a day ago"));
        world.clock.advance(Duration.ofHours(25));
        OverviewCounts.Figures before = counts.read(world.clock.instant(),
                world.clock.instant().minus(Duration.ofHours(24)), SignInEvents.SIGN_IN);

        Account alice = world.person();
        world.person(false);
        Account admin = world.transactions.inTransaction(em -> world.accounts.upsert(em, new AccountDefinition(
                "admin-" + UUID.randomUUID().toString().substring(0, 8), Optional.empty(), "An administrator",
                Optional.empty(), false, true, true), world.clock.instant()));
        pat(alice, web, "counted");
        tokens.revoke(OPERATOR, pat(alice, web, "revoked").token().id());
        referenceTokens.store(admin, spa, ReferenceToken.Kind.SAT, "service", Set.of("orders:read"),
                Duration.ofDays(3));
        referenceTokens.store(admin, spa, ReferenceToken.Kind.SAT, "expires soon", Set.of("orders:read"),
                Duration.ofDays(1));
        opaqueAccessToken(alice, web);
        String disabled = "disabled-" + UUID.randomUUID();
        register(commands, disabled, "Disabled shop", ClientType.WEB, TestClients.WEB_REDIRECT);
        ApplicationCatalog catalog = new ApplicationCatalog(world.transactions, new ApplicationRepository());
        assertInstanceOf(ApplicationCommands.Done.class, commands.setEnabled(Actor.SYSTEM, disabled, false,
                catalog.find(disabled).orElseThrow().version()));
        Actor person = Actor.account(alice.subject(), "req-2", "192.0.2.2");
        trail.record(AuditEvent.success(person, SignInEvents.SIGN_IN, "account:" + alice.subject(), List.of(), ""));
        trail.record(AuditEvent.success(person, SignInEvents.SIGN_IN, "account:" + alice.subject(), List.of(), ""));
        trail.record(AuditEvent.failure(anonymous, SignInEvents.SIGN_IN, SignInEvents.SIGN_IN, "wrong password"));
        trail.record(AuditEvent.failure(anonymous, SignInEvents.THROTTLED, SignInEvents.SIGN_IN, "not counted"));

        Instant later = world.clock.instant().plus(Duration.ofDays(2));
        OverviewCounts.Figures after = counts.read(later, world.clock.instant().minus(Duration.ofHours(24)),
                SignInEvents.SIGN_IN);
        assertEquals(before.people() + 3, after.people());
        assertEquals(before.administrators() + 1, after.administrators());
        assertEquals(before.liveReferenceTokens().getOrDefault("pat", 0L) + 1,
                after.liveReferenceTokens().getOrDefault("pat", 0L), "the revoked one is not live");
        assertEquals(before.liveReferenceTokens().getOrDefault("sat", 0L) + 1,
                after.liveReferenceTokens().getOrDefault("sat", 0L), "the one expired two days on is not live");
        assertFalse(after.liveReferenceTokens().containsKey("at"), "a grant's opaque access token is not listed");
        OverviewCounts.Split webBefore = before.applications().getOrDefault("web", new OverviewCounts.Split(0, 0));
        assertEquals(new OverviewCounts.Split(webBefore.enabled(), webBefore.disabled() + 1),
                after.applications().get("web"));
        assertEquals(catalog.all().stream()
                .filter(a -> a.definition().type() == ClientType.WEB && a.definition().enabled()).count(),
                after.applications().get("web").enabled());
        assertEquals(before.signIns().getOrDefault("success", 0L) + 2, after.signIns().getOrDefault("success", 0L));
        assertEquals(1, after.signIns().getOrDefault("failure", 0L), "not the throttled one, nor the day-old one");
    }

    // --- slices (the console's tables: a position and a count)

    /** Every item of a listing slice by slice of {@code limit}, checking each slice's offset, size and total. */
    private static <T> List<T> allSlices(java.util.function.BiFunction<Integer, Integer, Slice<T>> listing,
                                         int limit) {
        List<T> all = new ArrayList<>();
        long total = listing.apply(0, limit).total();
        for (int offset = 0; offset < total; offset += limit) {
            Slice<T> slice = listing.apply(offset, limit);
            assertEquals(offset, slice.offset());
            assertEquals(total, slice.total());
            assertEquals(Math.min(limit, total - offset), slice.items().size(), "offset " + offset);
            all.addAll(slice.items());
        }
        Slice<T> beyond = listing.apply((int) total, limit);
        assertTrue(beyond.items().isEmpty(), "nothing past the end");
        assertEquals(total, beyond.total());
        return all;
    }

    @Test
    void slicesPageThroughTheSameRowsAsTheListingsAndCountThemWithEveryFilter() {
        Account alice = world.person();
        Account bob = world.person();
        for (int i = 0; i < 5; i++) {
            world.consents.remember(alice.id(), "gone-" + i + "-" + UUID.randomUUID(), Set.of("openid"));
        }
        world.consents.remember(alice.id(), web.clientId(), Set.of("openid"));
        world.consents.remember(bob.id(), web.clientId(), Set.of("openid"));
        for (int i = 0; i < 4; i++) {
            pat(alice, web, "alice " + i);
            world.clock.advance(Duration.ofSeconds(1));
        }
        String revokedPat = pat(alice, web, "revoked").token().id();
        tokens.revoke(OPERATOR, revokedPat);
        pat(alice, spa, "at spa");
        pat(bob, web, "bob");
        for (int i = 0; i < 4; i++) {
            refreshToken(alice, web);
            world.clock.advance(Duration.ofSeconds(1));
        }
        world.families.revoke(familyOf(refreshToken(alice, web)), world.clock.instant());
        refreshToken(bob, web);

        for (ConsentRecords.Filter filter : List.of(new ConsentRecords.Filter(Optional.of(alice.subject()),
                Optional.empty()), new ConsentRecords.Filter(Optional.empty(), Optional.of(web.clientId())))) {
            List<ConsentRecords.ConsentRecord> sliced = allSlices((offset, limit) -> consents.slice(filter, offset,
                    limit), 2);
            assertEquals(allPages(page -> consents.list(filter, page), 50, ConsentRecords::isPageKey), sliced);
        }
        assertEquals(6, consents.slice(new ConsentRecords.Filter(Optional.of(alice.subject()), Optional.empty()),
                0, 50).total());

        IssuedReferenceTokens.Filter liveOfAlice = new IssuedReferenceTokens.Filter(Optional.of(alice.subject()),
                Optional.empty(), Optional.empty(), Optional.of(TokenState.ACTIVE));
        IssuedReferenceTokens.Filter liveAtWeb = new IssuedReferenceTokens.Filter(Optional.empty(),
                Optional.of(web.clientId()), Optional.empty(), Optional.of(TokenState.ACTIVE));
        for (IssuedReferenceTokens.Filter filter : List.of(liveOfAlice, liveAtWeb)) {
            List<IssuedReferenceTokens.TokenRecord> sliced = allSlices((offset, limit) -> tokens.slice(filter,
                    offset, limit), 2);
            assertEquals(allPages(page -> tokens.list(filter, page), 50, IssuedReferenceTokens::isPageKey), sliced);
            assertFalse(sliced.stream().anyMatch(t -> t.id().equals(revokedPat)), "the revoked one is not live");
        }
        assertEquals(5, tokens.slice(liveOfAlice, 0, 1).total(), "4 at web and 1 at spa");

        RefreshTokenFamilies.Filter familiesOfAlice = new RefreshTokenFamilies.Filter(Optional.of(alice.subject()),
                Optional.empty(), Optional.of(TokenState.ACTIVE));
        RefreshTokenFamilies.Filter familiesAtWeb = new RefreshTokenFamilies.Filter(Optional.empty(),
                Optional.of(web.clientId()), Optional.of(TokenState.ACTIVE));
        for (RefreshTokenFamilies.Filter filter : List.of(familiesOfAlice, familiesAtWeb)) {
            assertEquals(allPages(page -> families.list(filter, page), 50, RefreshTokenFamilies::isPageKey),
                    allSlices((offset, limit) -> families.slice(filter, offset, limit), 3));
        }
        assertEquals(4, families.slice(familiesOfAlice, 0, 2).total(), "the revoked family is not live");
        assertEquals(5, families.slice(familiesAtWeb, 0, 2).total(), "alice's four and bob's");
        assertEquals(5, families.slice(new RefreshTokenFamilies.Filter(Optional.of(alice.subject()),
                Optional.empty(), Optional.empty()), 0, 2).total(), "every state");
        assertEquals(0, families.slice(new RefreshTokenFamilies.Filter(Optional.of("nobody"), Optional.empty(),
                Optional.empty()), 0, 2).total());
    }

    private Set<String> familyIds(Account account, Client client, TokenState state) {
        Set<String> ids = new HashSet<>();
        allPages(page -> families.list(new RefreshTokenFamilies.Filter(Optional.ofNullable(account)
                        .map(Account::subject), Optional.ofNullable(client).map(Client::clientId),
                        Optional.ofNullable(state)), page), 2, RefreshTokenFamilies::isPageKey)
                .forEach(f -> assertTrue(ids.add(f.familyId()), "listed twice: " + f.familyId()));
        return ids;
    }

    @Test
    void revokingAnAccountsFamiliesLeavesOtherAccountsAlone() {
        Account alice = world.person();
        Account bob = world.person();
        Secret aliceAtWeb = refreshToken(alice, web);
        Secret aliceAtSpa = refreshToken(alice, spa);
        Secret aliceRotated = refreshToken(alice, web);
        Secret aliceCurrent = world.refreshTokens.rotate(aliceRotated, web.clientId(), Set.of()).next();
        Secret bobAtWeb = refreshToken(bob, web);
        Secret aliceOpaque = opaqueAccessToken(alice, spa);
        Secret alicePat = pat(alice, web, "cli").value();
        String familyJti = "jti-" + UUID.randomUUID();
        String aliceFamily = familyOf(aliceAtWeb);
        world.families.recordAccessToken(aliceFamily, web.clientId(), new IssuedAccessToken(Secret.of("unused"),
                familyJti, SCOPES, world.clock.instant(), world.clock.instant().plus(SignInWorld.ACCESS_TTL)));

        RefreshTokenFamilies.Revoked revoked = assertInstanceOf(RefreshTokenFamilies.Revoked.class,
                families.revokeAllOfAccount(OPERATOR, alice.subject()));

        assertEquals(new RefreshTokenFamilies.Revoked("account:" + alice.subject(), 3, 3, 1), revoked);
        assertFalse(refreshes(aliceAtWeb, web));
        assertFalse(refreshes(aliceAtSpa, spa));
        assertFalse(refreshes(aliceCurrent, web));
        assertFalse(active(aliceOpaque, spa));
        boolean jwtRevoked = world.transactions.inTransaction(em -> world.revoked.isRevoked(em, familyJti));
        assertTrue(jwtRevoked, "the family's JWT access token is on the revocation list");
        assertTrue(refreshes(bobAtWeb, web), "another person's families stay");
        assertTrue(active(alicePat, web), "personal access tokens stay");

        assertEquals(new RefreshTokenFamilies.Revoked("account:" + alice.subject(), 0, 0, 0),
                families.revokeAllOfAccount(OPERATOR, alice.subject()), "revoking again takes back nothing");
        assertInstanceOf(RefreshTokenFamilies.NotFound.class, families.revokeAllOfAccount(OPERATOR, "nobody"));
        List<AuditEvent> events = audited("refresh_tokens.revoked");
        assertEquals(List.of(AuditEvent.Outcome.SUCCESS, AuditEvent.Outcome.SUCCESS, AuditEvent.Outcome.FAILURE),
                events.stream().map(AuditEvent::outcome).toList());
        assertEquals("account:" + alice.subject(), events.get(0).target());
    }

    @Test
    void revokingAnApplicationsFamiliesLeavesOtherApplicationsAlone() {
        Account alice = world.person();
        Account bob = world.person();
        Secret aliceAtWeb = refreshToken(alice, web);
        Secret bobAtWeb = refreshToken(bob, web);
        Secret aliceAtSpa = refreshToken(alice, spa);

        assertEquals(new RefreshTokenFamilies.Revoked("application:" + web.clientId(), 2, 2, 0),
                families.revokeAllOfApplication(OPERATOR, web.clientId()));

        assertFalse(refreshes(aliceAtWeb, web));
        assertFalse(refreshes(bobAtWeb, web));
        assertTrue(refreshes(aliceAtSpa, spa));
        assertInstanceOf(RefreshTokenFamilies.NotFound.class,
                families.revokeAllOfApplication(OPERATOR, "no-such-" + UUID.randomUUID()));
    }

    @Test
    void twoRevocationsOfAnAccountsFamiliesAtOnceRevokeEachTokenOnce() {
        Account alice = world.person();
        List<Secret> refreshTokens = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            refreshTokens.add(refreshToken(alice, i % 2 == 0 ? web : spa));
        }

        List<AtOnce.Outcome<RefreshTokenFamilies.Outcome>> outcomes = AtOnce.run(2,
                () -> families.revokeAllOfAccount(OPERATOR, alice.subject()));

        assertTrue(outcomes.stream().allMatch(AtOnce.Outcome::succeeded), outcomes::toString);
        List<RefreshTokenFamilies.Revoked> revoked = outcomes.stream()
                .map(o -> assertInstanceOf(RefreshTokenFamilies.Revoked.class, o.value().orElseThrow())).toList();
        assertEquals(5, revoked.stream().mapToInt(RefreshTokenFamilies.Revoked::families).sum(), outcomes::toString);
        assertEquals(5, revoked.stream().mapToInt(RefreshTokenFamilies.Revoked::refreshTokens).sum());
        assertTrue(refreshTokens.stream().noneMatch(t -> refreshes(t, web) || refreshes(t, spa)));
    }

    // --- token revocations commit with their audit events

    @Test
    void aPersonalAccessTokensIssueCommitsWithItsAuditEventOrNotAtAll() {
        Account alice = world.person();
        InterruptedAuditTrail failing = new InterruptedAuditTrail(database(), InterruptedAuditTrail.At.BEFORE_COMMIT);

        assertThrows(InterruptedAuditTrail.Interruption.class, () -> referenceTokensAuditedBy(failing)
                .store(alice, web, ReferenceToken.Kind.PAT, "cli", Set.of("orders:read"), Duration.ofDays(30)));

        assertEquals(List.of(), referenceTokens.issuedBy(alice), "the issue was rolled back");

        InterruptedAuditTrail dying = new InterruptedAuditTrail(database(), InterruptedAuditTrail.At.AFTER_COMMIT);
        InterruptedAuditTrail.survived(() -> referenceTokensAuditedBy(dying).store(alice, web,
                ReferenceToken.Kind.PAT, "cli", Set.of("orders:read"), Duration.ofDays(30)));

        List<ReferenceTokens.Listed> issued = referenceTokens.issuedBy(alice);
        assertEquals(1, issued.size());
        assertEquals(1, dying.stored("personal_access_token.issued", "personal_access_token:"
                + issued.get(0).id()).size(), "the token was stored, so its event was stored with it");
    }

    @Test
    void aPersonRevokingTheirTokenCommitsWithItsAuditEventOrNotAtAll() {
        Account alice = world.person();
        ReferenceTokens.Issued pat = pat(alice, web, "cli");
        String id = pat.token().id();
        InterruptedAuditTrail failing = new InterruptedAuditTrail(database(), InterruptedAuditTrail.At.BEFORE_COMMIT);

        assertThrows(InterruptedAuditTrail.Interruption.class, () -> referenceTokensAuditedBy(failing)
                .revokeIssuedBy(OPERATOR, alice, id));

        assertTrue(active(pat.value(), web), "the revocation was rolled back");
        assertEquals(List.of(), failing.stored("personal_access_token.revoked", "personal_access_token:" + id));

        InterruptedAuditTrail dying = new InterruptedAuditTrail(database(), InterruptedAuditTrail.At.AFTER_COMMIT);
        InterruptedAuditTrail.survived(() -> referenceTokensAuditedBy(dying).revokeIssuedBy(OPERATOR, alice, id));

        assertFalse(active(pat.value(), web));
        assertEquals(1, dying.stored("personal_access_token.revoked", "personal_access_token:" + id).size(),
                "the token was revoked, so its event was stored with it");
    }

    @Test
    void anApplicationRevokingATokenCommitsWithItsAuditEventOrNotAtAll() {
        Account admin = world.person();
        ReferenceTokens.Issued sat = referenceTokens.store(admin, web, ReferenceToken.Kind.SAT, "deploy",
                Set.of("orders:read"), Duration.ofDays(30));
        String target = "service_access_token:" + sat.token().id();
        InterruptedAuditTrail failing = new InterruptedAuditTrail(database(), InterruptedAuditTrail.At.BEFORE_COMMIT);

        assertThrows(InterruptedAuditTrail.Interruption.class, () -> referenceTokensAuditedBy(failing)
                .revokeForClient(web, sat.value()));

        assertTrue(active(sat.value(), web), "the revocation was rolled back");
        assertEquals(List.of(), failing.stored("service_access_token.revoked", target));

        InterruptedAuditTrail dying = new InterruptedAuditTrail(database(), InterruptedAuditTrail.At.AFTER_COMMIT);
        InterruptedAuditTrail.survived(() -> referenceTokensAuditedBy(dying).revokeForClient(web, sat.value()));

        assertFalse(active(sat.value(), web));
        List<AuditEvent> stored = dying.stored("service_access_token.revoked", target);
        assertEquals(1, stored.size(), "the token was revoked, so its event was stored with it");
        assertEquals(Actor.Kind.APPLICATION, stored.get(0).actor().kind());
    }

    private ReferenceTokens referenceTokensAuditedBy(AuditTrail trail) {
        return new ReferenceTokens(world.transactions, new ReferenceTokenRepository(), trail, world.clock);
    }

    @Test
    void anAdministratorsTokenRevocationCommitsWithItsAuditEventOrNotAtAll() {
        Account alice = world.person();
        ReferenceTokens.Issued pat = pat(alice, web, "cli");
        String id = pat.token().id();
        InterruptedAuditTrail failing = new InterruptedAuditTrail(database(), InterruptedAuditTrail.At.BEFORE_COMMIT);

        assertThrows(InterruptedAuditTrail.Interruption.class, () -> new IssuedReferenceTokens(world.transactions,
                new ReferenceTokenRepository(), failing, world.clock).revoke(OPERATOR, id));

        assertTrue(active(pat.value(), web), "the revocation was rolled back");
        assertEquals(List.of(), failing.stored("reference_token.revoked", "reference_token:" + id));

        InterruptedAuditTrail dying = new InterruptedAuditTrail(database(), InterruptedAuditTrail.At.AFTER_COMMIT);
        InterruptedAuditTrail.survived(() -> new IssuedReferenceTokens(world.transactions,
                new ReferenceTokenRepository(), dying, world.clock).revoke(OPERATOR, id));

        assertFalse(active(pat.value(), web));
        assertEquals(1, dying.stored("reference_token.revoked", "reference_token:" + id).size(),
                "the token was revoked, so its event was stored with it");
    }

    @Test
    void revokingRefreshTokenFamiliesCommitsWithTheAuditEventOrNotAtAll() {
        Account alice = world.person();
        refreshToken(alice, web);
        refreshToken(alice, spa);
        String target = "account:" + alice.subject();
        RefreshTokenFamilies.Filter liveOfAlice = new RefreshTokenFamilies.Filter(Optional.of(alice.subject()),
                Optional.empty(), Optional.of(TokenState.ACTIVE));
        InterruptedAuditTrail failing = new InterruptedAuditTrail(database(), InterruptedAuditTrail.At.BEFORE_COMMIT);

        assertThrows(InterruptedAuditTrail.Interruption.class, () -> familiesAuditedBy(failing)
                .revokeAllOfAccount(OPERATOR, alice.subject()));

        assertEquals(2, families.slice(liveOfAlice, 0, 10).total(), "the revocation was rolled back");
        assertEquals(List.of(), failing.stored("refresh_tokens.revoked", target));

        InterruptedAuditTrail dying = new InterruptedAuditTrail(database(), InterruptedAuditTrail.At.AFTER_COMMIT);
        InterruptedAuditTrail.survived(() -> familiesAuditedBy(dying).revokeAllOfAccount(OPERATOR,
                alice.subject()));

        assertEquals(0, families.slice(liveOfAlice, 0, 10).total());
        assertEquals(1, dying.stored("refresh_tokens.revoked", target).size(),
                "the families were revoked, so their event was stored with them");

        refreshToken(alice, web);
        String application = "application:" + web.clientId();
        InterruptedAuditTrail.survived(() -> familiesAuditedBy(dying).revokeAllOfApplication(OPERATOR,
                web.clientId()));

        assertEquals(0, families.slice(liveOfAlice, 0, 10).total());
        assertEquals(1, dying.stored("refresh_tokens.revoked", application).size());
    }

    private RefreshTokenFamilies familiesAuditedBy(AuditTrail trail) {
        AccountRepository accounts = new AccountRepository();
        return new RefreshTokenFamilies(world.transactions, new RefreshGrantRepository(), world.families,
                new IssuedCredentialRepository(), accounts, new ApplicationRepository(), trail, world.clock);
    }

    private String familyOf(Secret refreshToken) {
        return world.transactions.inTransaction(em -> world.refreshRepository.find(em,
                RefreshTokenValue.presented(refreshToken).familyKey()).orElseThrow().grant().familyId());
    }
}
