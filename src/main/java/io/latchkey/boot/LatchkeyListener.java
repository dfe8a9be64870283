package io.latchkey.boot;

import io.latchkey.config.InvalidSettingException;
import io.latchkey.config.Settings;
import io.latchkey.job.JobRunner;
import io.latchkey.client.FormParameters;
import io.latchkey.security.ClientAddressFilter;
import io.latchkey.security.QueryStringFilter;
import io.latchkey.security.RedactedLog;
import io.latchkey.security.RedactingLogFilter;
import io.latchkey.security.Refusal;
import io.latchkey.security.RequestBodyFilter;
import io.latchkey.security.SameOriginForms;
import io.latchkey.security.TransportSecurityFilter;
import io.latchkey.store.Database;
import io.latchkey.store.DatabaseUrl;
import io.latchkey.session.CookieNames;
import io.latchkey.web.BrowserCookies;
import io.latchkey.web.ErrorPageRefusal;
import io.latchkey.web.TemplateRenderer;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.glassfish.jersey.servlet.ServletContainer;

/**
 * Start-up and shut-down of the WAR: settings, database and migrations, import, keys, then the filters
 * and Jersey, registered here in order. A bad setting or import file stops the deployment with one line.
 */
public final class LatchkeyListener implements ServletContextListener {
    public static final String CONTAINER_DATASOURCE = "java:comp/env/jdbc/latchkey";
    private static final Logger LOG = RedactedLog.of(LatchkeyListener.class);
    /**
     * Jersey's servlet layer warns, with the full request URI and its query string, about every form POST that
     * arrives without a body: a client could fill the log with lines, and with whatever it put in the query (an
     * id_token_hint, say). Only its SEVERE lines are kept, redacted like Latchkey's own. Held here: java.util.logging
     * keeps loggers only weakly, and a collected logger would lose its level.
     */
    private static final Logger JERSEY_SERVLET = quieted("org.glassfish.jersey.servlet.WebComponent");
    /** How long a request body may take to arrive in full (slow clients included); then 408. */
    static final Duration BODY_DEADLINE = Duration.ofSeconds(15);
    private Database database;
    private JobRunner jobs;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        try {
            Settings settings = Settings.load(SettingSources.fromRuntime(true));
            String issuer = settings.issuer(context.getContextPath());
            database = openDatabase(settings);
            Latchkey latchkey = Latchkey.assemble(settings, issuer, database, System.getenv(), Clock.systemUTC());
            register(context, latchkey);
            jobs = latchkey.jobs();
            jobs.start(JobRunner.TICK);
            if (settings.passwordGrant()) {
                LOG.warning("LATCHKEY_PASSWORD_GRANT=true: applications marked password_grant may exchange people's "
                        + "passwords for tokens (RFC 6749 §4.3); RFC 9700 advises against it");
            }
            if (settings.devMode()) {
                LOG.warning("LATCHKEY_DEV_MODE=true: plain http is accepted from loopback addresses; never use this in production");
            }
            latchkey.posture().logSummary();
            // The data directory as resolved (a relative LATCHKEY_DATA_DIR is relative to the process's working
            // directory, which differs between start scripts): the line says which one holds master.key and H2.
            LOG.info(() -> "Latchkey is ready; issuer " + issuer + ", schema version " + latchkey.database().schemaVersion()
                    + ", data directory " + settings.dataDir());
        } catch (InvalidSettingException | ImportFile.ImportException e) {
            LOG.severe("Latchkey cannot start: " + e.getMessage());
            stopJobs();
            closeDatabase();
            throw new IllegalStateException("Latchkey cannot start: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Latchkey cannot start: " + e.getMessage(), e);
            stopJobs();
            closeDatabase();
            throw e;
        }
    }

    private static Database openDatabase(Settings settings) {
        if (settings.dbUrl().isPresent()) {
            return Database.open(settings.dbUrl().get(), settings.dbUser(), settings.dbPassword().reveal().toCharArray());
        }
        DataSource container = containerDataSource();
        if (container != null) {
            LOG.info("using the container DataSource " + CONTAINER_DATASOURCE);
            return Database.open(container);
        }
        return Database.open(DatabaseUrl.embedded(settings.dataDir()), "", new char[0]);
    }

    private static Logger quieted(String name) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(Level.SEVERE);
        logger.setFilter(new RedactingLogFilter());
        return logger;
    }

    private static DataSource containerDataSource() {
        try {
            return (DataSource) new InitialContext().lookup(CONTAINER_DATASOURCE);
        } catch (NamingException | ClassCastException e) {
            return null;
        }
    }

    private static void register(ServletContext context, Latchkey latchkey) {
        FilterRegistration.Dynamic transport = context.addFilter("transport-security",
                new TransportSecurityFilter(latchkey.transport()));
        transport.setAsyncSupported(true);
        transport.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
        FilterRegistration.Dynamic address = context.addFilter("client-address",
                new ClientAddressFilter(latchkey.settings().trustedProxies()));
        address.setAsyncSupported(true);
        address.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC), false, "/*");
        TemplateRenderer renderer = new TemplateRenderer(context);
        Refusal refusal = new ErrorPageRefusal(renderer);
        FilterRegistration.Dynamic query = context.addFilter("query-string", new QueryStringFilter(refusal));
        query.setAsyncSupported(true);
        query.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
        // Bodies are read without holding a thread, then the request comes back as an ASYNC dispatch.
        FilterRegistration.Dynamic body = context.addFilter("request-body",
                new RequestBodyFilter(FormParameters.MAX_BODY_BYTES, BODY_DEADLINE, refusal));
        body.setAsyncSupported(true);
        body.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC), true, "/*");
        FilterRegistration.Dynamic jersey = context.addFilter("jersey",
                new ServletContainer(new LatchkeyApplication(latchkey, renderer,
                        new BrowserCookies(CookieNames.forMode(latchkey.settings().devMode()), context.getContextPath(),
                                new SameOriginForms(latchkey.issuer())))));
        jersey.setAsyncSupported(true);
        jersey.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC), true, "/*");
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        stopJobs();
        closeDatabase();
        ClassLoader webapp = Thread.currentThread().getContextClassLoader();
        for (Driver driver : Collections.list(DriverManager.getDrivers())) {
            if (driver.getClass().getClassLoader() == webapp) {
                try {
                    DriverManager.deregisterDriver(driver);
                } catch (SQLException e) {
                    LOG.fine(() -> "could not deregister " + driver);
                }
            }
        }
    }

    /** Before the database closes: the job thread ends first (a running purge stops at its next batch). */
    private void stopJobs() {
        if (jobs != null) {
            jobs.close();
            jobs = null;
        }
    }

    private void closeDatabase() {
        if (database != null) {
            database.close();
            database = null;
        }
    }
}
