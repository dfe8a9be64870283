package io.latchkey.job;

import io.latchkey.store.JobLeaseRepository;
import io.latchkey.store.Transactions;
import java.time.Instant;

/** Where the leases of jobs are kept: the database for the server ({@link #stored}), shared by every node. */
@FunctionalInterface
public interface Leases {

    /**
     * Takes the lease of {@code job} as {@code wanted} if the lease held now is over at {@code wanted.takenAt()}
     * ({@link JobLease#isOverAt}); true for exactly one of several callers trying at once.
     */
    boolean take(String job, JobLease wanted);

    /** The leases of {@code job_lease}, each taken in a transaction of its own. */
    static Leases stored(Transactions transactions, JobLeaseRepository repository) {
        return (job, wanted) -> transactions.inTransaction(em ->
                repository.take(em, job, wanted.holder(), wanted.takenAt(), wanted.until()));
    }
}
