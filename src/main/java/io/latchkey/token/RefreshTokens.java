package io.latchkey.token;

import io.latchkey.client.TokenLifetimes;
import io.latchkey.error.ErrorCode;
import io.latchkey.error.OAuthException;
import io.latchkey.security.RandomValues;
import io.latchkey.security.RedactedLog;
import io.latchkey.security.Secret;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Refresh tokens: opaque 256-bit values stored hashed, in families (one per sign-in grant). Every use
 * rotates: the presented token is marked with one conditional update and a new one is issued in the same
 * family. Presenting a rotated token again means it was stolen or replayed, so the whole family is revoked
 * (RFC 9700 §4.14.2). Each token expires when unused for the idle lifetime; the family at its absolute end.
 * Both are the application's own ({@link TokenLifetimes}) when it has them, else the server's: a new family gets
 * the application's absolute lifetime then; a rotation the application's idle lifetime as it is now, never beyond
 * the family's end, which nothing moves. The rules are here; what they read and write goes through a {@link GrantTransaction}.
 */
public final class RefreshTokens {
    private static final Logger LOG = RedactedLog.of(RefreshTokens.class);
    private static final String INVALID = "the refresh token is invalid, expired, revoked or was issued to another client";

    private final GrantStorage storage;
    private final Duration idle;
    private final Duration absolute;
    private final Clock clock;

    public RefreshTokens(GrantStorage storage, Duration idle, Duration absolute, Clock clock) {
        this.storage = storage;
        this.idle = idle;
        this.absolute = absolute;
        this.clock = clock;
    }

    /** The grant a refresh token carries forward. */
    public record RefreshGrant(String familyId, String clientId, long accountId, Set<String> scopes, Instant authTime,
                               String sid, Instant familyExpiresAt, Optional<String> claimsRequest) {

        /** A grant made without a {@code claims} request parameter. */
        public RefreshGrant(String familyId, String clientId, long accountId, Set<String> scopes, Instant authTime,
                            String sid, Instant familyExpiresAt) {
            this(familyId, clientId, accountId, scopes, authTime, sid, familyExpiresAt, Optional.empty());
        }
    }

    /** The JWT access token that will be issued with the new refresh token: recorded on its row. */
    public record AccessTokenRecord(String jti, Instant expiresAt) {
    }

    /** Starts a family for a fresh sign-in grant, in a transaction of its own. */
    public Secret start(String familyId, String clientId, long accountId, Set<String> scopes, Instant authTime, String sid) {
        try (GrantTransaction tx = storage.begin()) {
            Secret token = start(tx, familyId, clientId, accountId, scopes, authTime, sid);
            tx.commit();
            return token;
        }
    }

    /** {@link #start}, in the caller's transaction. */
    public Secret start(GrantTransaction tx, String familyId, String clientId, long accountId, Set<String> scopes,
                        Instant authTime, String sid) {
        return start(tx, familyId, clientId, accountId, scopes, authTime, sid, Optional.empty());
    }

    /** {@link #start}, in the caller's transaction, for a grant made with a {@code claims} request parameter. */
    public Secret start(GrantTransaction tx, String familyId, String clientId, long accountId, Set<String> scopes,
                        Instant authTime, String sid, Optional<String> claimsRequest) {
        return start(tx, familyId, clientId, TokenLifetimes.SERVER_DEFAULTS, accountId, scopes, authTime, sid,
                claimsRequest);
    }

    /** {@link #start}, in the caller's transaction, with the application's own {@code lifetimes} where it has them. */
    public Secret start(GrantTransaction tx, String familyId, String clientId, TokenLifetimes lifetimes,
                        long accountId, Set<String> scopes, Instant authTime, String sid,
                        Optional<String> claimsRequest) {
        Instant now = clock.instant();
        Secret token = RandomValues.secret256();
        tx.storeRefreshToken(stored(token, new RefreshGrant(familyId, clientId, accountId, scopes, authTime, sid,
                now.plus(lifetimes.refreshMax().orElse(absolute)), claimsRequest), now, Optional.empty(),
                lifetimes.refreshIdle().orElse(idle)));
        return token;
    }

    /** What presenting a refresh token came to: a {@link Rotation}, or one of the refusals. */
    public sealed interface RotationOutcome permits Rotation, Refusal {
    }

    /** The grant (with the scope of this access token), and the new refresh token that replaces the presented one. */
    public record Rotation(RefreshGrant grant, Secret next) implements RotationOutcome {
    }

    /** A refusal, as the error the client gets. */
    public sealed interface Refusal extends RotationOutcome permits ReuseDetected, Refused, ScopeNotGranted {
        OAuthException error();
    }

    /** A rotated token came back: its family was revoked in the transaction, which must be committed. */
    public record ReuseDetected(String familyId, String clientId, int revokedTokens) implements Refusal {
        @Override
        public OAuthException error() {
            return invalid("reuse of a rotated refresh token");
        }
    }

    /** Unknown, another client's, revoked or expired; nothing was written. */
    public record Refused(String detail) implements Refusal {
        @Override
        public OAuthException error() {
            return invalid(detail);
        }
    }

