package io.latchkey.store;

import jakarta.persistence.EntityManager;
import java.time.Instant;

/**
 * The leases of background jobs ({@code job_lease}, schema 19): a node runs a job only in the transaction that
 * moved its lease. Plain SQL; the table has no entity.
 */
public final class JobLeaseRepository {
    /** The lease of a job nobody ran yet: over since ever. */
    static final Instant NEVER = Instant.EPOCH;

    /**
     * Takes the lease of {@code job} for {@code holder} until {@code until} if, and only if, the current lease is
     * over at {@code now} (its end is not after {@code now}); true for the one caller that took it. The row is
     * inserted first if the job never ran. Of several transactions trying at once, the first to update the row
     * holds its lock until it commits; the others then re-read the row, find the new end and update nothing.
     */
    public boolean take(EntityManager em, String job, String holder, Instant now, Instant until) {
        InsertIfAbsent.row(em, "INSERT INTO job_lease (name, holder, taken_at, lease_until) VALUES (?, ?, ?, ?)",
                job, "", NEVER, NEVER);
        return em.createNativeQuery("UPDATE job_lease SET holder = :holder, taken_at = :now, lease_until = :until "
                        + "WHERE name = :name AND lease_until <= :now")
                .setParameter("holder", holder)
                .setParameter("now", now)
                .setParameter("until", until)
                .setParameter("name", job)
                .executeUpdate() == 1;
    }
}
