package io.latchkey.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.account.Account;
import io.latchkey.account.AccountDefinition;
import io.latchkey.account.CredentialThrottle;
import io.latchkey.client.AccessTokenPolicy;
import io.latchkey.client.Client;
import io.latchkey.error.ErrorCode;
import io.latchkey.error.OAuthException;
import io.latchkey.security.Secret;
import io.latchkey.store.AccountRepository;
import io.latchkey.store.Database;
import io.latchkey.store.HibernateThrottleStorage;
import io.latchkey.store.LoginThrottleRepository;
import io.latchkey.store.ReferenceTokenRepository;
import io.latchkey.testing.SignInWorld;
import io.latchkey.testing.TestClients;
import io.latchkey.testing.TestDatabase;
import io.latchkey.testing.TestKeys;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Personal and service access tokens stored, used as bearer tokens everywhere, listed and revoked. */
class ReferenceTokensTest {
    private static final Client APP = TestClients.webApp("pat-app")
            .withAccessTokens(AccessTokenPolicy.AUTHENTICATED_USERS).build();
    private static final Client OTHER = TestClients.webApp("other-app").build();
    private static final Client CLOSED = TestClients.webApp("closed-app").build();
    private static final Client ADMINS_ONLY = TestClients.webApp("batch-app").named("batch")
            .withAccessTokens(AccessTokenPolicy.ADMINISTRATORS_ONLY).withMaxReferenceTokenLifetime(Duration.ofDays(7))
            .build();
    private static final Client SWITCHED_OFF = TestClients.webApp("off-app").named("Anything")
            .withAccessTokens(AccessTokenPolicy.AUTHENTICATED_USERS).disabled().build();
    private static Database database;
    private SignInWorld world;
    private ReferenceTokenService service;
    private Account person;

