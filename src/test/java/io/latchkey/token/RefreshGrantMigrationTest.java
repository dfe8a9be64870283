package io.latchkey.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.error.OAuthException;
import io.latchkey.security.Secret;
import io.latchkey.store.Database;
import io.latchkey.testing.MutableClock;
import io.latchkey.testing.SchemaBefore;
import io.latchkey.testing.SignInWorld;
import io.latchkey.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Schema 31 turns the refresh tokens of one row per token into one row per family. Families begun before it keep
 * working: their live token rotates (into the new format), a token they had rotated still revokes them when it
 * comes back, the access tokens recorded on their rows are still revoked with them, and their claims request stays.
 */
class RefreshGrantMigrationTest {
    private static final String MIGRATION = "refresh grant";
    private static final Instant T0 = MutableClock.START.minus(Duration.ofMinutes(30));

    private Database database;
    private SignInWorld world;
    private final Secret firstToken = Secret.of("legacy-first-" + UUID.randomUUID());
    private final Secret secondToken = Secret.of("legacy-second-" + UUID.randomUUID());
    private final Secret liveToken = Secret.of("legacy-live-" + UUID.randomUUID());
    private final Secret revokedToken = Secret.of("legacy-revoked-" + UUID.randomUUID());
    private final String liveAccessJti = "legacy-jti-" + UUID.randomUUID();

    @BeforeEach
    void upgradeADatabaseWithRefreshTokensOfSchema30() throws SQLException {
        SchemaBefore before = SchemaBefore.migration(MIGRATION);
        String url = before.url();
        try (Connection connection = before.connection()) {
            try (PreparedStatement account = connection.prepareStatement("INSERT INTO account (id, subject, "
                    + "username, email_verified, admin, enabled, created_at, updated_at) "
                    + "VALUES (4242, 'sub-legacy', 'legacy', TRUE, FALSE, TRUE, ?, ?)")) {
                account.setObject(1, at(T0));
                account.setObject(2, at(T0));
                account.executeUpdate();
            }
            // Family A: two rotated tokens and the live one (with the access token of its refresh recorded on it).
            legacyRow(connection, firstToken, "family-a", T0, T0.plusSeconds(60), null, null);
            legacyRow(connection, secondToken, "family-a", T0.plusSeconds(60), T0.plusSeconds(120), null, null);
            legacyRow(connection, liveToken, "family-a", T0.plusSeconds(120), null, null, liveAccessJti);
            // Family B: revoked.
            legacyRow(connection, revokedToken, "family-b", T0, null, T0.plusSeconds(10), null);
        }
        database = Database.open(url, "", new char[0]);
        world = new SignInWorld(database);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static void legacyRow(Connection connection, Secret token, String family, Instant created,
                                  Instant rotated, Instant revoked, String accessJti) throws SQLException {
        try (PreparedStatement row = connection.prepareStatement("INSERT INTO refresh_token (token_hash, family_id, "
                + "client_id, account_id, scope, auth_time, sid, created_at, idle_expires_at, family_expires_at, "
                + "rotated_at, revoked_at, claims_request, access_token_jti, access_token_expires_at) "
                + "VALUES (?, ?, 'web', 4242, 'openid offline_access', ?, 'sid-legacy', ?, ?, ?, ?, ?, ?, ?, ?)")) {
            row.setString(1, token.hashed());
            row.setString(2, family);
            row.setObject(3, at(T0));
            row.setObject(4, at(created));
            row.setObject(5, at(created.plus(Duration.ofDays(1))));
            row.setObject(6, at(T0.plus(Duration.ofDays(30))));
            row.setObject(7, rotated == null ? null : at(rotated));
            row.setObject(8, revoked == null ? null : at(revoked));
            row.setString(9, "{\"userinfo\":{\"name\":null}}");
            row.setString(10, accessJti);
            row.setObject(11, accessJti == null ? null : at(MutableClock.START.plusSeconds(600)));
            row.executeUpdate();
        }
    }

    @Test
    void eachFamilyBecomesOneRowAsItsNewestTokenShowsIt() {
        assertEquals(List.of("family-a", "family-b"), TestDatabase.column(database,
                "select family_id from refresh_grant order by family_id"));
        assertEquals(2L, ((Number) TestDatabase.column(database,
                "select refreshes from refresh_grant where family_id = 'family-a'").get(0)).longValue());
        assertEquals(1, TestDatabase.count(database,
                "select count(*) from refresh_grant where family_id = 'family-b' and revoked_at is not null"));
        assertEquals(4, TestDatabase.count(database, "select count(*) from refresh_token"),
                "the tokens stay, to recognise their reuse once their family has moved on");
        assertEquals(1, TestDatabase.count(database, "select count(*) from issued_access_token where jti = ?1",
                liveAccessJti));
    }

    @Test
    void theLiveTokenRotatesIntoTheNewFormatAndKeepsItsGrant() {
        RefreshTokens.Rotation rotation = world.refreshTokens.rotate(liveToken, "web", Set.of());
        assertEquals("family-a", rotation.grant().familyId());
        assertEquals(Optional.of("{\"userinfo\":{\"name\":null}}"), rotation.grant().claimsRequest());
        assertEquals(Set.of("openid", "offline_access"), rotation.grant().scopes());
        assertTrue(rotation.next().reveal().contains("."), "a locator of its own from now on");
        RefreshTokens.Rotation again = world.refreshTokens.rotate(rotation.next(), "web", Set.of());
        assertEquals("family-a", again.grant().familyId());
        assertEquals(rotation.next().reveal().substring(0, rotation.next().reveal().indexOf('.')),
                again.next().reveal().substring(0, again.next().reveal().indexOf('.')), "the same locator");

        // The live token of before the upgrade was rotated since: presenting it again revokes the family.
        assertInstanceOf(OAuthException.class, refused(liveToken));
        assertInstanceOf(OAuthException.class, refused(again.next()));
    }

    @Test
    void aTokenRotatedBeforeTheUpgradeRevokesItsFamilyAndTheAccessTokensRecordedOnIt() {
        assertInstanceOf(OAuthException.class, refused(firstToken));
        assertEquals(1, TestDatabase.count(database,
                "select count(*) from refresh_grant where family_id = 'family-a' and revoked_at is not null"));
        assertEquals(1, TestDatabase.count(database, "select count(*) from revoked_token where jti = ?1",
                liveAccessJti), "the access token recorded on the live token's row");
        assertInstanceOf(OAuthException.class, refused(liveToken), "the family's live token went with it");
        assertInstanceOf(OAuthException.class, refused(revokedToken));
    }

    @Test
    void anotherClientPresentingATokenRotatedBeforeTheUpgradeRevokesNothing() {
        assertInstanceOf(OAuthException.class, refusedFor(secondToken, "other"));
        assertEquals(0, TestDatabase.count(database,
                "select count(*) from refresh_grant where revoked_at is not null and family_id = 'family-a'"));
        world.refreshTokens.rotate(liveToken, "web", Set.of());
    }

    private OAuthException refused(Secret token) {
        return refusedFor(token, "web");
    }

    private OAuthException refusedFor(Secret token, String clientId) {
        try {
            world.refreshTokens.rotate(token, clientId, Set.of());
        } catch (OAuthException e) {
            return e;
        }
        throw new AssertionError("the token was accepted");
    }
}
