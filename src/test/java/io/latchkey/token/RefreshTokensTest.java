package io.latchkey.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.latchkey.account.Account;
import io.latchkey.error.ErrorCode;
import io.latchkey.error.OAuthException;
import io.latchkey.security.Secret;
import io.latchkey.store.Database;
import io.latchkey.testing.SignInWorld;
import io.latchkey.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RFC 9700 §4.14.2: rotation on every use, and reuse of a rotated token revokes its family. */
class RefreshTokensTest {
    private static final Set<String> GRANTED = Set.of("openid", "profile", "offline_access");
    private static Database database;
    private SignInWorld world;
    private Account person;
    private String family;
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
        world = new SignInWorld(database);
        person = world.person();
        family = UUID.randomUUID().toString();
        authTime = world.clock.instant().minusSeconds(5);
    }

    private Secret start() {
        return world.refreshTokens.start(family, "web", person.id(), GRANTED, authTime, "sid-9");
    }

    private static void assertInvalidGrant(Runnable call) {
        OAuthException e = assertThrows(OAuthException.class, call::run);
        assertEquals(ErrorCode.INVALID_GRANT, e.error().code());
        assertEquals("the refresh token is invalid, expired, revoked or was issued to another client",
                e.error().description());
    }

    @Test
    void aRotationReturnsANewTokenAndTheGrant() {
        Secret first = start();
        RefreshTokens.Rotation rotation = world.refreshTokens.rotate(first, "web", Set.of());
        assertNotEquals(first.reveal(), rotation.next().reveal());
        RefreshTokens.RefreshGrant grant = rotation.grant();
        assertEquals(family, grant.familyId());
        assertEquals("web", grant.clientId());
        assertEquals(person.id(), grant.accountId());
        assertEquals(GRANTED, grant.scopes());
        assertEquals(authTime, grant.authTime());
        assertEquals("sid-9", grant.sid());
        assertEquals(world.clock.instant().plus(SignInWorld.REFRESH_MAX), grant.familyExpiresAt(), "started now");
    }

    @Test
    void theNewTokenRotatesAgain() {
        Secret next = world.refreshTokens.rotate(start(), "web", Set.of()).next();
        Secret third = world.refreshTokens.rotate(next, "web", Set.of()).next();
        world.refreshTokens.rotate(third, "web", Set.of());
    }

    @Test
    void reusingARotatedTokenFailsAndRevokesTheWholeFamilyIncludingTheNewToken() {
        Secret first = start();
        Secret next = world.refreshTokens.rotate(first, "web", Set.of()).next();
        assertInvalidGrant(() -> world.refreshTokens.rotate(first, "web", Set.of()));
        assertInvalidGrant(() -> world.refreshTokens.rotate(next, "web", Set.of()));
        assertEquals(0, TestDatabase.count(database,
                "select count(*) from refresh_grant where family_id = ?1 and revoked_at is null", family));
        assertEquals(1, TestDatabase.count(database,
                "select count(*) from refresh_grant where family_id = ?1", family), "one row per family");
    }

    /** RFC 9700 §4.14.2 for every earlier token, not only the last one rotated away. */
    @Test
    void reusingATokenRotatedSeveralRefreshesAgoStillRevokesTheFamily() {
        Secret first = start();
        Secret second = world.refreshTokens.rotate(first, "web", Set.of()).next();
        Secret third = world.refreshTokens.rotate(second, "web", Set.of()).next();
        Secret fourth = world.refreshTokens.rotate(third, "web", Set.of()).next();
        assertInvalidGrant(() -> world.refreshTokens.rotate(first, "web", Set.of()));
        assertInvalidGrant(() -> world.refreshTokens.rotate(fourth, "web", Set.of()));
    }

    /** A token of the family altered by its holder is not the live one: the family goes as on a reuse. */
    @Test
    void theFamilysLocatorWithAnotherSecretRevokesTheFamily() {
        Secret live = start();
        String value = live.reveal();
        Secret altered = Secret.of(value.substring(0, value.indexOf('.') + 1) + "A".repeat(43));
        assertInvalidGrant(() -> world.refreshTokens.rotate(altered, "web", Set.of()));
        assertInvalidGrant(() -> world.refreshTokens.rotate(live, "web", Set.of()));
    }

    /** Any string locates no family unless it carries a family's locator: nothing is revoked. */
    @Test
    void malformedTokensAreUnknownAndRevokeNothing() {
        Secret live = start();
        for (String made : new String[] {"", ".", "..", "a.b.c", ".x", "x."}) {
            assertInvalidGrant(() -> world.refreshTokens.rotate(Secret.of(made), "web", Set.of()));
        }
        world.refreshTokens.rotate(live, "web", Set.of());
    }

    @Test
    void anotherClientCannotUseTheTokenAndTheOwnerStillCan() {
        Secret token = start();
        assertInvalidGrant(() -> world.refreshTokens.rotate(token, "other", Set.of()));
        world.refreshTokens.rotate(token, "web", Set.of());
    }

    @Test
    void anUnknownTokenIsAnInvalidGrant() {
        assertInvalidGrant(() -> world.refreshTokens.rotate(Secret.of("made-up"), "web", Set.of()));
    }

    @Test
    void theScopeMayNarrowForThisAccessTokenWhileTheFamilyKeepsTheGrant() {
        RefreshTokens.Rotation narrowed = world.refreshTokens.rotate(start(), "web", Set.of("openid"));
        assertEquals(Set.of("openid"), narrowed.grant().scopes());
        RefreshTokens.Rotation again = world.refreshTokens.rotate(narrowed.next(), "web", Set.of());
        assertEquals(GRANTED, again.grant().scopes());
    }

    @Test
    void wideningTheScopeIsAnInvalidScopeAndTheTokenStillWorks() {
        Secret token = start();
        OAuthException e = assertThrows(OAuthException.class,
                () -> world.refreshTokens.rotate(token, "web", Set.of("openid", "orders:read")));
        assertEquals(ErrorCode.INVALID_SCOPE, e.error().code());
        assertEquals(GRANTED, world.refreshTokens.rotate(token, "web", Set.of()).grant().scopes());
    }

    @Test
    void aTokenUnusedForTheIdleLifetimeExpires() {
        Secret token = start();
        world.clock.advance(SignInWorld.REFRESH_IDLE);
        assertInvalidGrant(() -> world.refreshTokens.rotate(token, "web", Set.of()));
    }

    @Test
    void aTokenUsedJustBeforeItsIdleLifetimeWorks() {
        Secret token = start();
        world.clock.advance(SignInWorld.REFRESH_IDLE.minusSeconds(1));
        world.refreshTokens.rotate(token, "web", Set.of());
    }

    @Test
    void theFamilyEndsAtItsAbsoluteLifetimeHoweverOftenItIsUsed() {
        Secret token = start();
        Duration step = SignInWorld.REFRESH_IDLE.dividedBy(2);
        Instant familyEnd = world.clock.instant().plus(SignInWorld.REFRESH_MAX);
        while (world.clock.instant().plus(step).isBefore(familyEnd)) {
            world.clock.advance(step);
            token = world.refreshTokens.rotate(token, "web", Set.of()).next();
        }
        world.clock.set(familyEnd.minusSeconds(1));
        token = world.refreshTokens.rotate(token, "web", Set.of()).next();
        world.clock.set(familyEnd);
        Secret last = token;
        assertInvalidGrant(() -> world.refreshTokens.rotate(last, "web", Set.of()));
    }

    @Test
    void theIdleLimitOfALateTokenIsCappedAtTheFamilyEnd() {
        Secret token = start();
        Instant familyEnd = world.clock.instant().plus(SignInWorld.REFRESH_MAX);
        Instant lateUse = familyEnd.minus(Duration.ofHours(1));
        Duration step = SignInWorld.REFRESH_IDLE.dividedBy(2);
        while (world.clock.instant().plus(step).isBefore(lateUse)) {
            world.clock.advance(step);
            token = world.refreshTokens.rotate(token, "web", Set.of()).next();
        }
        world.clock.set(lateUse);
        Secret late = world.refreshTokens.rotate(token, "web", Set.of()).next();
        assertEquals(1, TestDatabase.count(database,
                "select count(*) from refresh_grant where token_hash = ?1 and idle_expires_at = family_expires_at",
                late.hashed()));
    }

    @Test
    void revokeFamilyEndsEveryTokenOfThatFamilyOnly() {
        Secret token = start();
        Secret other = world.refreshTokens.start("other-" + family, "web", person.id(), GRANTED, authTime, "sid-9");
        world.families.revoke(family, world.clock.instant());
        assertInvalidGrant(() -> world.refreshTokens.rotate(token, "web", Set.of()));
        world.refreshTokens.rotate(other, "web", Set.of());
    }

    @Test
    void onlyTheHashOfATokenIsStored() {
        Secret token = start();
        String value = token.reveal();
        assertEquals(22 + 1 + 43, token.length(), "a 128-bit locator and 256 random bits");
        String locator = value.substring(0, value.indexOf('.'));
        assertEquals(1, TestDatabase.count(database,
                "select count(*) from refresh_grant where token_hash = ?1 and family_key = ?2", token.hashed(),
                Secret.of(locator).hashed()));
        for (String part : new String[] {value, locator, value.substring(value.indexOf('.') + 1)}) {
            assertEquals(0, TestDatabase.count(database, "select count(*) from refresh_grant where token_hash = ?1 "
                    + "or family_key = ?1", part));
        }
    }
}
