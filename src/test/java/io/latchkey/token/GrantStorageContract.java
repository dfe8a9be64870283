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

    /** Stores a refresh token as the server did before schema 31 (one row per token), rotated, committed. */
    protected abstract void storeRetiredRefreshToken(String tokenHash, String familyId, String clientId);

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

    private StoredRefreshFamily refreshFamily(String familyId, Optional<String> claimsRequest,
                                              Optional<Instant> accessTokensExpireAt) {
        return new StoredRefreshFamily(unique("key"), unique("rt"), new RefreshTokens.RefreshGrant(familyId, "web",
                person().id(), Set.of("openid", "offline_access"), NOW, "sid", NOW.plus(Duration.ofDays(7)),
                claimsRequest), NOW, NOW, 0, NOW.plus(Duration.ofDays(1)), accessTokensExpireAt, Optional.empty());
    }

    private StoredRefreshFamily refreshFamily(String familyId) {
        return refreshFamily(familyId, Optional.empty(), Optional.empty());
    }

    private void store(StoredRefreshFamily family) {
        try (GrantTransaction tx = storage().begin()) {
            tx.storeRefreshFamily(family);
            tx.commit();
        }
    }

    private static RefreshTokens.NextToken next(StoredRefreshFamily family, Instant at, Optional<Instant> accessEnd) {
        return new RefreshTokens.NextToken(family.familyKey(), unique("rt"), at, at.plus(Duration.ofDays(1)),
                accessEnd);
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
        StoredRefreshFamily family = refreshFamily(unique("f"), Optional.of(claims), Optional.empty());
        store(family);
        String refreshJti = AccessTokenClaims.familyJti(family.grant().familyId());
        try (GrantTransaction tx = storage().begin()) {
            assertEquals(Optional.of(family), tx.findRefreshFamily(family.familyKey()));
            assertEquals(Optional.of(claims), tx.claimsRequestOfAccessToken(grant.accessTokenJti()));
            assertEquals(Optional.of(claims), tx.claimsRequestOfAccessToken(refreshJti));
            assertEquals(Optional.empty(), tx.claimsRequestOfAccessToken(unique("jti")));
            assertEquals(Optional.empty(), tx.claimsRequestOfAccessToken(AccessTokenClaims.familyJti(unique("f"))));
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
    void aRotationClosedWithoutCommitLeavesThePresentedTokenLive() {
        StoredRefreshFamily presented = refreshFamily(unique("family"));
        store(presented);
        RefreshTokens.NextToken next = next(presented, NOW.plusSeconds(1), Optional.empty());
        try (GrantTransaction tx = storage().begin()) {
            assertTrue(tx.rotateRefreshToken(presented.familyKey(), presented.tokenHash(), next));
            assertEquals(next.tokenHash(), tx.findRefreshFamily(presented.familyKey()).orElseThrow().tokenHash(),
                    "the transaction sees its own rotation");
        }
        try (GrantTransaction tx = storage().begin()) {
            assertEquals(Optional.of(presented), tx.findRefreshFamily(presented.familyKey()),
                    "the presented token stayed the live one");
        }
    }

    @Test
    void aFamilyIsReadBackAsStoredAndItsTokenRotatedOnce() {
        StoredRefreshFamily family = refreshFamily(unique("family"), Optional.empty(),
                Optional.of(NOW.plusSeconds(300)));
        store(family);
        RefreshTokens.NextToken first = next(family, NOW.plusSeconds(1), Optional.of(NOW.plusSeconds(200)));
        try (GrantTransaction tx = storage().begin()) {
            assertEquals(Optional.of(family), tx.findRefreshFamily(family.familyKey()));
            assertEquals(Optional.empty(), tx.findRefreshFamily(unique("nothing")));
            assertFalse(tx.rotateRefreshToken(family.familyKey(), unique("rt"), first), "not the live token");
            assertTrue(tx.rotateRefreshToken(family.familyKey(), family.tokenHash(), first));
            assertFalse(tx.rotateRefreshToken(family.familyKey(), family.tokenHash(),
                    next(family, NOW.plusSeconds(2), Optional.empty())), "the presented token was rotated already");
            tx.commit();
        }
        RefreshTokens.NextToken second = next(family, NOW.plusSeconds(3), Optional.of(NOW.plusSeconds(900)));
        try (GrantTransaction tx = storage().begin()) {
            StoredRefreshFamily rotated = tx.findRefreshFamily(family.familyKey()).orElseThrow();
            assertEquals(new StoredRefreshFamily(family.familyKey(), first.tokenHash(), family.grant(),
                    family.createdAt(), NOW.plusSeconds(1), 1, first.idleExpiresAt(),
                    Optional.of(NOW.plusSeconds(300)), Optional.empty()), rotated,
                    "the new token, once refreshed; an earlier access token end does not move the family's back");
            assertTrue(tx.rotateRefreshToken(family.familyKey(), first.tokenHash(), second));
            tx.commit();
        }
        try (GrantTransaction tx = storage().begin()) {
            StoredRefreshFamily rotated = tx.findRefreshFamily(family.familyKey()).orElseThrow();
            assertEquals(2, rotated.refreshes());
            assertEquals(Optional.of(NOW.plusSeconds(900)), rotated.accessTokensExpireAt(), "a later end moves it");
        }
    }

    /** A family started before schema 31 gets a locator of its own on its first rotation. */
    @Test
    void aRotationMayMoveTheFamilyToANewKey() {
        StoredRefreshFamily family = refreshFamily(unique("family"));
        store(family);
        RefreshTokens.NextToken rekeyed = new RefreshTokens.NextToken(unique("key"), unique("rt"), NOW.plusSeconds(1),
                NOW.plus(Duration.ofDays(1)), Optional.empty());
        try (GrantTransaction tx = storage().begin()) {
            assertTrue(tx.rotateRefreshToken(family.familyKey(), family.tokenHash(), rekeyed));
            tx.commit();
        }
        try (GrantTransaction tx = storage().begin()) {
            assertEquals(Optional.empty(), tx.findRefreshFamily(family.familyKey()));
            assertEquals(rekeyed.tokenHash(), tx.findRefreshFamily(rekeyed.familyKey()).orElseThrow().tokenHash());
        }
    }

    @Test
    void aTokenRotatedBeforeSchema31IsFoundWithItsFamilyAndClient() {
        String hash = unique("rt");
        String family = unique("family");
        storeRetiredRefreshToken(hash, family, "web");
        try (GrantTransaction tx = storage().begin()) {
            assertEquals(Optional.of(new RefreshTokens.RetiredToken(family, "web")), tx.findRetiredRefreshToken(hash));
            assertEquals(Optional.empty(), tx.findRetiredRefreshToken(unique("rt")));
        }
    }

    @Test
    void revokingAFamilyEndsItsRefreshTokenAndItsLiveAccessTokensOnly() {
        String family = unique("family");
        String recorded = unique("jti");
        String expired = unique("jti");
        StoredRefreshFamily revoked = refreshFamily(family, Optional.empty(), Optional.of(NOW.plusSeconds(300)));
        StoredRefreshFamily bystander = refreshFamily(unique("family"), Optional.empty(),
                Optional.of(NOW.plusSeconds(300)));
        StoredRefreshFamily spent = refreshFamily(unique("family"), Optional.empty(), Optional.of(NOW.minusSeconds(1)));
        store(revoked);
        store(bystander);
        store(spent);
        try (GrantTransaction tx = storage().begin()) {
            tx.recordAccessToken(family, "web", recorded, NOW.plusSeconds(300));
            tx.recordAccessToken(family, "web", expired, NOW.minusSeconds(1));
            assertEquals(1, tx.revokeFamily(family, NOW));
            assertEquals(0, tx.revokeFamily(family, NOW), "a revoked family has nothing left to revoke");
            assertFalse(tx.rotateRefreshToken(revoked.familyKey(), revoked.tokenHash(),
                    next(revoked, NOW, Optional.empty())), "a revoked family's token cannot be rotated");
            assertEquals(1, tx.revokeFamily(spent.grant().familyId(), NOW));
            tx.commit();
        }
        assertTrue(isRevoked(AccessTokenClaims.familyEntry(family)), "every access token its refreshes issued");
        assertTrue(isRevoked(recorded));
        assertFalse(isRevoked(expired), "an expired access token needs no deny-list entry");
        assertFalse(isRevoked(AccessTokenClaims.familyEntry(spent.grant().familyId())),
                "nor a family whose access tokens all expired");
        assertFalse(isRevoked(AccessTokenClaims.familyEntry(bystander.grant().familyId())));
        try (GrantTransaction tx = storage().begin()) {
            assertTrue(tx.findRefreshFamily(revoked.familyKey()).orElseThrow().revokedAt().isPresent());
            assertEquals(Optional.empty(), tx.findRefreshFamily(bystander.familyKey()).orElseThrow().revokedAt());
            tx.revokeAccessToken(recorded, NOW, NOW.plusSeconds(300));
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
