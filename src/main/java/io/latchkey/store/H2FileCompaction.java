package io.latchkey.store;

import io.latchkey.security.RedactedLog;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.db.Store;

/**
 * The housekeeping H2's own background thread does, for an embedded H2 file that writes every commit at once.
 *
 * <p>Each commit of an H2 file (MVStore) appends a new chunk holding the pages it changed. A chunk stays in the file
 * as long as one of its pages is live: the full leaf pages of a table that only grows (the audit trail), and the
 * pages of rows nobody touched since, keep old chunks alive with a few per cent of their bytes in use. H2's background
 * thread rewrites those pages into new, full chunks and moves chunks into the holes left by dead ones. With
 * {@code WRITE_DELAY=0} (what {@link DatabaseUrl} sets so that every answer survives {@code kill -9}) H2 starts no
 * background thread: nothing was ever rewritten. After four minutes of sign-ins and refreshes (scripts/bench-sign-in,
 * read with H2's MVStoreTool) 2 500 chunks were live, 9 % full on average, and their number kept growing with every
 * page left behind; every commit also rewrote the part of the map that records them, more than half of the bytes it
 * wrote.
 *
 * <p>This does the first of these on a thread of its own, through MVStore's public call: every {@link #PERIOD_MILLIS}
 * ms, while the chunks are less than {@link #TARGET_CHUNK_FILL_RATE} % full, it rewrites the live pages of the emptiest
 * ones, at most {@link #REWRITE_BYTES} a round, or {@link #IDLE_REWRITE_BYTES} when nothing was committed since the
 * previous round. A round runs under H2's store lock, commits wait for it, and under load its cost grows with the
 * chunks H2 still keeps (45 s of them): full sign-in benchmarks with a round every 5 s ran refreshes at 1 750/s with
 * 0.96 ms of CPU and a p99 of 64 ms each, against 2 091-2 120/s, 0.80-0.82 ms and 14-19 ms without any; rounds every
 * 250 ms took the p99 to 30-85 ms. At the benchmark's load even a round every 5 s did not keep up, and the backlog
 * waits for a quieter moment; ordinary loads leave far fewer pages behind.
 *
 * <p>Chunks a commit replaced are kept for H2's retention time (45 s, its margin for the operating system to flush
 * the file) before their space is reused, and they count in the fill rate meanwhile: under load the file holds about
 * 45 s of writes besides its live data, and the rate H2 reports stays low. This does not move chunks to shrink the
 * file, which H2 does with a flush to disk (fsync) that every commit would wait for: the file keeps the size of its
 * busiest 45 s, and H2 gives part of it back when it closes the database.
 */
final class H2FileCompaction implements AutoCloseable {
    private static final Logger LOG = RedactedLog.of(H2FileCompaction.class);

    static final long PERIOD_MILLIS = 30_000;
    static final int TARGET_CHUNK_FILL_RATE = 50;
    static final int REWRITE_BYTES = 256 << 10;
    static final int IDLE_REWRITE_BYTES = 4 << 20;

    private final DataSource dataSource;
    private final ScheduledExecutorService thread;
    private volatile boolean failureLogged;
    /** The file's write count after the previous round: the same at the next one means nothing was committed. */
    private long writesAfterPreviousRound = -1;

    private H2FileCompaction(DataSource dataSource, ScheduledExecutorService thread) {
        this.dataSource = dataSource;
        this.thread = thread;
    }

    /**
     * Started when {@code dataSource} is an H2 file database in this process that has no background writer of its own
     * (auto-commit delay 0, as {@code WRITE_DELAY=0} sets it); empty for PostgreSQL, in-memory and remote H2, or an
     * H2 file opened with a write delay (whose own thread does this).
     */
    static Optional<H2FileCompaction> startIfNeeded(DataSource dataSource) {
        if (storeOf(dataSource).filter(H2FileCompaction::lacksBackgroundWriter).isEmpty()) {
            return Optional.empty();
        }
        ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, "latchkey-h2-compaction");
            t.setDaemon(true);
            return t;
        });
        H2FileCompaction compaction = new H2FileCompaction(dataSource, thread);
        thread.scheduleWithFixedDelay(compaction::runQuietly, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        LOG.info("the H2 file writes every commit at once (WRITE_DELAY=0): compacting it in the background");
        return Optional.of(compaction);
    }

    /** One round: what the periodic thread runs (one at a time). Returns whether it rewrote anything. */
    synchronized boolean runOnce() {
        // Looked up each round (one pooled connection every 30 s) rather than held: H2 closes and reopens the store
        // if the pool ever lets its last connection go.
        Optional<MVStore> found = storeOf(dataSource);
        if (found.isEmpty() || found.get().isClosed()) {
            return false;
        }
        MVStore store = found.get();
        boolean idle = store.getFileStore().getWriteCount() == writesAfterPreviousRound;
        boolean rewrote = store.compact(TARGET_CHUNK_FILL_RATE, idle ? IDLE_REWRITE_BYTES : REWRITE_BYTES);
        writesAfterPreviousRound = store.getFileStore().getWriteCount();
        return rewrote;
    }

    private void runQuietly() {
        try {
            runOnce();
        } catch (RuntimeException | LinkageError e) {
            // The database may be closing, or refuse for a moment; the next round tries again. Logged once.
            if (!failureLogged) {
                failureLogged = true;
                LOG.log(Level.WARNING, "compacting the H2 file failed (retried every " + PERIOD_MILLIS + " ms; "
                        + "logged once): " + e);
            }
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean lacksBackgroundWriter(MVStore store) {
        return store.getFileStore() != null && !store.isReadOnly() && store.getAutoCommitDelay() == 0;
    }

    /** The MVStore behind an H2 database in this process; empty for any other database. */
    static Optional<MVStore> storeOf(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isWrapperFor(JdbcConnection.class)) {
                return Optional.empty();
            }
            Object session = connection.unwrap(JdbcConnection.class).getSession();
            if (!(session instanceof SessionLocal local)) {
                return Optional.empty();
            }
            Store store = local.getDatabase().getStore();
            return store == null ? Optional.empty() : Optional.of(store.getMvStore());
        } catch (SQLException e) {
            return Optional.empty();
        }
    }
}
