package io.latchkey.token;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.account.Account;
import io.latchkey.client.Client;
import io.latchkey.client.ClientAuthenticator;
import io.latchkey.client.FormParameters;
import io.latchkey.error.ErrorCode;
import io.latchkey.error.OAuthException;
import io.latchkey.security.Secret;
import io.latchkey.store.Database;
import io.latchkey.testing.SignInWorld;
import io.latchkey.testing.TestClients;
import io.latchkey.testing.TestDatabase;
import java.time.Instant;
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

/** RFC 7009: a client revokes its own tokens, a refresh token takes its family with it, the rest is a no-op. */
class RevocationTest {
    private static final Set<String> GRANTED = Set.of("openid", "offline_access", "orders:read");
    private static final Client WEB = TestClients.webApp("web").build();
    private static final Client OTHER = TestClients.webApp("other").build();
    private static final Client NATIVE = TestClients.nativeApp("native").withRefreshTokens().build();
    private static Database database;
    private SignInWorld world;
    private Revocation revocation;
    private Account person;
    private Instant start;
    private String family;

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
        world = new SignInWorld(database, WEB, OTHER, NATIVE);
        revocation = world.revocation();
        person = world.person();
        start = world.clock.instant();
        family = UUID.randomUUID().toString();
    }

    private IssuedAccessToken accessToken(String clientId) {
        return world.accessTokens.issue(AccessTokenClaims.forPerson(person.subject(), clientId, Set.of("orders:read"),
                start, AccessTokenClaims.newJti()));
    }

    /** An access token issued from {@code familyId}'s grant and recorded with it, as PersonTokens does. */
    private IssuedAccessToken familyAccessToken(String familyId, String clientId) {
        IssuedAccessToken token = accessToken(clientId);
        world.families.recordAccessToken(familyId, clientId, token);
        return token;
    }

    private Secret refreshToken(String familyId, String clientId) {
        return world.refreshTokens.start(familyId, clientId, person.id(), GRANTED, start, "sid-1");
    }

    private boolean valid(IssuedAccessToken token) {
        return world.verifier.verify(token.value()).isPresent();
    }

    private long liveRefreshTokens(String familyId) {
        return TestDatabase.count(database,
                "select count(*) from refresh_grant where family_id = ?1 and revoked_at is null", familyId);
    }

    /**
     * The access tokens a family's refreshes issued name the family (no row each): revoking the family through the
     * endpoint puts one entry on the deny list that the verifier (the list as the server holds it) applies to each
     * of them, until the last of them expires, and to no other family's.
     */
    @Test
    void revokingARefreshTokenRevokesEveryAccessTokenItsFamilysRefreshesIssued() {
        Secret first = refreshToken(family, "web");
        Instant accessEnd = start.plus(SignInWorld.ACCESS_TTL);
        RefreshTokens.Rotation rotation;
        try (GrantTransaction tx = world.grantStorage.begin()) {
            rotation = (RefreshTokens.Rotation) world.refreshTokens.rotate(tx, first, "web", Set.of(),
                    Optional.of(accessEnd));
            tx.commit();
        }
        IssuedAccessToken issuedByRefresh = world.accessTokens.issue(AccessTokenClaims.forPerson(person.subject(),
                "web", Set.of("orders:read"), start, AccessTokenClaims.familyJti(family)));
        IssuedAccessToken another = world.accessTokens.issue(AccessTokenClaims.forPerson(person.subject(), "web",
                Set.of("orders:read"), start, AccessTokenClaims.familyJti(UUID.randomUUID().toString())));
        assertTrue(valid(issuedByRefresh));

        revocation.revoke(WEB, rotation.next(), Optional.of("refresh_token"));

        assertInvalid(issuedByRefresh);
        assertTrue(valid(another), "another family's access token");
        assertEquals(1, TestDatabase.count(database, "select count(*) from revoked_token where jti = ?1 "
                + "and expires_at = ?2", AccessTokenClaims.familyEntry(family), accessEnd));
    }

    @Test
    void revokingItsOwnAccessTokenPutsItsJtiOnTheListUntilItExpires() {
        IssuedAccessToken token = accessToken("web");
        revocation.revoke(WEB, token.value(), Optional.empty());
        assertInvalid(token);
        assertEquals(1, TestDatabase.count(database,
                "select count(*) from revoked_token where jti = ?1 and expires_at = ?2", token.jti(),
                token.expiresAt()));
    }

    private void assertInvalid(IssuedAccessToken token) {
        assertEquals(Optional.empty(), world.verifier.verify(token.value()));
    }

    @Test
    void revokingAnAccessTokenWithARefreshTokenHintStillRevokesIt() {
        IssuedAccessToken token = accessToken("web");
        revocation.revoke(WEB, token.value(), Optional.of("refresh_token"));
        assertInvalid(token);
    }

    @Test
    void revokingAnAccessTokenLeavesItsRefreshFamilyAlone() {
        Secret refresh = refreshToken(family, "web");
        IssuedAccessToken token = familyAccessToken(family, "web");
        revocation.revoke(WEB, token.value(), Optional.of("access_token"));
        assertInvalid(token);
        assertEquals(1, liveRefreshTokens(family));
        world.refreshTokens.rotate(refresh, "web", Set.of());
    }

    @Test
    void anotherClientsAccessTokenIsLeftUnchanged() {
        IssuedAccessToken token = accessToken("web");
        revocation.revoke(OTHER, token.value(), Optional.empty());
        assertTrue(valid(token));
        assertEquals(0, TestDatabase.count(database, "select count(*) from revoked_token where jti = ?1", token.jti()));
    }

    @Test
    void revokingItsOwnRefreshTokenRevokesTheFamilyAndTheAccessTokensIssuedFromIt() {
        Secret first = refreshToken(family, "web");
        IssuedAccessToken firstAccess = familyAccessToken(family, "web");
        Secret second = world.refreshTokens.rotate(first, "web", Set.of()).next();
        IssuedAccessToken secondAccess = familyAccessToken(family, "web");
        String otherFamily = UUID.randomUUID().toString();
        Secret unrelated = refreshToken(otherFamily, "web");
        IssuedAccessToken unrelatedAccess = familyAccessToken(otherFamily, "web");

        revocation.revoke(WEB, second, Optional.of("refresh_token"));

        assertEquals(0, liveRefreshTokens(family));
        assertInvalidGrant(second);
        assertInvalid(firstAccess);
        assertInvalid(secondAccess);
        assertTrue(valid(unrelatedAccess), "another family is untouched");
        assertEquals(1, liveRefreshTokens(otherFamily));
        world.refreshTokens.rotate(unrelated, "web", Set.of());
    }

    @Test
    void revokingARefreshTokenWithoutHintFindsIt() {
        Secret token = refreshToken(family, "web");
        IssuedAccessToken access = familyAccessToken(family, "web");
        revocation.revoke(WEB, token, Optional.empty());
        assertEquals(0, liveRefreshTokens(family));
        assertInvalid(access);
    }

    @Test
    void revokingARotatedRefreshTokenRevokesTheWholeFamily() {
        Secret first = refreshToken(family, "web");
        Secret next = world.refreshTokens.rotate(first, "web", Set.of()).next();
        revocation.revoke(WEB, first, Optional.of("refresh_token"));
        assertInvalidGrant(next);
    }

    @Test
    void anotherClientsRefreshTokenIsLeftUnchanged() {
        Secret token = refreshToken(family, "web");
        IssuedAccessToken access = familyAccessToken(family, "web");
        revocation.revoke(OTHER, token, Optional.of("refresh_token"));
        revocation.revoke(OTHER, token, Optional.empty());
        assertEquals(1, liveRefreshTokens(family));
        assertTrue(valid(access));
        world.refreshTokens.rotate(token, "web", Set.of());
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "a.b.c", "", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."})
    void anUnknownTokenIsQuietlyIgnored(String text) {
        IssuedAccessToken bystander = accessToken("web");
        assertDoesNotThrow(() -> revocation.revoke(WEB, Secret.of(text), Optional.empty()));
        assertDoesNotThrow(() -> revocation.revoke(WEB, Secret.of(text), Optional.of("refresh_token")));
        assertDoesNotThrow(() -> revocation.revoke(WEB, Secret.of(text), Optional.of("access_token")));
        assertTrue(valid(bystander));
    }

    @Test
    void revokingAnAlreadyRevokedTokenIsQuietlyIgnored() {
        IssuedAccessToken token = accessToken("web");
        Secret refresh = refreshToken(family, "web");
        revocation.revoke(WEB, token.value(), Optional.empty());
        revocation.revoke(WEB, refresh, Optional.empty());
        assertDoesNotThrow(() -> revocation.revoke(WEB, token.value(), Optional.empty()));
        assertDoesNotThrow(() -> revocation.revoke(WEB, refresh, Optional.empty()));
    }

    @Test
    void aPublicApplicationMayRevokeItsOwnRefreshTokenAtTheEndpoint() {
        RevocationEndpoint endpoint = new RevocationEndpoint(
                new ClientRequests(new ClientAuthenticator(world.clients, world.clock)), revocation);
        Secret token = refreshToken(family, "native");
        endpoint.revoke(FormParameters.of(Map.of("client_id", "native", "token", token.reveal())), null, "192.0.2.1");
        assertEquals(0, liveRefreshTokens(family));
    }

    @Test
    void theEndpointRequiresTheTokenParameter() {
        RevocationEndpoint endpoint = new RevocationEndpoint(
                new ClientRequests(new ClientAuthenticator(world.clients, world.clock)), revocation);
        OAuthException e = assertThrows(OAuthException.class,
                () -> endpoint.revoke(FormParameters.of(Map.of("client_id", "native")), null, "192.0.2.1"));
        assertEquals(ErrorCode.INVALID_REQUEST, e.error().code());
        assertEquals("token is required", e.error().description());
    }

    private void assertInvalidGrant(Secret refresh) {
        OAuthException e = assertThrows(OAuthException.class,
                () -> world.refreshTokens.rotate(refresh, "web", Set.of()));
        assertEquals(ErrorCode.INVALID_GRANT, e.error().code());
    }
}