    /** The request asked for a scope the grant does not have (RFC 6749 §6); nothing was written. */
    public record ScopeNotGranted() implements Refusal {
        @Override
        public OAuthException error() {
            return OAuthException.of(ErrorCode.INVALID_SCOPE, "a refresh may only narrow the granted scope");
        }
    }

    /**
     * Rotates {@code presented} in the caller's transaction; scopes may only narrow. Anything but the live token
     * of a live family issued to {@code clientId} is a {@link Refusal}; a reuse revokes the family in {@code tx}.
     * {@code accessToken} is recorded on the new refresh token's row, so that revoking the family reaches it.
     */
    public RotationOutcome rotate(GrantTransaction tx, Secret presented, String clientId, Set<String> narrowedScopes,
                                  Optional<AccessTokenRecord> accessToken) {
        return rotate(tx, presented, clientId, TokenLifetimes.SERVER_DEFAULTS, narrowedScopes, accessToken);
    }

    /**
     * {@link #rotate(GrantTransaction, Secret, String, Set, Optional)} for an application with its own
     * {@code lifetimes}: the new token's idle lifetime is the application's now; the family's end stays.
     */
    public RotationOutcome rotate(GrantTransaction tx, Secret presented, String clientId, TokenLifetimes lifetimes,
                                  Set<String> narrowedScopes, Optional<AccessTokenRecord> accessToken) {
        Instant now = clock.instant();
        String hash = presented.hashed();
        StoredRefreshToken token = tx.findRefreshToken(hash).orElse(null);
        if (token == null) {
            return new Refused("unknown refresh token");
        }
        RefreshGrant granted = token.grant();
        if (!granted.clientId().equals(clientId)) {
            return new Refused("refresh token of " + granted.clientId() + " presented by " + clientId);
        }
        if (token.revokedAt().isPresent()) {
            return new Refused("refresh token family " + granted.familyId() + " is revoked");
        }
        if (token.rotatedAt().isPresent()) {
            return reuse(tx, granted, now);
        }
        if (!now.isBefore(token.idleExpiresAt()) || !now.isBefore(granted.familyExpiresAt())) {
            return new Refused("refresh token expired");
        }
        if (!granted.scopes().containsAll(narrowedScopes)) {
            return new ScopeNotGranted();
        }
        if (!tx.markRotated(hash, now)) {
            return reuse(tx, granted, now);
        }
        // The family keeps what was granted; only this access token is narrowed (RFC 6749 §6).
        Secret next = RandomValues.secret256();
        tx.storeRefreshToken(stored(next, granted, now, accessToken, lifetimes.refreshIdle().orElse(idle)));
        Set<String> scopes = narrowedScopes.isEmpty() ? granted.scopes() : narrowedScopes;
        return new Rotation(new RefreshGrant(granted.familyId(), clientId, granted.accountId(), scopes,
                granted.authTime(), granted.sid(), granted.familyExpiresAt(), granted.claimsRequest()), next);
    }

    /**
     * {@link #rotate(GrantTransaction, Secret, String, Set, Optional)} in a transaction of its own, committed (a
     * family revoked on reuse stays revoked); a refusal is then thrown as its error. For callers that check
     * nothing else (tools, tests); a grant handler owns its transaction instead.
     */
    public Rotation rotate(Secret presented, String clientId, Set<String> narrowedScopes) {
        RotationOutcome outcome;
        try (GrantTransaction tx = storage.begin()) {
            outcome = rotate(tx, presented, clientId, narrowedScopes, Optional.empty());
            tx.commit();
        }
        if (outcome instanceof Refusal refusal) {
            throw refusal.error();
        }
        return (Rotation) outcome;
    }

    /** Revokes the family in the caller's transaction (its account is gone or disabled). */
    public int revokeFamily(GrantTransaction tx, String familyId) {
        return tx.revokeFamily(familyId, clock.instant());
    }

    /** A rotated token came back: stolen or replayed. The whole family goes. */
    private static ReuseDetected reuse(GrantTransaction tx, RefreshGrant granted, Instant now) {
        int revoked = tx.revokeFamily(granted.familyId(), now);
        LOG.warning(() -> "refresh token reuse for client " + granted.clientId() + ": family " + granted.familyId()
                + " revoked (" + revoked + " tokens)");
        return new ReuseDetected(granted.familyId(), granted.clientId(), revoked);
    }

    private static StoredRefreshToken stored(Secret token, RefreshGrant grant, Instant now,
                                             Optional<AccessTokenRecord> accessToken, Duration idle) {
        Instant idleEnd = now.plus(idle);
        return new StoredRefreshToken(token.hashed(), grant, now,
                idleEnd.isAfter(grant.familyExpiresAt()) ? grant.familyExpiresAt() : idleEnd,
                Optional.empty(), Optional.empty(), accessToken);
    }

    private static OAuthException invalid(String detail) {
        return OAuthException.of(ErrorCode.INVALID_GRANT, INVALID, detail);
    }
}
