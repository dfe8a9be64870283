package io.latchkey.job;

import io.latchkey.security.RedactedLog;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs background {@link Job jobs}, each once per period on the whole cluster: every {@link #TICK} this node's one
 * daemon thread tries to take the lease of each job ({@link JobLease}, kept in the database); the node that takes
 * it runs the job, the others skip it until the next tick. A job that throws is logged (its exception's class and
 * message, through the redacting log) and runs again in the next period; it never stops the other jobs or the
 * thread. Time comes from the clock given, so tests drive {@link #runDue} without sleeping. Plain
 * {@code java.util.concurrent}: no container API; {@link #close} stops the thread and waits for it, so undeploying
 * leaves no thread behind.
 */
public final class JobRunner implements AutoCloseable {
    /** How often a node looks for due jobs: a job starts at most this late after its period ended. */
    public static final Duration TICK = Duration.ofSeconds(30);
    /** How long after start-up the first look happens (the server is ready by then). */
    static final Duration FIRST_TICK = Duration.ofSeconds(5);
    private static final Duration STOP_WAIT = Duration.ofSeconds(20);
    private static final Logger LOG = RedactedLog.of(JobRunner.class);

    private final Leases leases;
    private final List<Job> jobs;
    private final Clock clock;
    private final String holder;
    private ScheduledExecutorService thread;

    public JobRunner(Leases leases, List<Job> jobs, Clock clock, String holder) {
        Set<String> names = new HashSet<>();
        for (Job job : jobs) {
            if (job.name().isEmpty() || job.name().length() > 64 || !names.add(job.name())) {
                throw new IllegalArgumentException("jobs need distinct names of 1 to 64 characters: " + job.name());
            }
            JobLease.taken(holder, Instant.EPOCH, job.period());
        }
        this.leases = leases;
        this.jobs = List.copyOf(jobs);
        this.clock = clock;
        this.holder = holder;
    }

    /** This node as a lease holder: the JVM ({@code pid@host}) and a random part (two WARs in one JVM differ). */
    public static String thisNode() {
        String jvm = ManagementFactory.getRuntimeMXBean().getName();
        String node = jvm + "/" + UUID.randomUUID().toString().substring(0, 8);
        return node.length() <= 200 ? node : node.substring(node.length() - 200);
    }

    public List<Job> jobs() {
        return jobs;
    }

    /** Starts this node's thread: a first look after {@link #FIRST_TICK}, then one every {@code tick}. */
    public synchronized void start(Duration tick) {
        if (thread != null) {
            throw new IllegalStateException("the job runner is started already");
        }
        thread = Executors.newSingleThreadScheduledExecutor(work -> {
            Thread daemon = new Thread(work, "latchkey-jobs");
            daemon.setDaemon(true);
            return daemon;
        });
        thread.scheduleWithFixedDelay(this::tick, FIRST_TICK.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info(() -> "background jobs started on " + holder + ": " + jobs.stream()
                .map(job -> job.name() + " every " + job.period()).toList());
    }

    /**
     * Runs every job whose lease this node takes now, one after the other; the names of the jobs it ran (failed
     * ones included). Never throws: a lease that cannot be taken (the database is away) or a job that fails is
     * logged, and tried again at the next tick or in the next period.
     */
    public List<String> runDue() {
        List<String> ran = new ArrayList<>();
        for (Job job : jobs) {
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
            Instant now = clock.instant();
            boolean taken;
            try {
                taken = leases.take(job.name(), JobLease.taken(holder, now, job.period()));
            } catch (RuntimeException e) {
                LOG.warning(() -> "could not take the lease of job " + job.name() + " (" + describe(e)
                        + "); trying again in " + TICK);
                continue;
            }
            if (!taken) {
                continue;
            }
            ran.add(job.name());
            try {
                job.run(now);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "job " + job.name() + " failed (" + describe(e) + "); it runs again in "
                        + job.period(), e);
            }
        }
        return ran;
    }

    private void tick() {
        try {
            runDue();
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            // Anything escaping would end the schedule for good.
            LOG.log(Level.SEVERE, "background jobs: " + describe(e), e);
        }
    }

    private static String describe(Throwable e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    /** Stops the thread (interrupting a running job, which ends at its next batch) and waits for it to end. */
    @Override
    public synchronized void close() {
        if (thread == null) {
            return;
        }
        thread.shutdownNow();
        try {
            if (!thread.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warning("a background job did not stop within " + STOP_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread = null;
    }
}
