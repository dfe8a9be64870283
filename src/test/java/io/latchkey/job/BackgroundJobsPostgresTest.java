package io.latchkey.job;

import io.latchkey.store.Database;
import io.latchkey.testing.PostgresCluster;

/** {@link BackgroundJobsContract} on PostgreSQL (a throwaway cluster; fails when PostgreSQL is not installed). */
class BackgroundJobsPostgresTest extends BackgroundJobsContract {
    @Override
    Database newDatabase() {
        return PostgresCluster.shared().openNewDatabase("background_jobs");
    }
}
