package io.latchkey.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.persistence.EntityManagerFactory;
import io.latchkey.security.RedactedLog;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.hibernate.jpa.HibernatePersistenceConfiguration;

/**
 * The database: a DataSource (the container's, or a HikariCP pool of our own), the schema brought up to
 * date by Flyway migrations (never by Hibernate), and a Hibernate EntityManagerFactory that only
 * validates the schema against the entities. An embedded H2 file that writes every commit at once is compacted in the
 * background ({@link H2FileCompaction}).
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = RedactedLog.of(Database.class);
    private final DataSource dataSource;
    private final HikariDataSource ownPool;
    private final EntityManagerFactory factory;
    private final String schemaVersion;
    private final boolean soleWriter;
    private final Optional<H2FileCompaction> compaction;

    private Database(DataSource dataSource, HikariDataSource ownPool, EntityManagerFactory factory, String schemaVersion,
                     boolean soleWriter, Optional<H2FileCompaction> compaction) {
        this.compaction = compaction;
        this.dataSource = dataSource;
        this.ownPool = ownPool;
        this.factory = factory;
        this.schemaVersion = schemaVersion;
        this.soleWriter = soleWriter;
    }

    /**
     * A pool of our own for a JDBC URL ({@code jdbc:h2:...} or {@code jdbc:postgresql:...}); an H2 URL is completed
     * with the settings of {@link DatabaseUrl#complete} (an embedded file database is opened durable).
     */
    public static Database open(String url, String user, char[] password) {
        String jdbcUrl = DatabaseUrl.complete(url);
        DatabaseUrl.lossyWriteDelay(jdbcUrl).ifPresent(delay -> LOG.warning(() -> "the database URL sets WRITE_DELAY="
                + delay + ": H2 may lose work committed in the last " + delay + " ms when the process dies; "
                + "remove WRITE_DELAY from LATCHKEY_DB_URL to have every commit written at once"));
        HikariConfig config = new HikariConfig();
        config.setPoolName("latchkey");
        config.setJdbcUrl(jdbcUrl);
        // DriverManager does not see drivers in WEB-INF/lib on Tomcat: name the driver.
        config.setDriverClassName(jdbcUrl.startsWith("jdbc:postgresql:") ? "org.postgresql.Driver" : "org.h2.Driver");
        if (!user.isEmpty()) {
            config.setUsername(user);
        }
        if (password.length > 0) {
            config.setPassword(new String(password));
        }
        config.setMaximumPoolSize(10);
        config.setMinimumIdle(1);
        // Every unit of work is a transaction (Transactions): connections come without auto-commit, and
        // Hibernate is told so, which spares two setAutoCommit calls per transaction.
        config.setAutoCommit(false);
        HikariDataSource pool = new HikariDataSource(config);
        try {
            return start(pool, pool, soleWriter(jdbcUrl));
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /** The container's DataSource (e.g. {@code java:comp/env/jdbc/latchkey}). */
    public static Database open(DataSource containerDataSource) {
        return start(containerDataSource, null, false);
    }

    /**
     * Whether only this process can write the database at {@code jdbcUrl}: an embedded H2 file database (H2 locks its
     * file against other processes) not opened with {@code AUTO_SERVER}, which lets them in; or an in-memory one.
     */
    static boolean soleWriter(String jdbcUrl) {
        String url = jdbcUrl.toUpperCase(java.util.Locale.ROOT).replace(" ", "");
        return (DatabaseUrl.isEmbeddedH2File(jdbcUrl) || url.startsWith("JDBC:H2:MEM:"))
                && !url.contains(";AUTO_SERVER=TRUE") && !url.contains(";FILE_LOCK=NO");
    }

    private static Database start(DataSource dataSource, HikariDataSource ownPool, boolean soleWriter) {
        MigrateResult migration = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        String version = migration.targetSchemaVersion != null ? migration.targetSchemaVersion
                : String.valueOf(migration.initialSchemaVersion);
        LOG.info(() -> "database schema at version " + version + " (" + migration.migrationsExecuted
                + " migrations applied now)");
        EntityManagerFactory factory = new HibernatePersistenceConfiguration("latchkey")
                .managedClasses(Entities.ALL)
                .property("jakarta.persistence.nonJtaDataSource", dataSource)
                .property("hibernate.hbm2ddl.auto", "validate")
                .property("hibernate.show_sql", "false")
                .property("hibernate.connection.provider_disables_autocommit", ownPool != null)
                .createEntityManagerFactory();
        // After the migrations, which wrote the file's first chunks.
        return new Database(dataSource, ownPool, factory, version, soleWriter, H2FileCompaction.startIfNeeded(dataSource));
    }

    public Transactions transactions() {
        return new Transactions(factory);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * Whether no other process can write this database (an embedded H2 one), so what this node remembers of it can
     * be exact without asking it again; false for PostgreSQL and the container's DataSource (other nodes may share it).
     */
    public boolean soleWriter() {
        return soleWriter;
    }

    public String schemaVersion() {
        return schemaVersion;
    }

    @Override
    public void close() {
        compaction.ifPresent(H2FileCompaction::close);
        factory.close();
        if (ownPool != null) {
            ownPool.close();
        }
    }
}
