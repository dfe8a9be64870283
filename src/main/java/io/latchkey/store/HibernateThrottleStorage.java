package io.latchkey.store;

import io.latchkey.account.AccountService;
import io.latchkey.account.SignInCandidate;
import io.latchkey.account.ThrottleCounter;
import io.latchkey.account.ThrottleCounters;
import io.latchkey.account.ThrottleStorage;
import io.latchkey.account.ThrottleTransaction;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hibernate.Session;

/**
 * {@link ThrottleStorage} on the {@code login_throttle} table: a {@link ThrottleTransaction} is one
 * resource-local transaction; a locked counter is a {@code SELECT ... FOR UPDATE}, and its update is written at
 * commit from the row already loaded (no extra read).
 */
public final class HibernateThrottleStorage implements ThrottleStorage {
    private final Transactions transactions;
    private final LoginThrottleRepository counters;
    private final AccountRepository accounts;

    public HibernateThrottleStorage(Transactions transactions, LoginThrottleRepository counters,
                                    AccountRepository accounts) {
        this.transactions = transactions;
        this.counters = counters;
        this.accounts = accounts;
    }

    @Override
    public ThrottleTransaction begin() {
        return new Unit(transactions.begin());
    }

    /** Plain JDBC on a pooled connection, no session: see {@link Transactions#read}. */
    @Override
    public Map<String, ThrottleCounter> read(List<String> keys) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        return transactions.read(connection -> select(connection, keys));
    }

    /** One {@code select … where key in (…)} for all of {@code keys}. */
    private static Map<String, ThrottleCounter> select(Connection connection, List<String> keys) throws SQLException {
        String sql = "SELECT throttle_key, failures, blocked_until, updated_at FROM login_throttle"
                + " WHERE throttle_key IN (" + "?, ".repeat(keys.size() - 1) + "?)";
        Map<String, ThrottleCounter> found = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < keys.size(); i++) {
                statement.setString(i + 1, keys.get(i));
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ThrottleCounter counter = new ThrottleCounter(rows.getString(1), rows.getInt(2),
                            Optional.ofNullable(SqlInstants.get(rows, 3)), SqlInstants.get(rows, 4));
                    found.put(counter.key(), counter);
                }
            }
        }
        return found;
    }

    /** The counters, in a transaction someone else owns (a reference-token look-up reads them in its own). */
    public static ThrottleCounters countersIn(EntityManager em) {
        return new Counters(em, new LoginThrottleRepository());
    }

    private static class Counters implements ThrottleCounters {
        final EntityManager em;
        private final LoginThrottleRepository repository;

        Counters(EntityManager em, LoginThrottleRepository repository) {
            this.em = em;
            this.repository = repository;
        }

        @Override
        public Optional<ThrottleCounter> find(String key) {
            return repository.find(em, key).map(Counters::toCounter);
        }

        /**
         * One {@code select … where key in (…)} for all of them, through JDBC on the transaction's connection: this
         * read runs before every client authentication, and Hibernate's multi-id load built a new SQL tree for it
         * each time (a quarter of the token endpoint's CPU under load). What this transaction changed through the
         * entities is flushed first, so the read sees it as the entity load did.
         */
        @Override
        public Map<String, ThrottleCounter> findAll(List<String> keys) {
            if (keys.isEmpty()) {
                return Map.of();
            }
            Session session = em.unwrap(Session.class);
            session.flush();
            return session.doReturningWork(connection -> select(connection, keys));
        }

        @Override
        public Optional<ThrottleCounter> lock(String key) {
            return repository.findForUpdate(em, key).map(Counters::toCounter);
        }

        @Override
        public boolean insertIfAbsent(ThrottleCounter counter) {
            return repository.insertIfAbsent(em, counter.key(), counter.failures(),
                    counter.blockedUntil().orElse(null), counter.updatedAt());
        }

        @Override
        public void update(ThrottleCounter counter) {
            LoginThrottleEntity row = repository.find(em, counter.key())
                    .orElseThrow(() -> new IllegalStateException("the login throttle row " + counter.key()
                            + " is gone"));
            row.setFailures(counter.failures());
            row.setBlockedUntil(counter.blockedUntil().orElse(null));
            row.setUpdatedAt(counter.updatedAt());
        }

        @Override
        public void delete(String key) {
            repository.delete(em, key);
        }

        @Override
        public int deleteUpdatedBefore(Instant before) {
            return repository.deleteUpdatedBefore(em, before);
        }

        private static ThrottleCounter toCounter(LoginThrottleEntity row) {
            return new ThrottleCounter(row.getThrottleKey(), row.getFailures(),
                    Optional.ofNullable(row.getBlockedUntil()), row.getUpdatedAt());
        }
    }

    private final class Unit extends Counters implements ThrottleTransaction {
        private final Transactions.UnitOfWork unit;

        Unit(Transactions.UnitOfWork unit) {
            super(unit.entityManager(), counters);
            this.unit = unit;
        }

        @Override
        public Optional<SignInCandidate> findSignInCandidate(String username) {
            return accounts.findByUsername(em, username).map(account -> new SignInCandidate(
                    AccountService.toAccount(account), Optional.ofNullable(account.getPasswordHash())));
        }

        @Override
        public void commit() {
            unit.commit();
        }

        @Override
        public void close() {
            unit.close();
        }
    }
}