    @BeforeAll
    static void openDatabase() {
        database = TestDatabase.open();
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    @BeforeEach
    void newWorld() {
        world = new SignInWorld(database, APP, OTHER, CLOSED, ADMINS_ONLY, SWITCHED_OFF);
        service = new ReferenceTokenService(world.clients, new ReferenceTokens(world.transactions,
                new ReferenceTokenRepository(), world.clock), () -> List.of(
                ADMINS_ONLY.clientId(), APP.clientId(), CLOSED.clientId(), "gone-app", OTHER.clientId(),
                SWITCHED_OFF.clientId()));
        person = world.person();
    }

    private ReferenceTokens.Issued pat(String... scopes) {
        return service.issue(person, new ReferenceTokenService.IssueRequest(ReferenceToken.Kind.PAT, "laptop",
                APP.clientId(), Set.of(scopes), Duration.ofDays(30)));
    }

    @Test
    void aPersonalTokenActsAsItsOwnerAtEveryBearerEndpoint() {
        Secret value = pat("openid", "profile", "orders:read").value();
        AccessTokenVerifier.VerifiedAccessToken token = world.verifier.verify(value).orElseThrow();
        assertEquals(person.subject(), token.subject());
        assertEquals(APP.clientId(), token.clientId());
        assertEquals(Set.of("openid", "profile", "orders:read"), token.scopes());
        assertEquals(world.clock.instant().plus(Duration.ofDays(30)), token.expiresAt());

        Map<String, Object> claims = new UserInfoEndpoint(world.verifier, world.accounts).claims(value, "192.0.2.1");
        assertEquals(person.subject(), claims.get("sub"));

        Map<String, Object> info = new TokenInfoEndpoint(world.verifier, world.clock).info(value, "192.0.2.1");
        assertEquals(true, info.get("active"));
        assertEquals(person.subject(), info.get("sub"));

        Map<String, Object> json = world.introspection().introspect(APP, value, Optional.empty());
        assertEquals(true, json.get("active"));
        assertEquals("Bearer", json.get("token_type"));
        assertEquals(APP.clientId(), json.get("client_id"));
        assertEquals(person.username(), json.get("username"));
        assertEquals(TestKeys.ISSUER, json.get("iss"));
        assertEquals("openid orders:read profile", json.get("scope"));
    }

    @Test
    void anotherApplicationCannotIntrospectOrRevokeIt() {
        Secret value = pat("orders:read").value();
        assertEquals(Introspection.INACTIVE, world.introspection().introspect(OTHER, value, Optional.empty()));
        world.revocation().revoke(OTHER, value, Optional.empty());
        assertTrue(world.verifier.verify(value).isPresent());
    }

    @Test
    void revokingThroughTheApplicationEndsItAtOnce() {
        Secret value = pat("orders:read").value();
        world.revocation().revoke(APP, value, Optional.of("refresh_token"));
        assertEquals(Introspection.INACTIVE, world.introspection().introspect(APP, value, Optional.empty()));
    }

    @Test
    void revokingFromThePageEndsItAndRemovesItFromTheList() {
        ReferenceTokens.Issued issued = pat("orders:read");
        assertEquals(1, service.issuedBy(person).size());
        assertFalse(service.revoke(world.person(), issued.token().id()));
        assertTrue(service.revoke(person, issued.token().id()));
        assertFalse(service.revoke(person, issued.token().id()));
        assertTrue(service.issuedBy(person).isEmpty());
        assertTrue(world.verifier.verify(issued.value()).isEmpty());
    }

    @Test
    void anExpiredTokenIsInactive() {
        Secret value = pat("orders:read").value();
        world.clock.advance(Duration.ofDays(30));
        assertTrue(world.verifier.verify(value).isEmpty());
    }

    @Test
    void aDisabledOwnersTokenIsInactive() {
        Secret value = pat("orders:read").value();
        world.setEnabled(person, false);
        assertTrue(world.verifier.verify(value).isEmpty());
    }

    @Test
    void aTypoIsNotLookedUpAndNotActive() {
        String value = pat("orders:read").value().reveal();
        char last = value.charAt(value.length() - 1);
        Secret typo = Secret.of(value.substring(0, value.length() - 1) + (last == 'a' ? 'b' : 'a'));
        assertTrue(world.verifier.verify(typo).isEmpty());
    }

    @Test
    void madeUpTokensFromOneAddressAreBrakedWhileRealOnesFromElsewhereStillWork() {
        ReferenceTokens braked = new ReferenceTokens(world.transactions, new ReferenceTokenRepository(), new CredentialThrottle(new HibernateThrottleStorage(world.transactions,
                new LoginThrottleRepository(), new AccountRepository()), world.clock), world.clock);
        Secret real = pat("openid").value();
        String guesser = "198.51.100." + (1 + new java.util.Random().nextInt(250));
        String owner = "2001:db8:" + Integer.toHexString(new java.util.Random().nextInt(0xffff)) + "::1";
        for (int i = 0; i <= CredentialThrottle.FREE_LOOKUP_FAILURES; i++) {
            assertEquals(Optional.empty(), braked.verify(ReferenceToken.generate(ReferenceToken.Kind.PAT), guesser),
                    "made-up token " + i);
        }
        OAuthException refused = assertThrows(OAuthException.class,
                () -> braked.verify(ReferenceToken.generate(ReferenceToken.Kind.PAT), guesser));
        assertEquals(429, refused.error().code().status());
        assertEquals(Optional.of(2L), refused.retryAfterSeconds());
        assertThrows(OAuthException.class, () -> braked.verify(real, guesser),
                "a real token from the braked address is refused unread too");

        assertTrue(braked.verify(real, owner).isPresent(), "the owner elsewhere is not concerned");
        assertTrue(braked.verify(real).isPresent(), "an authenticated client asking about it is not concerned");
        assertEquals(Optional.empty(), braked.verify(Secret.of("lk_pat_typo"), guesser),
                "a value that is not even well-formed is not looked up, so it is neither braked nor counted");
        world.clock.advanceSeconds(2);
        assertTrue(braked.verify(real, guesser).isPresent(), "the block ends");
    }

    @Test
    void lastUseIsRecordedAtMostOnceAMinute() {
        ReferenceTokens.Issued issued = pat("orders:read");
        assertEquals(Optional.empty(), service.issuedBy(person).get(0).lastUsedAt());
        world.verifier.verify(issued.value());
        var first = service.issuedBy(person).get(0).lastUsedAt().orElseThrow();
        world.clock.advanceSeconds(30);
        world.verifier.verify(issued.value());
        assertEquals(first, service.issuedBy(person).get(0).lastUsedAt().orElseThrow());
        world.clock.advanceSeconds(31);
        world.verifier.verify(issued.value());
        assertEquals(first.plusSeconds(61), service.issuedBy(person).get(0).lastUsedAt().orElseThrow());
    }

    @Test
    void aServiceTokenActsAsTheApplicationAndOnlyAnAdministratorIssuesIt() {
        var request = new ReferenceTokenService.IssueRequest(ReferenceToken.Kind.SAT, "batch", APP.clientId(),
                Set.of("orders:read"), Duration.ofDays(10));
        assertEquals(ErrorCode.ACCESS_DENIED,
                assertThrows(OAuthException.class, () -> service.issue(person, request)).error().code());
        Secret value = service.issue(admin(), request).value();
        assertTrue(value.reveal().startsWith("lk_sat_"));
        AccessTokenVerifier.VerifiedAccessToken token = world.verifier.verify(value).orElseThrow();
        assertEquals("client:" + APP.clientId(), token.subject());
        Map<String, Object> json = world.introspection().introspect(APP, value, Optional.empty());
        assertEquals("client:" + APP.clientId(), json.get("sub"));
        assertFalse(json.containsKey("username"));
    }

    @Test
    void anApplicationWithNoneIssuesNothingEvenToAnAdministrator() {
        var request = new ReferenceTokenService.IssueRequest(ReferenceToken.Kind.SAT, "batch", CLOSED.clientId(),
                Set.of("orders:read"), Duration.ofDays(10));
        assertEquals(ErrorCode.ACCESS_DENIED,
                assertThrows(OAuthException.class, () -> service.issue(admin(), request)).error().code());
    }

    @Test
    void anUnknownApplicationOrAMissingNameIsABadRequest() {
        assertThrows(OAuthException.class, () -> service.issue(person, new ReferenceTokenService.IssueRequest(
                ReferenceToken.Kind.PAT, "x", "nope", Set.of("orders:read"), Duration.ofDays(1))));
        assertThrows(OAuthException.class, () -> service.issue(person, new ReferenceTokenService.IssueRequest(
                ReferenceToken.Kind.PAT, " ", APP.clientId(), Set.of("orders:read"), Duration.ofDays(1))));
    }

    @Test
    void offersAPersonTheApplicationsOpenToEveryoneWithTheirScopesAndCap() {
        List<ReferenceTokenService.Offer> offers = service.offersFor(person);

        assertEquals(List.of(APP.clientId()), offers.stream().map(ReferenceTokenService.Offer::clientId).toList());
        ReferenceTokenService.Offer offer = offers.get(0);
        assertEquals(APP.name(), offer.name());
        assertEquals(90, offer.maxDays());
        assertEquals(ReferenceTokenPolicy.issuableScopes(APP, ReferenceToken.Kind.PAT), offer.personalScopes());
        assertFalse(offer.personalScopes().contains("offline_access"));
        assertFalse(offer.serviceScopes().contains("openid"));
    }

    @Test
    void offersAnAdministratorTheAdministratorsOnlyApplicationsTooByName() {
        assertEquals(List.of(ADMINS_ONLY.clientId(), APP.clientId()), service.offersFor(admin()).stream()
                .map(ReferenceTokenService.Offer::clientId).toList());
        assertEquals(7, service.offersFor(admin()).get(0).maxDays());
    }

    /** A name holds no control character (C1's NEL included) and no unpaired surrogate: it is shown on one line. */
    @ParameterizedTest
    @ValueSource(strings = {"laptop\nkey", "laptop\u0085key", "laptop\u009bkey", "laptop\ud800"})
    void aNameThatIsNotOneLineOfTextIsRefused(String name) {
        var request = new ReferenceTokenService.IssueRequest(ReferenceToken.Kind.PAT, name, APP.clientId(),
                Set.of("orders:read"), Duration.ofDays(30));

        var refused = (ReferenceTokenService.Refused) service.create(actor(), person, request);

        assertEquals(Set.of(ReferenceTokenPolicy.Field.NAME), refused.problems().keySet());
        assertTrue(service.issuedBy(person).isEmpty());
    }

    @Test
    void namesEveryWrongFieldAndTheRuleItBroke() {
        var request = new ReferenceTokenService.IssueRequest(ReferenceToken.Kind.PAT, " ", APP.clientId(),
                Set.of("orders:read", "offline_access"), Duration.ofDays(91));

        var refused = (ReferenceTokenService.Refused) service.create(actor(), person, request);

        assertEquals(Set.of(ReferenceTokenPolicy.Field.NAME, ReferenceTokenPolicy.Field.SCOPE,
                ReferenceTokenPolicy.Field.LIFETIME), refused.problems().keySet());
        assertEquals("Give the token a name of 1 to 100 characters, on one line.",
                refused.problems().get(ReferenceTokenPolicy.Field.NAME));
        assertTrue(refused.problems().get(ReferenceTokenPolicy.Field.SCOPE).startsWith(
                "This application cannot carry offline_access; choose from: "), refused.problems().toString());
        assertEquals("Enter a whole number of days from 1 to 90: this application's tokens last at most 90 days.",
                refused.problems().get(ReferenceTokenPolicy.Field.LIFETIME));
        assertTrue(service.issuedBy(person).isEmpty());
    }

    @Test
    void anUnreadableLifetimeNoScopeOrAnUnknownApplicationAreFieldProblemsToo() {
        var noScope = (ReferenceTokenService.Refused) service.create(actor(), person,
                new ReferenceTokenService.IssueRequest(ReferenceToken.Kind.PAT, "cli", APP.clientId(), Set.of(), null));
        assertEquals(Map.of(ReferenceTokenPolicy.Field.SCOPE, "Choose at least one scope.",
                ReferenceTokenPolicy.Field.LIFETIME,
                "Enter a whole number of days from 1 to 90: this application's tokens last at most 90 days."),
                noScope.problems());
        var unknown = (ReferenceTokenService.Refused) service.create(actor(), person,
                new ReferenceTokenService.IssueRequest(ReferenceToken.Kind.PAT, "cli", "gone-app", Set.of("openid"),
                        Duration.ofDays(1)));
        assertEquals(Map.of(ReferenceTokenPolicy.Field.APPLICATION, "Choose an application from the list."),
                unknown.problems());
    }

    @Test
    void aRightRequestIsCreated() {
        var created = (ReferenceTokenService.Created) service.create(actor(), person,
                new ReferenceTokenService.IssueRequest(ReferenceToken.Kind.PAT, " cli ", APP.clientId(),
                        Set.of("openid"), Duration.ofDays(90)));
        assertEquals("cli", created.issued().token().name());
        assertEquals(1, service.issuedBy(person).size());
    }

    private io.latchkey.audit.Actor actor() {
        return io.latchkey.audit.Actor.account(person.subject(), null, null);
    }

    private Account admin() {
        String username = "a-" + UUID.randomUUID().toString().substring(0, 12);
        return world.transactions.inTransaction(em -> world.accounts.upsert(em, new AccountDefinition(username,
                Optional.empty(), "Admin " + username, Optional.empty(), false, true, true), world.clock.instant()));
    }
}
