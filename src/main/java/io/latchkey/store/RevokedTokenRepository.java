package io.latchkey.store;

import io.latchkey.token.AccessTokenClaims;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The deny list of revoked access tokens (JWT ids, and the hashes of opaque access tokens of grants), kept until
 * each token would have expired.
 *
 * <p>A held list ({@link #held}) is what the server uses: every revocation adds one to the
 * {@link ConfigurationChanges.Kind#REVOCATIONS} counter in its own transaction, and the live ids are held in memory
 * and reloaded when that counter moved (at once on the node that revoked, within
 * {@link ConfigurationChanges#CHECK_INTERVAL} on the others, and at least every {@link ConfigurationCache#MAXIMUM_AGE}),
 * so checking a token reads no table. Past {@link #HELD_AT_MOST} live ids the list is not held: each check reads
 * its row. A list made with {@code new} reads the row at each check and records no change (tests, one node).
 */
public final class RevokedTokenRepository {
    /** The most live revoked ids a server holds in memory (about a megabyte); past that, each check reads its row. */
    public static final int HELD_AT_MOST = 10_000;

    /** The live revoked ids when they were at most {@link #HELD_AT_MOST}; empty when there were more. */
    private record Held(Optional<Set<String>> ids) {
    }

    private final Optional<ConfigurationChanges> changes;
    private final Optional<ConfigurationCache<String, Held>> held;
    private final Transactions transactions;
    private final int heldAtMost;
    private final Clock clock;

    /** A deny list read at each check, whose revocations record no change. */
    public RevokedTokenRepository() {
        this(null, Optional.empty(), 0, Clock.systemUTC());
    }

    private RevokedTokenRepository(Transactions transactions, Optional<ConfigurationChanges> changes, int heldAtMost,
                                   Clock clock) {
        this.transactions = transactions;
        this.changes = changes;
        this.heldAtMost = heldAtMost;
        this.clock = clock;
        this.held = changes.map(c -> new ConfigurationCache<>(c, ConfigurationChanges.Kind.REVOCATIONS, 1, clock));
    }

    /** The deny list held in memory, reloaded whenever a revocation is recorded through {@code changes}. */
    public static RevokedTokenRepository held(Transactions transactions, ConfigurationChanges changes, Clock clock) {
        return held(transactions, changes, HELD_AT_MOST, clock);
    }

    /** {@link #held(Transactions, ConfigurationChanges, Clock)} holding at most {@code heldAtMost} ids (tests). */
    static RevokedTokenRepository held(Transactions transactions, ConfigurationChanges changes, int heldAtMost,
                                       Clock clock) {
        return new RevokedTokenRepository(transactions, Optional.of(changes), heldAtMost, clock);
    }

    /**
     * Puts {@code jti} on the list unless it is there already; idempotent when several requests revoke the same
     * token at the same instant (one refresh token reused by several requests, one code replayed). A held list
     * records the change in the same transaction.
     */
    public void revoke(EntityManager em, String jti, Instant now, Instant expiresAt) {
        InsertIfAbsent.row(em, "INSERT INTO revoked_token (jti, revoked_at, expires_at) VALUES (?, ?, ?)",
                jti, now, expiresAt);
        changes.ifPresent(c -> c.record(em, ConfigurationChanges.Kind.REVOCATIONS));
    }

    /** Whether {@code jti} is on the list, as the transaction of {@code em} sees it. */
    public boolean isRevoked(EntityManager em, String jti) {
        return em.find(RevokedTokenEntity.class, jti) != null;
    }

    /**
     * Whether {@code id} is on the list: from memory for a held list that fits, else one read in a transaction of
     * its own on {@code transactions}.
     */
    public boolean isRevoked(Transactions transactions, String id) {
        Optional<Set<String>> ids = held.flatMap(cache -> cache.get("live", ignored -> load()).ids());
        if (ids.isPresent()) {
            return ids.get().contains(id);
        }
        return transactions.inTransaction(em -> isRevoked(em, id));
    }

    /**
     * Whether a JWT access token with id {@code jti} is on the list: by its own id, or, for one a refresh issued,
     * by its family's entry ({@link AccessTokenClaims#familyEntry}), which revoking the family puts there.
     */
    public boolean isRevokedAccessToken(Transactions transactions, String jti) {
        Optional<String> family = AccessTokenClaims.familyOfJti(jti).map(AccessTokenClaims::familyEntry);
        Optional<Set<String>> ids = held.flatMap(cache -> cache.get("live", ignored -> load()).ids());
        if (ids.isPresent()) {
            return ids.get().contains(jti) || family.filter(ids.get()::contains).isPresent();
        }
        return transactions.inTransaction(em -> isRevoked(em, jti)
                || family.filter(entry -> isRevoked(em, entry)).isPresent());
    }

    private Held load() {
        List<String> live = transactions.inTransaction(em -> liveIds(em, clock.instant(), heldAtMost + 1));
        return new Held(live.size() > heldAtMost ? Optional.empty() : Optional.of(Set.copyOf(live)));
    }

    /** The ids of tokens not yet expired at {@code now}: at most {@code max} of them. */
    public List<String> liveIds(EntityManager em, Instant now, int max) {
        return em.createQuery("select r.jti from RevokedTokenEntity r where r.expiresAt >= :now", String.class)
                .setParameter("now", now).setMaxResults(max).getResultList();
    }

    public int purgeExpired(EntityManager em, Instant now) {
        return em.createQuery("delete from RevokedTokenEntity r where r.expiresAt < :now")
                .setParameter("now", now).executeUpdate();
    }
}
