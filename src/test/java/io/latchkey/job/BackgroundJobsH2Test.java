package io.latchkey.job;

import io.latchkey.store.Database;
import io.latchkey.testing.TestDatabase;

/** {@link BackgroundJobsContract} on the embedded default, H2. */
class BackgroundJobsH2Test extends BackgroundJobsContract {
    @Override
    Database newDatabase() {
        return TestDatabase.open();
    }
}
