package io.latchkey.token;

import io.latchkey.client.TokenLifetimes;
import io.latchkey.error.ErrorCode;
import io.latchkey.error.OAuthException;
import io.latchkey.security.RedactedLog;
import io.latchkey.security.Secret;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Refresh tokens: opaque values ({@link RefreshTokenValue}: the family's locator and a 256-bit secret) stored
 * hashed, one family per sign-in grant, one row per family. Every use rotates: one conditional update replaces the
 * family's live token with a new one. Presenting any other token of the family (one it rotated away) means it was
 * stolen or replayed, so the whole family is revoked (RFC 9700 §4.14.2). Each token expires when unused for the
 * idle lifetime; the family at its absolute end. Both are the application's own ({@link TokenLifetimes}) when it
 * has them, else the server's: a new family gets the application's absolute lifetime then; a rotation the
 * application's idle lifetime as it is now, never beyond the family's end, which nothing moves. The rules are here;
 * what they read and write goes through a {@link GrantTransaction}.
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

    /**
     * What a rotation writes on the family's row: the next token (its locator's hash too, new only for a token from
     * before schema 31), when, until when it may go unused, and until when the JWT access token the refresh issues
     * can be valid (empty for reference access tokens, recorded otherwise).
     */
    public record NextToken(String familyKey, String tokenHash, Instant refreshedAt, Instant idleExpiresAt,
                            Optional<Instant> accessTokenExpiresAt) {
    }

    /** A refresh token rotated before schema 31: its family and client. */
    public record RetiredToken(String familyId, String clientId) {
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
        RefreshTokenValue token = RefreshTokenValue.newFamily();
        Instant familyEnd = now.plus(lifetimes.refreshMax().orElse(absolute));
        tx.storeRefreshFamily(new StoredRefreshFamily(token.familyKey(), token.tokenHash(), new RefreshGrant(familyId,
                clientId, accountId, scopes, authTime, sid, familyEnd, claimsRequest), now, now, 0,
                idleEnd(now, lifetimes.refreshIdle().orElse(idle), familyEnd), Optional.empty(), Optional.empty()));
        return token.token();
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
     * {@code accessTokenExpiresAt} (until when the access token the refresh issues can be valid) is recorded on
     * the family's row, so that revoking the family reaches that token.
     */
    public RotationOutcome rotate(GrantTransaction tx, Secret presented, String clientId, Set<String> narrowedScopes,
                                  Optional<Instant> accessTokenExpiresAt) {
        return rotate(tx, presented, clientId, TokenLifetimes.SERVER_DEFAULTS, narrowedScopes, accessTokenExpiresAt);
    }

    /**
     * {@link #rotate(GrantTransaction, Secret, String, Set, Optional)} for an application with its own
     * {@code lifetimes}: the new token's idle lifetime is the application's now; the family's end stays.
     */
    public RotationOutcome rotate(GrantTransaction tx, Secret presented, String clientId, TokenLifetimes lifetimes,
                                  Set<String> narrowedScopes, Optional<Instant> accessTokenExpiresAt) {
        Instant now = clock.instant();
        RefreshTokenValue value = RefreshTokenValue.presented(presented);
        StoredRefreshFamily family = tx.findRefreshFamily(value.familyKey()).orElse(null);
        if (family == null) {
            return tx.findRetiredRefreshToken(value.tokenHash())
                    .<RotationOutcome>map(retired -> retired.clientId().equals(clientId)
                            ? reuse(tx, retired.familyId(), clientId, now)
                            : new Refused("refresh token of " + retired.clientId() + " presented by " + clientId))
                    .orElseGet(() -> new Refused("unknown refresh token"));
        }
        RefreshGrant granted = family.grant();
        if (!granted.clientId().equals(clientId)) {
            return new Refused("refresh token of " + granted.clientId() + " presented by " + clientId);
        }
        if (family.revokedAt().isPresent()) {
            return new Refused("refresh token family " + granted.familyId() + " is revoked");
        }
        if (!Secret.sameHash(value.tokenHash(), family.tokenHash())) {
            // The family's locator with another secret: a token this family rotated away (or one its holder altered).
            return reuse(tx, granted.familyId(), clientId, now);
        }
        if (!now.isBefore(family.idleExpiresAt()) || !now.isBefore(granted.familyExpiresAt())) {
            return new Refused("refresh token expired");
        }
        if (!granted.scopes().containsAll(narrowedScopes)) {
            return new ScopeNotGranted();
        }
        RefreshTokenValue next = value.next();
        if (!tx.rotateRefreshToken(value.familyKey(), value.tokenHash(), new NextToken(next.familyKey(),
                next.tokenHash(), now, idleEnd(now, lifetimes.refreshIdle().orElse(idle), granted.familyExpiresAt()),
                accessTokenExpiresAt))) {
            return reuse(tx, granted.familyId(), clientId, now);
        }
        // The family keeps what was granted; only this access token is narrowed (RFC 6749 §6).
        Set<String> scopes = narrowedScopes.isEmpty() ? granted.scopes() : narrowedScopes;
        return new Rotation(new RefreshGrant(granted.familyId(), clientId, granted.accountId(), scopes,
                granted.authTime(), granted.sid(), granted.familyExpiresAt(), granted.claimsRequest()), next.token());
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
    private static ReuseDetected reuse(GrantTransaction tx, String familyId, String clientId, Instant now) {
        int revoked = tx.revokeFamily(familyId, now);
        LOG.warning(() -> "refresh token reuse for client " + clientId + ": family " + familyId
                + " revoked (" + revoked + " live tokens)");
        return new ReuseDetected(familyId, clientId, revoked);
    }

    /** When a token issued at {@code now} stops being usable unused: never after the family's end. */
    private static Instant idleEnd(Instant now, Duration idle, Instant familyEnd) {
        Instant end = now.plus(idle);
        return end.isAfter(familyEnd) ? familyEnd : end;
    }

    private static OAuthException invalid(String detail) {
        return OAuthException.of(ErrorCode.INVALID_GRANT, INVALID, detail);
    }
}
