package io.latchkey.token;

import io.latchkey.error.ErrorCode;
import io.latchkey.error.OAuthException;
import io.latchkey.security.RandomValues;
import io.latchkey.security.RedactedLog;
import io.latchkey.security.Secret;
import io.latchkey.store.RefreshTokenEntity;
import io.latchkey.store.RefreshTokenRepository;
import io.latchkey.store.Transactions;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.logging.Logger;

/**
 * Refresh tokens: opaque 256-bit values stored hashed, in families (one per sign-in grant). Every use
 * rotates: the presented token is marked with one conditional update and a new one is issued in the same
 * family. Presenting a rotated token again means it was stolen or replayed, so the whole family is revoked
 * (RFC 9700 §4.14.2). Each token expires when unused for the idle lifetime; the family at its absolute end.
 */
public final class RefreshTokens {
    private static final Logger LOG = RedactedLog.of(RefreshTokens.class);
    private static final String INVALID = "the refresh token is invalid, expired, revoked or was issued to another client";

    private final Transactions transactions;
    private final RefreshTokenRepository repository;
    private final GrantFamilies families;
    private final Duration idle;
    private final Duration absolute;
    private final Clock clock;

    public RefreshTokens(Transactions transactions, RefreshTokenRepository repository, GrantFamilies families,
                         Duration idle, Duration absolute, Clock clock) {
        this.transactions = transactions;
        this.repository = repository;
        this.families = families;
        this.idle = idle;
        this.absolute = absolute;
        this.clock = clock;
    }

    /** The grant a refresh token carries forward. */
    public record RefreshGrant(String familyId, String clientId, long accountId, Set<String> scopes, Instant authTime,
                               String sid, Instant familyExpiresAt) {
    }

    /** Starts a family for a fresh sign-in grant. */
    public Secret start(String familyId, String clientId, long accountId, Set<String> scopes, Instant authTime, String sid) {
        return transactions.inTransaction(em -> start(em, familyId, clientId, accountId, scopes, authTime, sid));
    }

    /** {@link #start}, in the caller's transaction. */
    public Secret start(EntityManager em, String familyId, String clientId, long accountId, Set<String> scopes,
                        Instant authTime, String sid) {
        Instant now = clock.instant();
        Secret token = RandomValues.secret256();
        repository.add(em, entity(token, new RefreshGrant(familyId, clientId, accountId, scopes, authTime, sid,
                now.plus(absolute)), now));
        return token;
    }

    /** The result of a rotation: the grant, and the new refresh token that replaces the presented one. */
    public record Rotation(RefreshGrant grant, Secret next) {
    }

    /**
     * Rotates {@code presented}; scopes may only narrow. Throws {@code invalid_grant} for anything but the
     * live token of a live family issued to {@code clientId}, revoking the family on reuse.
     */
    public Rotation rotate(Secret presented, String clientId, Set<String> narrowedScopes) {
        return rotate(presented, clientId, narrowedScopes, Optional.empty(), (em, grant) -> null).rotation();
    }

    /** The JWT access token that will be issued with the new refresh token: recorded on its row. */
    public record AccessTokenRecord(String jti, Instant expiresAt) {
    }

    /** A rotation, and what the caller computed for its grant in the rotation's transaction. */
    public record Rotated<T>(Rotation rotation, T also) {
    }

    /**
     * {@link #rotate(Secret, String, Set)}, recording {@code accessToken} on the new refresh token's row (so that
     * revoking the family reaches it), then {@code also} with the carried grant in the same transaction (a
     * refresh then reads and writes the database once); {@code also} does not run when the rotation fails.
     */
    public <T> Rotated<T> rotate(Secret presented, String clientId, Set<String> narrowedScopes,
                                 Optional<AccessTokenRecord> accessToken,
                                 BiFunction<EntityManager, RefreshGrant, T> also) {
        Instant now = clock.instant();
        String hash = presented.hashed();
        // A refusal commits what was written before it, so that a family revoked on reuse stays revoked.
        return transactions.inTransactionKeepingOn(OAuthException.class, em -> {
            RefreshTokenEntity token = repository.find(em, hash).orElse(null);
            if (token == null) {
                throw invalid("unknown refresh token");
            }
            if (!token.getClientId().equals(clientId)) {
                throw invalid("refresh token of " + token.getClientId() + " presented by " + clientId);
            }
            if (token.getRevokedAt() != null) {
                throw invalid("refresh token family " + token.getFamilyId() + " is revoked");
            }
            if (token.getRotatedAt() != null) {
                throw reuse(em, token, now);
            }
            if (!now.isBefore(token.getIdleExpiresAt()) || !now.isBefore(token.getFamilyExpiresAt())) {
                throw invalid("refresh token expired");
            }
            Set<String> granted = new TreeSet<>(Arrays.asList(token.getScope().split(" ")));
            if (!granted.containsAll(narrowedScopes)) {
                throw OAuthException.of(ErrorCode.INVALID_SCOPE, "a refresh may only narrow the granted scope");
            }
            if (!repository.markRotated(em, hash, now)) {
                throw reuse(em, token, now);
            }
            Set<String> scopes = narrowedScopes.isEmpty() ? granted : narrowedScopes;
            // The family keeps what was granted; only this access token is narrowed (RFC 6749 §6).
            RefreshGrant carried = new RefreshGrant(token.getFamilyId(), clientId, token.getAccountId(), granted,
                    token.getAuthTime(), token.getSid(), token.getFamilyExpiresAt());
            Secret next = RandomValues.secret256();
            RefreshTokenEntity created = entity(next, carried, now);
            accessToken.ifPresent(issued -> created.setAccessToken(issued.jti(), issued.expiresAt()));
            repository.add(em, created);
            RefreshGrant grant = new RefreshGrant(carried.familyId(), clientId, carried.accountId(), scopes,
                    carried.authTime(), carried.sid(), carried.familyExpiresAt());
            return new Rotated<>(new Rotation(grant, next), also.apply(em, grant));
        });
    }

    /** A rotated token came back: stolen or replayed. The whole family goes. */
    private OAuthException reuse(EntityManager em, RefreshTokenEntity token, Instant now) {
        int revoked = families.revoke(em, token.getFamilyId(), now);
        LOG.warning(() -> "refresh token reuse for client " + token.getClientId() + ": family " + token.getFamilyId()
                + " revoked (" + revoked + " tokens)");
        return invalid("reuse of a rotated refresh token");
    }

    public void revokeFamily(String familyId) {
        families.revoke(familyId, clock.instant());
    }

    private RefreshTokenEntity entity(Secret token, RefreshGrant grant, Instant now) {
        Instant idleEnd = now.plus(idle);
        return new RefreshTokenEntity(token.hashed(), grant.familyId(), grant.clientId(), grant.accountId(),
                String.join(" ", grant.scopes()), grant.authTime(), grant.sid(), now,
                idleEnd.isAfter(grant.familyExpiresAt()) ? grant.familyExpiresAt() : idleEnd,
                grant.familyExpiresAt(), null, null);
    }

    private static OAuthException invalid(String detail) {
        return OAuthException.of(ErrorCode.INVALID_GRANT, INVALID, detail);
    }
}
