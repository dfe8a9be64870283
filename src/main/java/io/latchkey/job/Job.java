package io.latchkey.job;

import java.time.Duration;
import java.time.Instant;

/** Background work that one node of the cluster does once per period ({@link JobRunner}). */
public interface Job {

    /** Names the job's lease row: the same on every node, at most 64 characters. */
    String name();

    /** How often the job runs on the whole cluster; also how long the node that runs it holds its lease. */
    Duration period();

    /**
     * Does the work once; {@code now} is the instant the lease was taken. A failure may be thrown: the runner logs
     * it, and the job runs again in the next period. Should return soon after its thread is interrupted (the
     * server is stopping).
     */
    void run(Instant now);
}
