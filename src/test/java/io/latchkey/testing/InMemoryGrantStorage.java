package io.latchkey.testing;

import io.latchkey.account.Account;
import io.latchkey.audit.AuditEvent;
import io.latchkey.token.AuthorizationCodes;
import io.latchkey.token.CodeConsumption;
import io.latchkey.token.GrantStorage;
import io.latchkey.token.GrantTransaction;
import io.latchkey.token.StoredRefreshToken;
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
        final Map<String, StoredRefreshToken> refreshTokens = new HashMap<>();
        final Map<String, String> frontChannelClaims = new HashMap<>();
        final Map<String, IssuedRow> issued = new HashMap<>();
        final Map<String, Instant> revoked = new HashMap<>();
        final Map<Long, Account> accounts = new HashMap<>();
        final List<AuditEvent> events = new ArrayList<>();

        State copy() {
            State copy = new State();
            copy.codes.putAll(codes);
            copy.refreshTokens.putAll(refreshTokens);
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

    /** Whether this access token id is on the committed deny list. */
    public boolean isRevoked(String jti) {
        return read(state -> state.revoked.containsKey(jti));
    }

    /** The committed refresh token with this hash. */
    public Optional<StoredRefreshToken> refreshToken(String tokenHash) {
        return read(state -> Optional.ofNullable(state.refreshTokens.get(tokenHash)));
    }

    /** The committed refresh tokens of one family. */
    public List<StoredRefreshToken> family(String grantId) {
        return read(state -> state.refreshTokens.values().stream()
                .filter(token -> token.grant().familyId().equals(grantId)).toList());
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
                    .or(() -> state.refreshTokens.values().stream()
                            .filter(token -> token.accessToken().map(at -> at.jti().equals(jti)).orElse(false))
                            .flatMap(token -> token.grant().claimsRequest().stream()).findFirst());
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
        public void storeRefreshToken(StoredRefreshToken token) {
            requireOpen();
            if (state.refreshTokens.putIfAbsent(token.tokenHash(), token) != null) {
                throw new IllegalStateException("a refresh token with this hash exists");
            }
        }

        @Override
        public Optional<StoredRefreshToken> findRefreshToken(String tokenHash) {
            requireOpen();
            return Optional.ofNullable(state.refreshTokens.get(tokenHash));
        }

        @Override
        public boolean markRotated(String tokenHash, Instant now) {
            requireOpen();
            StoredRefreshToken token = state.refreshTokens.get(tokenHash);
            if (token == null || token.rotatedAt().isPresent() || token.revokedAt().isPresent()) {
                return false;
            }
            state.refreshTokens.put(tokenHash, new StoredRefreshToken(token.tokenHash(), token.grant(),
                    token.issuedAt(), token.idleExpiresAt(), Optional.of(now), token.revokedAt(), token.accessToken()));
            return true;
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
            for (StoredRefreshToken token : List.copyOf(state.refreshTokens.values())) {
                if (!token.grant().familyId().equals(grantId)) {
                    continue;
                }
                token.accessToken().filter(access -> access.expiresAt().isAfter(now))
                        .ifPresent(access -> revokeAccessToken(access.jti(), now, access.expiresAt()));
                if (token.revokedAt().isEmpty()) {
                    state.refreshTokens.put(token.tokenHash(), new StoredRefreshToken(token.tokenHash(),
                            token.grant(), token.issuedAt(), token.idleExpiresAt(), token.rotatedAt(),
                            Optional.of(now), token.accessToken()));
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
