package io.latchkey.key;

import io.latchkey.store.Database;
import io.latchkey.testing.TestDatabase;

/** {@link KeyRingContract} on the embedded H2 database. */
class KeyRingH2Test extends KeyRingContract {
    @Override
    Database newDatabase() {
        return TestDatabase.open();
    }
}
