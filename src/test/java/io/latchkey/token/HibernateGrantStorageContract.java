package io.latchkey.token;

import io.latchkey.account.Account;
import io.latchkey.store.Database;
import io.latchkey.testing.SignInWorld;
import io.latchkey.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;

/** {@link GrantStorageContract} through {@code store.HibernateGrantStorage}, on the database a subclass opens. */
abstract class HibernateGrantStorageContract extends GrantStorageContract {
    private SignInWorld world;

    abstract Database database();

    @BeforeEach
    void newWorld() {
        world = new SignInWorld(database());
    }

    @Override
    protected GrantStorage storage() {
        return world.grantStorage;
    }

    @Override
    protected Account person() {
        return world.person();
    }

    @Override
    protected boolean isRevoked(String jti) {
        return TestDatabase.count(database(), "select count(*) from revoked_token where jti = ?1", jti) == 1;
    }
}
