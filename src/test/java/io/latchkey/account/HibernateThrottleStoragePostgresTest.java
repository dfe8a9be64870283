package io.latchkey.account;

import io.latchkey.store.AccountRepository;
import io.latchkey.store.Database;
import io.latchkey.store.HibernateThrottleStorage;
import io.latchkey.store.LoginThrottleRepository;
import io.latchkey.testing.PostgresCluster;
import io.latchkey.testing.SignInWorld;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link ThrottleStorageContract} on PostgreSQL (a throwaway cluster; fails when PostgreSQL is not installed): the
 * counters client authentication reads in one {@code select … in (…)}.
 */
class HibernateThrottleStoragePostgresTest extends ThrottleStorageContract {
    private static Database database;

    @BeforeAll
    static void openDatabase() {
        database = PostgresCluster.shared().openNewDatabase("throttle_storage");
    }

    @AfterAll
    static void closeDatabase() {
        if (database != null) {
            database.close();
        }
    }

    @Override
    ThrottleStorage storage() {
        return new HibernateThrottleStorage(database.transactions(), new LoginThrottleRepository(),
                new AccountRepository());
    }

    @Override
    SignInCandidate storedCandidate() {
        return new SignInCandidate(new SignInWorld(database).person(), Optional.empty());
    }
}
