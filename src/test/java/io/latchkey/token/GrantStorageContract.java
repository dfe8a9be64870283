package io.latchkey.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.account.Account;
import io.latchkey.audit.Actor;
import io.latchkey.audit.AuditEvent;
import io.latchkey.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every {@link GrantStorage} must do, run against the database ({@code HibernateGrantStorageTest}) and against
 * the in-memory one the grant unit tests use ({@code InMemoryGrantStorageTest}), so that those tests prove
 * something about the real thing.
 */
public abstract class GrantStorageContract {
    private static final Instant NOW = MutableClock.START;

    protected abstract GrantStorage storage();

    /** A stored, enabled account. */
    protected abstract Account person();

    /** Whether the access token id is on the deny list (committed). */
    protected abstract boolean isRevoked(String jti);

    /** How many audit events with this action and target are stored (committed). */
    protected abstract long auditEvents(String action, String target);

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    private AuthorizationCodes.CodeGrant codeGrant(long accountId) {
        return new AuthorizationCodes.CodeGrant("web", accountId, "https://app.example.com/callback", true,
                "challenge", Optional.of("nonce"), Set.of("openid", "offline_access"), NOW.minusSeconds(5), "sid",
                unique("grant"), unique("jti"));
    }

    private String storeCode(AuthorizationCodes.CodeGrant grant, Instant expiresAt) {
        String hash = unique("code");
        try (GrantTransaction tx = storage().begin()) {
            tx.storeCode(hash, grant, NOW, expiresAt);
            tx.commit();
        }
        return hash;
    }

    private CodeConsumption consume(String hash, Instant at) {
        try (GrantTransaction tx = storage().begin()) {
            CodeConsumption consumption = tx.consumeCode(hash, at);
            tx.commit();
            return consumption;
        }
    }

    private StoredRefreshToken refreshToken(String familyId, Optional<RefreshTokens.AccessTokenRecord> accessToken) {
        return new StoredRefreshToken(unique("rt"), new RefreshTokens.RefreshGrant(familyId, "web", person().id(),
                Set.of("openid", "offline_access"), NOW, "sid", NOW.plus(Duration.ofDays(7))), NOW,
                NOW.plus(Duration.ofDays(1)), Optional.empty(), Optional.empty(), accessToken);
    }

    private void store(StoredRefreshToken token) {
        try (GrantTransaction tx = storage().begin()) {
            tx.storeRefreshToken(token);
            tx.commit();
        }
    }

    @Test
    void anAuditEventRecordedInATransactionIsKeptOnlyWhenItCommits() {
        String undone = unique("grant:undone");
        String kept = unique("grant:kept");
        try (GrantTransaction tx = storage().begin()) {
            tx.record(AuditEvent.failure(Actor.SYSTEM, "grant.tested", undone, "closed without a commit"));
        }
        try (GrantTransaction tx = storage().begin()) {
            tx.record(AuditEvent.failure(Actor.SYSTEM, "grant.tested", kept, "committed"));
            tx.commit();
        }

        assertEquals(0, auditEvents("grant.tested", undone), "undone with its transaction");
        assertEquals(1, auditEvents("grant.tested", kept));
    }

    @Test
    void aCodeIsRedeemedOnceWithWhatItIsBoundToThenReplayedWithItsGrant() {
        AuthorizationCodes.CodeGrant grant = codeGrant(person().id());
        String hash = storeCode(grant, NOW.plusSeconds(60));
        assertEquals(new CodeConsumption.Redeemed(grant), consume(hash, NOW.plusSeconds(1)));
        assertEquals(new CodeConsumption.Replayed(grant.grantId(), "web", grant.accessTokenJti(), NOW.plusSeconds(1)),
                consume(hash, NOW.plusSeconds(2)));
    }

