package io.latchkey.token;

import io.latchkey.account.Account;
import io.latchkey.audit.AuditEvent;
import java.time.Instant;
import java.util.Optional;

/**
 * One unit of work over the {@link GrantStorage}: everything a code exchange or a refresh reads and writes,
 * made durable together by {@link #commit()}, or not at all when closed uncommitted. Conditional operations
 * ({@link #consumeCode}, {@link #rotateRefreshToken}) succeed for exactly one of several concurrent transactions.
 */
public interface GrantTransaction extends AutoCloseable {

    /** Stores a new authorization code under the hash of its value. */
    void storeCode(String codeHash, AuthorizationCodes.CodeGrant grant, Instant issuedAt, Instant expiresAt);

    /**
     * Marks the code used if it is unused and unexpired at {@code now}: {@link CodeConsumption.Redeemed} with what
     * it is bound to; {@link CodeConsumption.Replayed} when it was used before; {@link CodeConsumption.Unknown}
     * when there is no such code or it expired unused.
     */
    CodeConsumption consumeCode(String codeHash, Instant now);

    /** Stores a new refresh token family with its first token. */
    void storeRefreshFamily(StoredRefreshFamily family);

    /** The family whose locator hashes to {@code familyKey} ({@link RefreshTokenValue}), whatever its state. */
    Optional<StoredRefreshFamily> findRefreshFamily(String familyKey);

    /**
     * Replaces the family's live token with {@code next} if it is still the one hashed {@code presentedHash} and the
     * family is not revoked; true for exactly one of several concurrent callers. A family {@link #findRefreshFamily
     * found} earlier in this transaction is not read again: decide on the answer, not on a second read.
     */
    boolean rotateRefreshToken(String familyKey, String presentedHash, RefreshTokens.NextToken next);

    /**
     * The family (and its client) of a refresh token rotated before schema 31, when the server kept one row per
     * token; such tokens are kept only to recognise their reuse.
     */
    Optional<RefreshTokens.RetiredToken> findRetiredRefreshToken(String tokenHash);

    /** Remembers a JWT access token issued (or about to be) for the grant, so that revoking the grant reaches it. */
    void recordAccessToken(String grantId, String clientId, String jti, Instant expiresAt);

    /**
     * Revokes the grant's refresh token family and puts its live access tokens (those recorded for the grant, and
     * every one its refreshes issued) on the deny list; the number of live refresh tokens revoked now (0 or 1).
     */
    int revokeFamily(String grantId, Instant now);

    /** Puts one access token id on the deny list until it would expire; idempotent. */
    void revokeAccessToken(String jti, Instant now, Instant expiresAt);

    /** The account a grant was made for (the exchange and the refresh refuse a gone or disabled one). */
    Optional<Account> findAccount(long accountId);

    /**
     * Remembers the {@code claims} request parameter of an access token issued from the authorization endpoint
     * (implicit and hybrid flows), which has no code or refresh token to keep it, until the token expires.
     */
    void recordFrontChannelClaims(String clientId, String jti, Instant expiresAt, String claimsRequest);

    /**
     * The {@code claims} request parameter (OIDC Core §5.5) of the grant a JWT access token with this id was
     * issued from, found on the authorization code or the refresh token family it was issued for (or recorded by
     * {@link #recordFrontChannelClaims}); empty when the grant
     * had none or the token is not recorded there.
     */
    Optional<String> claimsRequestOfAccessToken(String jti);

    /**
     * Records an audit event of what this transaction changes (a family revoked on a replay, a sign-in's grant):
     * kept when it commits, gone when it does not, so that no crash between two commits keeps the change without
     * its event.
     */
    void record(AuditEvent event);

    /** Makes everything done in this transaction durable. */
    void commit();

    /** Ends the transaction, undoing it unless it was committed. */
    @Override
    void close();
}
