package io.latchkey.job;

import java.time.Duration;
import java.time.Instant;

/**
 * The lease rule: a node may run a job only after taking its lease, and may take it only once the last lease is
 * over; a lease lasts the job's whole period. So a job runs at most once per period on the whole cluster, whichever
 * node runs it, and again in the next period if a run failed or its node died. {@code job_lease} holds one lease per
 * job, moved by one conditional UPDATE that applies this rule ({@link io.latchkey.store.JobLeaseRepository#take}).
 */
public record JobLease(String holder, Instant takenAt, Instant until) {

    /** The lease of a job that never ran: over since ever. */
    public static final JobLease NONE = new JobLease("", Instant.EPOCH, Instant.EPOCH);

    public JobLease {
        if (until.isBefore(takenAt)) {
            throw new IllegalArgumentException("a lease ends after it was taken");
        }
    }

    /** The lease {@code holder} takes at {@code now} for a job of {@code period}. */
    public static JobLease taken(String holder, Instant now, Duration period) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("a job's period must be positive");
        }
        return new JobLease(holder, now, now.plus(period));
    }

    /** Whether another lease may be taken at {@code now}: from the instant this one ends. */
    public boolean isOverAt(Instant now) {
        return !until.isAfter(now);
    }
}