    /** A code issued without PKCE (to an application that may omit it) is stored and read back without a challenge. */
    @Test
    void aCodeIssuedWithoutAChallengeIsReadBackWithoutOne() {
        AuthorizationCodes.CodeGrant grant = new AuthorizationCodes.CodeGrant("web", person().id(),
                "https://app.example.com/callback", true, null, Optional.empty(), Set.of("openid"),
                NOW.minusSeconds(5), "sid", unique("grant"), unique("jti"));
        assertEquals(new CodeConsumption.Redeemed(grant), consume(storeCode(grant, NOW.plusSeconds(60)), NOW));
    }

    /** OIDC Core §5.5: the claims parameter is kept with the code and the refresh token, and found by access token. */
    @Test
    void theClaimsParameterIsKeptWithACodeAndARefreshTokenAndFoundByTheirAccessTokens() {
        String claims = "{\"userinfo\":{\"name\":null}}";
        AuthorizationCodes.CodeGrant plain = codeGrant(person().id());
        AuthorizationCodes.CodeGrant grant = new AuthorizationCodes.CodeGrant(plain.clientId(), plain.accountId(),
                plain.redirectUri(), true, plain.codeChallenge(), plain.nonce(), plain.scopes(), plain.authTime(),
                plain.sid(), plain.grantId(), plain.accessTokenJti(), Optional.of(claims));
        assertEquals(new CodeConsumption.Redeemed(grant), consume(storeCode(grant, NOW.plusSeconds(60)), NOW));
        String refreshJti = unique("jti");
        StoredRefreshToken token = new StoredRefreshToken(unique("rt"), new RefreshTokens.RefreshGrant(unique("f"),
                "web", person().id(), Set.of("openid", "offline_access"), NOW, "sid", NOW.plus(Duration.ofDays(7)),
                Optional.of(claims)), NOW, NOW.plus(Duration.ofDays(1)), Optional.empty(), Optional.empty(),
                Optional.of(new RefreshTokens.AccessTokenRecord(refreshJti, NOW.plusSeconds(600))));
        store(token);
        try (GrantTransaction tx = storage().begin()) {
            assertEquals(Optional.of(token), tx.findRefreshToken(token.tokenHash()));
            assertEquals(Optional.of(claims), tx.claimsRequestOfAccessToken(grant.accessTokenJti()));
            assertEquals(Optional.of(claims), tx.claimsRequestOfAccessToken(refreshJti));
            assertEquals(Optional.empty(), tx.claimsRequestOfAccessToken(unique("jti")));
        }
    }

    @Test
    void theClaimsParameterOfAFrontChannelAccessTokenIsFoundByItsId() {
        String jti = unique("jti");
        try (GrantTransaction tx = storage().begin()) {
            tx.recordFrontChannelClaims("web", jti, NOW.plusSeconds(600), "{\"userinfo\":{\"name\":null}}");
            tx.commit();
        }
        try (GrantTransaction tx = storage().begin()) {
            assertEquals(Optional.of("{\"userinfo\":{\"name\":null}}"), tx.claimsRequestOfAccessToken(jti));
        }
    }

    @Test
    void anUnknownCodeAndAnExpiredUnusedOneAreUnknown() {
        assertInstanceOf(CodeConsumption.Unknown.class, consume(unique("nothing"), NOW));
        String hash = storeCode(codeGrant(person().id()), NOW.plusSeconds(60));
        assertInstanceOf(CodeConsumption.Unknown.class, consume(hash, NOW.plusSeconds(60)));
    }

    @Test
    void whatATransactionClosedWithoutCommitDidIsUndone() {
        AuthorizationCodes.CodeGrant grant = codeGrant(person().id());
        String hash = storeCode(grant, NOW.plusSeconds(60));
        try (GrantTransaction tx = storage().begin()) {
            assertInstanceOf(CodeConsumption.Redeemed.class, tx.consumeCode(hash, NOW));
        }
        assertInstanceOf(CodeConsumption.Redeemed.class, consume(hash, NOW), "the rolled-back redemption left it live");
        String never = unique("code");
        try (GrantTransaction tx = storage().begin()) {
            tx.storeCode(never, grant, NOW, NOW.plusSeconds(60));
        }
        assertInstanceOf(CodeConsumption.Unknown.class, consume(never, NOW));
    }

