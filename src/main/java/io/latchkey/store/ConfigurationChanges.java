package io.latchkey.store;

import jakarta.persistence.EntityManager;
import jakarta.transaction.Synchronization;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;

/**
 * One node's view of the {@code configuration_change} counters (DESIGN §7: caches are invalidated through the
 * database within about a second of a change). A command that changes applications or scopes calls
 * {@link #record} inside its own transaction, which adds one to that kind's counter with the change; this node
 * drops its caches of that kind as soon as the transaction ends. Every other node notices the moved counter the
 * next time one of its caches is used after {@link #CHECK_INTERVAL}, with one primary-key read, and drops its
 * caches of that kind then.
 */
public final class ConfigurationChanges {
    /**
     * How often a node reads a counter, at most: the longest a change made on another node stays unseen (plus the
     * read itself). Half a second keeps a disable "within about a second" on every node for at most two tiny reads
     * a second per kind per node, however busy the token endpoint is; the reads happen only when a cache is used.
     */
    public static final Duration CHECK_INTERVAL = Duration.ofMillis(500);

    /** The kinds of configuration nodes cache, each a row of {@code configuration_change}. */
    public enum Kind {
        APPLICATIONS("applications"),
        SCOPES("scopes"),
        KEYS("keys"),
        /** The deny list of revoked access tokens ({@link RevokedTokenRepository}). */
        REVOCATIONS("revocations");

        private final String rowName;

        Kind(String rowName) {
            this.rowName = rowName;
        }

        public String rowName() {
            return rowName;
        }
    }

    private static final long NOT_READ_YET = Long.MIN_VALUE;

    /** What this node knows of one counter, and who to tell when it moves. */
    private static final class Watch {
        final List<Runnable> listeners = new CopyOnWriteArrayList<>();
        final AtomicLong nextCheckMillis = new AtomicLong(Long.MIN_VALUE);
        volatile long knownVersion = NOT_READ_YET;

        void changed() {
            listeners.forEach(Runnable::run);
        }
    }

    private final ToLongFunction<Kind> currentVersion;
    private final Clock clock;
    private final Map<Kind, Watch> watches = new EnumMap<>(Kind.class);

    /** Counters read by {@code currentVersion} (the stored ones: {@link #stored}). */
    public ConfigurationChanges(ToLongFunction<Kind> currentVersion, Clock clock) {
        this.currentVersion = currentVersion;
        this.clock = clock;
        for (Kind kind : Kind.values()) {
            watches.put(kind, new Watch());
        }
    }

    /**
     * The counters of {@code configuration_change}, each read of committed rows with one plain query by primary key
     * ({@link Transactions#read}): the read runs on a request thread (the first to use a cache after the interval),
     * where a Hibernate unit of work (session, flush, commit) cost more than the read itself.
     */
    public static ConfigurationChanges stored(Transactions transactions, Clock clock) {
        return new ConfigurationChanges(kind -> transactions.read(connection -> version(connection, kind)), clock);
    }

    private static final String VERSION = "SELECT version FROM configuration_change WHERE kind = ?";

    /** The counter of {@code kind} as a read on {@code connection} sees it. */
    static long version(Connection connection, Kind kind) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(VERSION)) {
            statement.setString(1, kind.rowName());
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("configuration_change has no row '" + kind.rowName() + "'");
                }
                return row.getLong(1);
            }
        }
    }

    /** Counters that never move: for configuration that changes only when the server restarts. */
    public static ConfigurationChanges none(Clock clock) {
        return new ConfigurationChanges(kind -> 0, clock);
    }

    /** The counter of {@code kind} as the transaction of {@code em} sees it. */
    public static long version(EntityManager em, Kind kind) {
        ConfigurationChangeEntity row = em.find(ConfigurationChangeEntity.class, kind.rowName());
        if (row == null) {
            throw new IllegalStateException("configuration_change has no row '" + kind.rowName() + "'");
        }
        return row.getVersion();
    }

    /**
     * Records a change of {@code kind} in the caller's transaction: the counter goes up by one with the change
     * (a relative update, so concurrent changes on any node each count, and one waits for the other's commit), and
     * this node's caches of {@code kind} are dropped when the transaction ends, so the next request here sees the
     * change. Other nodes see the counter move only once the change is committed.
     */
    public void record(EntityManager em, Kind kind) {
        int updated = em.createQuery("update ConfigurationChangeEntity c set c.version = c.version + 1"
                        + " where c.kind = :kind")
                .setParameter("kind", kind.rowName())
                .executeUpdate();
        if (updated != 1) {
            throw new IllegalStateException("configuration_change has no row '" + kind.rowName() + "'");
        }
        Watch watch = watches.get(kind);
        em.unwrap(org.hibernate.Session.class).getTransaction().registerSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                // After a rollback too: dropping a cache is always safe, and a reload then reads the old rows.
                watch.changed();
            }
        });
    }

    /** Runs {@code dropCache} whenever the configuration of {@code kind} changed (on this node or another). */
    public void onChange(Kind kind, Runnable dropCache) {
        watches.get(kind).listeners.add(dropCache);
    }

    /**
     * Called before a cache of {@code kind} is used: reads the counter if {@link #CHECK_INTERVAL} has passed since
     * the last read, and tells the listeners if it moved. One caller reads; the others meanwhile use the cache as
     * it is. If the read fails the failure is thrown and the next caller reads again.
     */
    public void catchUp(Kind kind) {
        Watch watch = watches.get(kind);
        long now = clock.millis();
        long nextCheck = watch.nextCheckMillis.get();
        if (now < nextCheck || !watch.nextCheckMillis.compareAndSet(nextCheck, now + CHECK_INTERVAL.toMillis())) {
            return;
        }
        long version;
        try {
            version = currentVersion.applyAsLong(kind);
        } catch (RuntimeException | Error e) {
            watch.nextCheckMillis.set(Long.MIN_VALUE);
            throw e;
        }
        if (version != watch.knownVersion) {
            watch.knownVersion = version;
            watch.changed();
        }
    }
}
