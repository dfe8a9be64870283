package io.latchkey.key;

import io.latchkey.store.Database;
import io.latchkey.testing.PostgresCluster;

/** {@link KeyRingContract} on PostgreSQL (a throwaway cluster; fails when PostgreSQL is not installed). */
class KeyRingPostgresTest extends KeyRingContract {
    @Override
    Database newDatabase() {
        return PostgresCluster.shared().openNewDatabase("key_ring");
    }
}
