package io.latchkey.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.account.Account;
import io.latchkey.error.ErrorCode;
import io.latchkey.error.OAuthException;
import io.latchkey.security.Secret;
import io.latchkey.store.Database;
import io.latchkey.testing.SignInWorld;
import io.latchkey.testing.TestClients;
import io.latchkey.testing.TestDatabase;
import io.latchkey.testing.TestRequests;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RFC 6749 §4.1.2: short-lived, single use, and a replay revokes what the first use issued. */
class AuthorizationCodesTest {
    private static Database database;
    private SignInWorld world;
    private Account person;
    private Instant authTime;

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
        world = new SignInWorld(database, TestClients.webApp("web").build());
        person = world.person();
        authTime = world.clock.instant().minusSeconds(30);
    }

    private Secret issue() {
        return world.codes.issue("web", person.id(), TestClients.WEB_REDIRECT, true, TestRequests.CHALLENGE,
                Optional.of(TestRequests.NONCE), Set.of("openid", "offline_access"), authTime, "sid-1");
    }

    @Test
    void anIssuedCodeIsRedeemedOnceWithEverythingItWasBoundTo() {
        AuthorizationCodes.CodeGrant grant = world.codes.redeem(issue()).orElseThrow();
        assertEquals("web", grant.clientId());
        assertEquals(person.id(), grant.accountId());
        assertEquals(TestClients.WEB_REDIRECT, grant.redirectUri());
        assertEquals(TestRequests.CHALLENGE, grant.codeChallenge());
        assertEquals(Optional.of(TestRequests.NONCE), grant.nonce());
        assertEquals(Set.of("openid", "offline_access"), grant.scopes());
        assertEquals(authTime, grant.authTime());
        assertEquals("sid-1", grant.sid());
        assertEquals(22, grant.grantId().length(), "128 random bits");
        assertEquals(22, grant.accessTokenJti().length(), "128 random bits");
    }

    @Test
    void aCodeWithoutNonceHasNone() {
        Secret code = world.codes.issue("web", person.id(), TestClients.WEB_REDIRECT, true, TestRequests.CHALLENGE,
                Optional.empty(), Set.of("openid"), authTime, "sid-1");
        assertEquals(Optional.empty(), world.codes.redeem(code).orElseThrow().nonce());
    }

    @Test
    void eachCodeIsNewAnd256BitsAndOnlyItsHashIsStored() {
        Secret first = issue();
        Secret second = issue();
        assertNotEquals(first.reveal(), second.reveal());
        assertEquals(43, first.length());
        assertEquals(1, TestDatabase.count(database, "select count(*) from authorization_code where code_hash = ?1",
                first.hashed()));
        assertEquals(0, TestDatabase.count(database, "select count(*) from authorization_code where code_hash = ?1",
                first.reveal()));
    }

    @Test
    void aSecondRedemptionIsEmptyAndRevokesTheRefreshFamilyAndTheAccessToken() {
        Secret code = issue();
        AuthorizationCodes.CodeGrant grant = world.codes.redeem(code).orElseThrow();
        Secret refresh = world.refreshTokens.start(grant.grantId(), "web", person.id(), grant.scopes(),
                grant.authTime(), grant.sid());
        Secret unrelated = world.refreshTokens.start("another-family", "web", person.id(), grant.scopes(),
                grant.authTime(), grant.sid());

        world.clock.advanceSeconds(10);
        assertEquals(Optional.empty(), world.codes.redeem(code));

        assertEquals(1, TestDatabase.count(database,
                "select count(*) from revoked_token where jti = ?1", grant.accessTokenJti()));
        assertEquals(1, TestDatabase.count(database,
                "select count(*) from refresh_grant where family_id = ?1 and revoked_at is not null", grant.grantId()));
        OAuthException e = assertThrows(OAuthException.class,
                () -> world.refreshTokens.rotate(refresh, "web", Set.of()));
        assertEquals(ErrorCode.INVALID_GRANT, e.error().code());
        world.refreshTokens.rotate(unrelated, "web", Set.of());
    }

    @Test
    void theRevokedAccessTokenIdIsKeptUntilTheTokenWouldHaveExpired() {
        Secret code = issue();
        AuthorizationCodes.CodeGrant grant = world.codes.redeem(code).orElseThrow();
        Instant consumedAt = world.clock.instant();
        world.clock.advanceSeconds(10);
        world.codes.redeem(code);
        List<Object> expiry = TestDatabase.column(database, "select expires_at from revoked_token where jti = ?1",
                grant.accessTokenJti());
        Instant expiresAt = toInstant(expiry.get(0));
        assertTrue(!expiresAt.isBefore(consumedAt.plus(SignInWorld.ACCESS_TTL)), expiresAt.toString());
    }

    @Test
    void theRevokedAccessTokenIsRefusedByTheVerifier() {
        Secret code = issue();
        AuthorizationCodes.CodeGrant grant = world.codes.redeem(code).orElseThrow();
        IssuedAccessToken access = world.accessTokens.issue(AccessTokenClaims.forPerson(person.subject(), "web",
                grant.scopes(), grant.authTime(), grant.accessTokenJti()));
        assertTrue(world.verifier.verify(access.value()).isPresent());
        world.codes.redeem(code);
        assertEquals(Optional.empty(), world.verifier.verify(access.value()));
    }

    @Test
    void aCodeIsNotRedeemableAfterSixtySeconds() {
        Secret code = issue();
        world.clock.advance(Duration.ofSeconds(61));
        assertEquals(Optional.empty(), world.codes.redeem(code));
    }

    @Test
    void aCodeIsNotRedeemableAtExactlySixtySeconds() {
        Secret code = issue();
        world.clock.advance(AuthorizationCodes.LIFETIME);
        assertEquals(Optional.empty(), world.codes.redeem(code));
    }

    @Test
    void aCodeIsRedeemableJustBeforeItExpires() {
        Secret code = issue();
        world.clock.advance(Duration.ofSeconds(59));
        assertTrue(world.codes.redeem(code).isPresent());
    }

    @Test
    void anExpiredCodeRevokesNothing() {
        Secret code = issue();
        world.clock.advanceSeconds(61);
        world.codes.redeem(code);
        world.codes.redeem(code);
        assertEquals(0, TestDatabase.count(database,
                "select count(*) from authorization_code where code_hash = ?1 and consumed_at is not null",
                code.hashed()));
    }

    @Test
    void anUnknownCodeIsEmpty() {
        assertEquals(Optional.empty(), world.codes.redeem(Secret.of("not-a-code")));
    }

    @Test
    void ofTwoConcurrentRedemptionsExactlyOneWins() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 8; round++) {
                Secret code = issue();
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Optional<AuthorizationCodes.CodeGrant>>> results = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    results.add(pool.submit(() -> {
                        go.await();
                        return world.codes.redeem(code);
                    }));
                }
                go.countDown();
                int winners = 0;
                for (Future<Optional<AuthorizationCodes.CodeGrant>> result : results) {
                    winners += result.get(30, TimeUnit.SECONDS).isPresent() ? 1 : 0;
                }
                assertEquals(1, winners, "round " + round);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static Instant toInstant(Object value) {
        if (value instanceof java.time.OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toInstant();
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        throw new IllegalArgumentException(value.getClass().getName());
    }
}
