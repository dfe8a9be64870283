package io.latchkey.account;

import io.latchkey.store.Database;
import java.util.UUID;

/** A fresh in-memory H2 database with every migration applied. */
final class TestDatabases {
    /** Cheap parameters so tests that hash many passwords stay fast. */
    static final Argon2Parameters CHEAP = new Argon2Parameters(256, 1, 1, 32, 16);

    private TestDatabases() {
    }

    static Database open() {
        return Database.open("jdbc:h2:mem:account-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "", new char[0]);
    }

    static void clear(Database database) {
        database.transactions().run(em -> {
            em.createNativeQuery("delete from login_throttle").executeUpdate();
            em.createNativeQuery("delete from account").executeUpdate();
        });
    }
}
