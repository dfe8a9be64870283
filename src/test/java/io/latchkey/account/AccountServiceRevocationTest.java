package io.latchkey.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.client.Client;
import io.latchkey.error.ErrorCode;
import io.latchkey.error.OAuthException;
import io.latchkey.security.Secret;
import io.latchkey.store.Database;
import io.latchkey.store.ReferenceTokenRepository;
import io.latchkey.testing.SignInWorld;
import io.latchkey.testing.TestClients;
import io.latchkey.testing.TestDatabase;
import io.latchkey.testing.TestKeys;
import io.latchkey.testing.TestRequests;
import io.latchkey.token.AccessTokenClaims;
import io.latchkey.token.AccessTokenIssuer;
import io.latchkey.token.IssuedAccessToken;
import io.latchkey.token.ReferenceToken;
import io.latchkey.token.ReferenceTokens;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A person's password change or disable (the command the import file applies) over the real database: what
 * their sign-ins produced stops working at once and for good — refresh tokens of every family, browser
 * sessions, authorization codes, JWT and opaque access tokens. Personal access tokens end with a disable only.
 */
class AccountServiceRevocationTest {
    private static final Client WEB = TestClients.webApp("web").build();
    private static final Set<String> SCOPES = Set.of("openid", "offline_access", "orders:read");
    private static final Secret FIRST = Secret.of("the first long password");
    private static final Secret SECOND = Secret.of("the second long password");
    private static Database database;
    private SignInWorld world;
    private ReferenceTokens referenceTokens;
    private AccessTokenIssuer referenceIssuer;
    private Account person;

    /** Everything a person holds after signing in to one application. */
    private final class Held {
        final Secret session = world.sessions.start(person.id(), "pwd").cookieValue();
        final Secret refresh = world.refreshTokens.start(UUID.randomUUID().toString(), WEB.clientId(), person.id(),
                SCOPES, world.clock.instant(), "sid-1");
        final Secret otherFamily = world.refreshTokens.start(UUID.randomUUID().toString(), WEB.clientId(), person.id(),
                SCOPES, world.clock.instant(), "sid-2");
        final IssuedAccessToken jwt = world.accessTokens.issue(claims());
        final IssuedAccessToken opaque = referenceIssuer.issue(claims(), true, Optional.of(person.id()));
        final Secret pat = referenceTokens.store(person, WEB, ReferenceToken.Kind.PAT, "laptop",
                Set.of("orders:read"), Duration.ofDays(30)).value();
        final Secret code = world.codes.issue(WEB.clientId(), person.id(), TestClients.WEB_REDIRECT, true,
                TestRequests.CHALLENGE, Optional.empty(), SCOPES, world.clock.instant(), "sid-1");
    }

    @BeforeAll
    static void openDatabase() {
        database = TestDatabase.open();
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    @BeforeEach
    void person() {
        world = new SignInWorld(database, WEB);
        referenceTokens = new ReferenceTokens(world.transactions, new ReferenceTokenRepository(), world.clock);
        referenceIssuer = new AccessTokenIssuer(TestKeys.ISSUER, SignInWorld.ACCESS_TTL, world.keys, world.scopes,
                Optional.of(referenceTokens), world.clock);
        String username = "p-" + UUID.randomUUID().toString().substring(0, 12);
        person = upsert(new AccountDefinition(username, Optional.of(FIRST), "Person", Optional.empty(), false, false,
                true));
    }

    private Account upsert(AccountDefinition definition) {
        Account account = world.transactions.inTransaction(em -> world.accounts.upsert(em, definition,
                world.clock.instant()));
        world.clock.advance(Duration.ofSeconds(1));
        return account;
    }

    private AccountDefinition with(Optional<Secret> password, boolean enabled) {
        return new AccountDefinition(person.username(), password, person.displayName(), person.email(),
                person.emailVerified(), person.admin(), enabled);
    }

    private AccessTokenClaims claims() {
        return AccessTokenClaims.forPerson(person.subject(), WEB.clientId(), SCOPES, world.clock.instant(),
                AccessTokenClaims.newJti());
    }

    private void assertRefreshRefused(Secret refresh) {
        OAuthException e = assertThrows(OAuthException.class,
                () -> world.refreshTokens.rotate(refresh, WEB.clientId(), Set.of()));
        assertEquals(ErrorCode.INVALID_GRANT, e.error().code());
    }

    private void assertSignInsEnded(Held held) {
        assertEquals(Optional.empty(), world.sessions.find(held.session), "browser session");
        assertRefreshRefused(held.refresh);
        assertRefreshRefused(held.otherFamily);
        assertEquals(Optional.empty(), world.verifier.verify(held.jwt.value()), "JWT access token");
        assertEquals(Optional.empty(), world.verifier.verify(held.opaque.value()), "opaque access token");
        assertEquals(Optional.empty(), world.codes.redeem(held.code), "authorization code");
    }

    @Test
    void aPasswordChangeEndsEverySignInButKeepsPersonalAccessTokens() {
        Held held = new Held();
        assertTrue(world.verifier.verify(held.jwt.value()).isPresent(), "live before the change");
        assertTrue(world.sessions.find(held.session).isPresent(), "live before the change");

        upsert(with(Optional.of(SECOND), true));

        assertSignInsEnded(held);
        assertTrue(world.verifier.verify(held.pat).isPresent(), "a PAT outlives a password change");
        assertTrue(world.verifier.verify(world.accessTokens.issue(claims()).value()).isPresent(), "new tokens work");
    }

    @Test
    void reapplyingTheSamePasswordEndsNothing() {
        upsert(with(Optional.of(SECOND), true));
        Held held = new Held();

        upsert(with(Optional.of(SECOND), true));
        upsert(with(Optional.empty(), true));

        assertTrue(world.sessions.find(held.session).isPresent());
        assertTrue(world.verifier.verify(held.jwt.value()).isPresent());
        assertEquals(SCOPES, world.refreshTokens.rotate(held.refresh, WEB.clientId(), Set.of()).grant().scopes());
    }

    @Test
    void disablingEndsEverythingForGoodIncludingPersonalAccessTokens() {
        Held held = new Held();

        upsert(with(Optional.empty(), false));
        assertSignInsEnded(held);
        assertEquals(Optional.empty(), world.verifier.verify(held.pat));

        upsert(with(Optional.empty(), true));
        assertSignInsEnded(held);
        assertEquals(Optional.empty(), world.verifier.verify(held.pat), "a PAT from before stays revoked");
        assertTrue(world.verifier.verify(world.accessTokens.issue(claims()).value()).isPresent(), "new tokens work");
    }
}
