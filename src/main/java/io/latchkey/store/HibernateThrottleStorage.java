package io.latchkey.store;

import io.latchkey.account.AccountService;
import io.latchkey.account.SignInCandidate;
import io.latchkey.account.ThrottleCounter;
import io.latchkey.account.ThrottleCounters;
import io.latchkey.account.ThrottleStorage;
import io.latchkey.account.ThrottleTransaction;
import jakarta.persistence.EntityManager;
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

        /** One {@code select … where key in (…)} for all of them. */
        @Override
        public Map<String, ThrottleCounter> findAll(List<String> keys) {
            Map<String, ThrottleCounter> found = new HashMap<>();
            for (LoginThrottleEntity row : em.unwrap(Session.class).findMultiple(LoginThrottleEntity.class, keys)) {
                if (row != null) {
                    ThrottleCounter counter = toCounter(row);
                    found.put(counter.key(), counter);
                }
            }
            return found;
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