    @Test
    void aRotationClosedWithoutCommitLeavesThePresentedTokenLiveAndStoresNoSuccessor() {
        StoredRefreshToken presented = refreshToken(unique("family"), Optional.empty());
        store(presented);
        StoredRefreshToken successor = refreshToken(presented.grant().familyId(), Optional.empty());
        try (GrantTransaction tx = storage().begin()) {
            assertTrue(tx.markRotated(presented.tokenHash(), NOW.plusSeconds(1)));
            tx.storeRefreshToken(successor);
            assertEquals(Optional.of(successor), tx.findRefreshToken(successor.tokenHash()),
                    "the transaction sees its own successor");
        }
        try (GrantTransaction tx = storage().begin()) {
            assertEquals(Optional.empty(), tx.findRefreshToken(successor.tokenHash()), "the successor stayed");
            assertEquals(Optional.empty(), tx.findRefreshToken(presented.tokenHash()).orElseThrow().rotatedAt(),
                    "the presented token stayed rotated");
        }
    }

    @Test
    void aRefreshTokenIsReadBackAsStoredAndMarkedRotatedOnce() {
        StoredRefreshToken token = refreshToken(unique("family"),
                Optional.of(new RefreshTokens.AccessTokenRecord(unique("jti"), NOW.plusSeconds(300))));
        store(token);
        try (GrantTransaction tx = storage().begin()) {
            assertEquals(Optional.of(token), tx.findRefreshToken(token.tokenHash()));
            assertEquals(Optional.empty(), tx.findRefreshToken(unique("nothing")));
            assertTrue(tx.markRotated(token.tokenHash(), NOW.plusSeconds(1)));
            assertFalse(tx.markRotated(token.tokenHash(), NOW.plusSeconds(2)));
            tx.commit();
        }
        try (GrantTransaction tx = storage().begin()) {
            assertEquals(Optional.of(NOW.plusSeconds(1)),
                    tx.findRefreshToken(token.tokenHash()).orElseThrow().rotatedAt());
        }
    }

    @Test
    void revokingAFamilyEndsItsRefreshTokensAndItsLiveAccessTokensOnly() {
        String family = unique("family");
        String onRow = unique("jti");
        String recorded = unique("jti");
        String expired = unique("jti");
        StoredRefreshToken first = refreshToken(family, Optional.empty());
        StoredRefreshToken second = refreshToken(family,
                Optional.of(new RefreshTokens.AccessTokenRecord(onRow, NOW.plusSeconds(300))));
        StoredRefreshToken bystander = refreshToken(unique("family"), Optional.empty());
        store(first);
        store(second);
        store(bystander);
        try (GrantTransaction tx = storage().begin()) {
            tx.recordAccessToken(family, "web", recorded, NOW.plusSeconds(300));
            tx.recordAccessToken(family, "web", expired, NOW.minusSeconds(1));
            assertEquals(2, tx.revokeFamily(family, NOW));
            assertEquals(0, tx.revokeFamily(family, NOW), "a revoked family has nothing left to revoke");
            assertFalse(tx.markRotated(second.tokenHash(), NOW), "a revoked token cannot be rotated");
            tx.commit();
        }
        assertTrue(isRevoked(onRow));
        assertTrue(isRevoked(recorded));
        assertFalse(isRevoked(expired), "an expired access token needs no deny-list entry");
        try (GrantTransaction tx = storage().begin()) {
            assertTrue(tx.findRefreshToken(first.tokenHash()).orElseThrow().revokedAt().isPresent());
            assertEquals(Optional.empty(), tx.findRefreshToken(bystander.tokenHash()).orElseThrow().revokedAt());
            tx.revokeAccessToken(onRow, NOW, NOW.plusSeconds(300));
            tx.commit();
        }
    }

    @Test
    void theAccountOfAGrantIsFoundByIdAndAnUnknownIdIsNot() {
        Account account = person();
        try (GrantTransaction tx = storage().begin()) {
            assertEquals(Optional.of(account), tx.findAccount(account.id()));
            assertEquals(Optional.empty(), tx.findAccount(-1));
        }
    }
}
