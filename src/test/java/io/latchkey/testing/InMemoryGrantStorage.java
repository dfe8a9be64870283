package io.latchkey.testing;

import io.latchkey.account.Account;
import io.latchkey.audit.AuditEvent;
import io.latchkey.token.AuthorizationCodes;
import io.latchkey.token.CodeConsumption;
import io.latchkey.token.GrantStorage;
import io.latchkey.token.GrantTransaction;
import io.latchkey.token.AccessTokenClaims;
import io.latchkey.token.RefreshTokens;
import io.latchkey.token.StoredRefreshFamily;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@link GrantStorage} in memory, for unit tests of the grant rules without a database (after ory/fosite's
 * {@code storage/memory.go}). Transactions run one at a time: {@link #begin()} takes a lock the transaction holds
 * until it is closed, and works on a copy of the state that only {@link GrantTransaction#commit()} publishes, so
 * closing without a commit undoes everything, as a database rollback does (audit events recorded in it too).
 */
public final class InMemoryGrantStorage implements GrantStorage {
    private final ReentrantLock lock = new ReentrantLock();
    private State committed = new State();
    private int commits;

    /** A code as stored: what it is bound to, until when, and when it was used. */
    private record CodeRow(AuthorizationCodes.CodeGrant grant, Instant expiresAt, Optional<Instant> consumedAt) {
    }

    /** An access token recorded for a grant. */
    private record IssuedRow(String grantId, String clientId, String jti, Instant expiresAt) {
    }

    private static final class State {
        final Map<String, CodeRow> codes = new HashMap<>();
        /** Refresh token families by the hash of their locator. */
        final Map<String, StoredRefreshFamily> refreshFamilies = new HashMap<>();
        /** Refresh tokens rotated before schema 31, by hash. */
        final Map<String, RefreshTokens.RetiredToken> retired = new HashMap<>();
        final Map<String, String> frontChannelClaims = new HashMap<>();
        final Map<String, IssuedRow> issued = new HashMap<>();
        final Map<String, Instant> revoked = new HashMap<>();
        final Map<Long, Account> accounts = new HashMap<>();
        final List<AuditEvent> events = new ArrayList<>();

        State copy() {
            State copy = new State();
            copy.codes.putAll(codes);
            copy.refreshFamilies.putAll(refreshFamilies);
            copy.retired.putAll(retired);
            copy.frontChannelClaims.putAll(frontChannelClaims);
            copy.issued.putAll(issued);
            copy.revoked.putAll(revoked);
            copy.accounts.putAll(accounts);
            copy.events.addAll(events);
            return copy;
        }
    }

    /** Adds or replaces an account, committed at once. */
    public void putAccount(Account account) {
        lock.lock();
        try {
            committed.accounts.put(account.id(), account);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Whether this access token id is on the committed deny list: by itself, or by its family's entry for one a
     * refresh issued ({@link AccessTokenClaims#familyOfJti}), as the server's list answers.
     */
    public boolean isRevoked(String jti) {
        return read(state -> state.revoked.containsKey(jti)
                || AccessTokenClaims.familyOfJti(jti).map(AccessTokenClaims::familyEntry)
                        .filter(state.revoked::containsKey).isPresent());
    }

    /** The committed refresh token family of this grant. */
    public Optional<StoredRefreshFamily> family(String grantId) {
        return read(state -> state.refreshFamilies.values().stream()
                .filter(family -> family.grant().familyId().equals(grantId)).findFirst());
    }

    /** The committed family of this refresh token (the family its locator names, whether or not it is the live one). */
    public Optional<StoredRefreshFamily> refreshFamilyOf(io.latchkey.security.Secret token) {
        String key = io.latchkey.token.RefreshTokenValue.presented(token).familyKey();
        return read(state -> Optional.ofNullable(state.refreshFamilies.get(key)));
    }

    /** Stores a refresh token as rotated before schema 31 (one row per token then), committed. */
    public void putRetiredRefreshToken(String tokenHash, String familyId, String clientId) {
        lock.lock();
        try {
            committed.retired.put(tokenHash, new RefreshTokens.RetiredToken(familyId, clientId));
        } finally {
            lock.unlock();
        }
    }

    /** Whether the committed code with this hash has been used. */
    public boolean isConsumed(String codeHash) {
        return read(state -> Optional.ofNullable(state.codes.get(codeHash))
                .flatMap(CodeRow::consumedAt).isPresent());
    }

    /** The grant id of the committed code with this hash. */
    public Optional<String> grantOfCode(String codeHash) {
        return read(state -> Optional.ofNullable(state.codes.get(codeHash)).map(row -> row.grant().grantId()));
    }

    /** The audit events recorded by committed transactions, in order. */
    public List<AuditEvent> events() {
        return read(state -> List.copyOf(state.events));
    }

    /** The committed audit events with this action. */
    public List<AuditEvent> eventsWithAction(String action) {
        return events().stream().filter(event -> event.action().equals(action)).toList();
    }

    /** How many transactions were committed so far. */
    public int commits() {
        return read(state -> commits);
    }

    private <T> T read(java.util.function.Function<State, T> query) {
        lock.lock();
        try {
            return query.apply(committed);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public GrantTransaction begin() {
        lock.lock();
        return new Unit(committed.copy());
    }

    private final class Unit implements GrantTransaction {
        private final State state;
        private boolean open = true;
        private boolean committedAlready;

        Unit(State state) {
            this.state = state;
        }

        @Override
        public void storeCode(String codeHash, AuthorizationCodes.CodeGrant grant, Instant issuedAt,
                              Instant expiresAt) {
            requireOpen();
            if (state.codes.putIfAbsent(codeHash, new CodeRow(grant, expiresAt, Optional.empty())) != null) {
                throw new IllegalStateException("a code with this hash exists");
            }
        }

        @Override
        public void recordFrontChannelClaims(String clientId, String jti, Instant expiresAt, String claimsRequest) {
            requireOpen();
            state.frontChannelClaims.put(jti, claimsRequest);
        }

        @Override
        public Optional<String> claimsRequestOfAccessToken(String jti) {
            requireOpen();
            if (state.frontChannelClaims.containsKey(jti)) {
                return Optional.of(state.frontChannelClaims.get(jti));
            }
            return state.codes.values().stream().map(CodeRow::grant)
                    .filter(grant -> grant.accessTokenJti().equals(jti) && grant.claimsRequest().isPresent())
                    .map(grant -> grant.claimsRequest().get()).findFirst()
                    .or(() -> AccessTokenClaims.familyOfJti(jti).flatMap(familyId -> state.refreshFamilies.values()
                            .stream().filter(family -> familyId.equals(family.grant().familyId()))
                            .flatMap(family -> family.grant().claimsRequest().stream()).findFirst()));
        }

        @Override
        public CodeConsumption consumeCode(String codeHash, Instant now) {
            requireOpen();
            CodeRow row = state.codes.get(codeHash);
            if (row == null) {
                return new CodeConsumption.Unknown();
            }
            if (row.consumedAt().isPresent()) {
                AuthorizationCodes.CodeGrant grant = row.grant();
                return new CodeConsumption.Replayed(grant.grantId(), grant.clientId(), grant.accessTokenJti(),
                        row.consumedAt().get());
            }
            if (!row.expiresAt().isAfter(now)) {
                return new CodeConsumption.Unknown();
            }
            state.codes.put(codeHash, new CodeRow(row.grant(), row.expiresAt(), Optional.of(now)));
            return new CodeConsumption.Redeemed(row.grant());
        }

        @Override
        public void storeRefreshFamily(StoredRefreshFamily family) {
            requireOpen();
            if (state.refreshFamilies.putIfAbsent(family.familyKey(), family) != null) {
                throw new IllegalStateException("a refresh token family with this key exists");
            }
        }

        @Override
        public Optional<StoredRefreshFamily> findRefreshFamily(String familyKey) {
            requireOpen();
            return Optional.ofNullable(state.refreshFamilies.get(familyKey));
        }

        @Override
        public boolean rotateRefreshToken(String familyKey, String presentedHash, RefreshTokens.NextToken next) {
            requireOpen();
            StoredRefreshFamily family = state.refreshFamilies.get(familyKey);
            if (family == null || !family.tokenHash().equals(presentedHash) || family.revokedAt().isPresent()) {
                return false;
            }
            Optional<Instant> accessEnd = next.accessTokenExpiresAt().map(end -> family.accessTokensExpireAt()
                    .filter(end::isBefore).orElse(end));
            state.refreshFamilies.remove(familyKey);
            state.refreshFamilies.put(next.familyKey(), new StoredRefreshFamily(next.familyKey(), next.tokenHash(),
                    family.grant(), family.createdAt(), next.refreshedAt(), family.refreshes() + 1,
                    next.idleExpiresAt(), accessEnd.or(family::accessTokensExpireAt), family.revokedAt()));
            return true;
        }

        @Override
        public Optional<RefreshTokens.RetiredToken> findRetiredRefreshToken(String tokenHash) {
            requireOpen();
            return Optional.ofNullable(state.retired.get(tokenHash));
        }

        @Override
        public void recordAccessToken(String grantId, String clientId, String jti, Instant expiresAt) {
            requireOpen();
            state.issued.put(jti, new IssuedRow(grantId, clientId, jti, expiresAt));
        }

        @Override
        public int revokeFamily(String grantId, Instant now) {
            requireOpen();
            int count = 0;
            for (StoredRefreshFamily family : List.copyOf(state.refreshFamilies.values())) {
                if (!family.grant().familyId().equals(grantId)) {
                    continue;
                }
                family.accessTokensExpireAt().filter(end -> end.isAfter(now))
                        .ifPresent(end -> revokeAccessToken(AccessTokenClaims.familyEntry(grantId), now, end));
                if (family.revokedAt().isEmpty()) {
                    state.refreshFamilies.put(family.familyKey(), new StoredRefreshFamily(family.familyKey(),
                            family.tokenHash(), family.grant(), family.createdAt(), family.refreshedAt(),
                            family.refreshes(), family.idleExpiresAt(), family.accessTokensExpireAt(),
                            Optional.of(now)));
                    count++;
                }
            }
            for (IssuedRow issued : List.copyOf(state.issued.values())) {
                if (issued.grantId().equals(grantId) && issued.expiresAt().isAfter(now)) {
                    revokeAccessToken(issued.jti(), now, issued.expiresAt());
                }
            }
            return count;
        }

        @Override
        public void revokeAccessToken(String jti, Instant now, Instant expiresAt) {
            requireOpen();
            state.revoked.putIfAbsent(jti, expiresAt);
        }

        @Override
        public Optional<Account> findAccount(long accountId) {
            requireOpen();
            return Optional.ofNullable(state.accounts.get(accountId));
        }

        @Override
        public void record(AuditEvent event) {
            requireOpen();
            state.events.add(event);
        }

        @Override
        public void commit() {
            requireOpen();
            committed = state.copy();
            commits++;
            committedAlready = true;
        }

        @Override
        public void close() {
            if (open) {
                open = false;
                lock.unlock();
            }
        }

        private void requireOpen() {
            if (!open || committedAlready) {
                throw new IllegalStateException("the transaction is closed or committed");
            }
        }
    }
}
