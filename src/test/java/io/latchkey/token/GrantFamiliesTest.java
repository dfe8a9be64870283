package io.latchkey.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.account.Account;
import io.latchkey.security.Secret;
import io.latchkey.store.Database;
import io.latchkey.testing.SignInWorld;
import io.latchkey.testing.TestClients;
import io.latchkey.testing.TestDatabase;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RFC 9700 §4.14.2 and RFC 7009 §2.1: a grant is taken back whole — refresh tokens and access tokens. */
class GrantFamiliesTest {
    private static Database database;
    private SignInWorld world;
    private Account person;
    private Instant start;
    private String family;
    private String otherFamily;

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
        start = world.clock.instant();
        family = UUID.randomUUID().toString();
        otherFamily = UUID.randomUUID().toString();
    }

    private IssuedAccessToken recorded(String familyId) {
        IssuedAccessToken token = world.accessTokens.issue(AccessTokenClaims.forPerson(person.subject(), "web",
                Set.of("openid"), start, AccessTokenClaims.newJti()));
        world.families.recordAccessToken(familyId, "web", token);
        return token;
    }

    private long revokedRows(String jti) {
        return TestDatabase.count(database, "select count(*) from revoked_token where jti = ?1", jti);
    }

    @Test
    void recordingAnAccessTokenRemembersItsFamilyClientAndExpiry() {
        IssuedAccessToken token = recorded(family);
        assertEquals(1, TestDatabase.count(database, "select count(*) from issued_access_token where jti = ?1 "
                + "and family_id = ?2 and client_id = 'web' and expires_at = ?3", token.jti(), family,
                token.expiresAt()));
    }

    @Test
    void revokingAFamilyRevokesItsLiveAccessTokensOnly() {
        IssuedAccessToken first = recorded(family);
        IssuedAccessToken second = recorded(family);
        IssuedAccessToken bystander = recorded(otherFamily);
        Instant past = start.minusSeconds(600);
        IssuedAccessToken expired = new IssuedAccessToken(Secret.of("expired"), AccessTokenClaims.newJti(),
                Set.of("openid"), past, past.plus(SignInWorld.ACCESS_TTL));
        world.families.recordAccessToken(family, "web", expired);

        world.families.revoke(family, start);

        assertEquals(Optional.empty(), world.verifier.verify(first.value()));
        assertEquals(Optional.empty(), world.verifier.verify(second.value()));
        assertTrue(world.verifier.verify(bystander.value()).isPresent(), "another family");
        assertEquals(0, revokedRows(bystander.jti()));
        assertEquals(0, revokedRows(expired.jti()), "an expired token needs no deny-list entry");
        assertEquals(1, TestDatabase.count(database, "select count(*) from revoked_token where jti = ?1 "
                + "and expires_at = ?2", first.jti(), first.expiresAt()), "kept until the token would expire");
    }

    @Test
    void anAccessTokenExpiringExactlyNowIsNotLive() {
        IssuedAccessToken token = recorded(family);
        world.clock.set(token.expiresAt());
        world.families.revoke(family, world.clock.instant());
        assertEquals(0, revokedRows(token.jti()));
    }

    @Test
    void revokingAFamilyRevokesItsLiveRefreshTokenAndCountsIt() {
        Secret first = world.refreshTokens.start(family, "web", person.id(), Set.of("openid"), start, "sid-1");
        world.refreshTokens.rotate(first, "web", Set.of());
        Secret bystander = world.refreshTokens.start(otherFamily, "web", person.id(), Set.of("openid"), start, "sid-1");

        int count = world.transactions.inTransaction(em -> world.families.revoke(em, family, start));

        assertEquals(1, count, "one live refresh token per family, however often it was rotated");
        assertEquals(0, TestDatabase.count(database,
                "select count(*) from refresh_grant where family_id = ?1 and revoked_at is null", family));
        int again = world.transactions.inTransaction(em -> world.families.revoke(em, family, start));
        assertEquals(0, again, "already revoked");
        world.refreshTokens.rotate(bystander, "web", Set.of());
    }

    @Test
    void revokingAnAccessTokenTwiceKeepsOneEntry() {
        IssuedAccessToken token = recorded(family);
        world.transactions.run(em -> world.families.revokeAccessToken(em, token.jti(), start, token.expiresAt()));
        world.transactions.run(em -> world.families.revokeAccessToken(em, token.jti(), start, token.expiresAt()));
        assertEquals(1, revokedRows(token.jti()));
        assertEquals(Optional.empty(), world.verifier.verify(token.value()));
    }
}
