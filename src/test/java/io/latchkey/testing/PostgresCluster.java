package io.latchkey.testing;

import io.latchkey.store.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster for the tests that must also hold on PostgreSQL: {@code initdb} into a new
 * directory under {@code target/} (as root: under {@code /tmp}, see {@link #clusterBase}), {@code pg_ctl start} on a free loopback port, one database per caller, and
 * {@code pg_ctl stop} plus deletion when the test JVM ends. Started once per JVM, on first use.
 *
 * <p>The server binaries are looked up under {@code /usr/lib/postgresql/<version>/bin} (Debian's layout); when
 * there are none, {@link #shared()} fails with a message saying how to get them ({@code scripts/test} installs
 * the {@code postgresql} package). {@code initdb} refuses to run as root: as root, the cluster belongs to the
 * {@code postgres} user and every server command runs through {@code runuser -u postgres --}.
 */
public final class PostgresCluster {
    private static final String SUPERUSER = "latchkey";
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static PostgresCluster shared;

    private final Path bin;
    private final Path directory;
    private final int port;
    private final boolean asPostgresUser;

    private PostgresCluster(Path bin, Path directory, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.directory = directory;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /** The cluster of this test JVM, started on first use; fails (never skips) when PostgreSQL is not installed. */
    public static synchronized PostgresCluster shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "postgres-cluster-stop"));
        }
        return shared;
    }

    /**
     * A cluster started for a caller that stops it itself ({@link #stopAt}), possibly from another JVM: no shutdown
     * hook. The Maven build starts one before the in-container tests and stops it after them
     * ({@link ContainerTestDatabase}).
     */
    public static PostgresCluster startUnattended() {
        return start();
    }

    /** The directory of this cluster (its data directory, socket and log), what {@link #stopAt} is given. */
    public Path directory() {
        return directory;
    }

    /** Stops the cluster of {@link #startUnattended()} at {@code directory} and deletes it; nothing when it is gone. */
    public static void stopAt(Path directory) {
        if (!Files.isDirectory(directory)) {
            return;
        }
        Path bin = binaries().orElseThrow(() -> new IllegalStateException("PostgreSQL is not installed"));
        boolean root = "root".equals(System.getProperty("user.name")) || isUidZero();
        PostgresCluster cluster = new PostgresCluster(bin, directory, 0, root);
        if (Files.exists(directory.resolve("data").resolve("postmaster.pid"))) {
            cluster.stop();
        } else {
            cluster.delete();
        }
    }

    /** A new, empty database of its own ({@code name} plus a counter), opened as the server opens one. */
    public Database openNewDatabase(String name) {
        return Database.open(createDatabase(name), SUPERUSER, new char[0]);
    }

    /** Creates a new empty database and returns its JDBC URL (user {@value #SUPERUSER}, no password). */
    public String createDatabase(String name) {
        String database = (name.replaceAll("[^A-Za-z0-9]", "_") + "_" + DATABASES.incrementAndGet())
                .toLowerCase(Locale.ROOT);
        try (Connection connection = DriverManager.getConnection(url("postgres"), SUPERUSER, "");
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test database " + database + ": " + e.getMessage(), e);
        }
        return url(database);
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public static String user() {
        return SUPERUSER;
    }

    private static PostgresCluster start() {
        Path bin = binaries().orElseThrow(() -> new IllegalStateException("PostgreSQL is not installed: no "
                + "/usr/lib/postgresql/<version>/bin/initdb. Run scripts/test (it installs the Debian package "
                + "postgresql), or apt-get install postgresql"));
        boolean root = "root".equals(System.getProperty("user.name")) || isUidZero();
        try {
            Path base = clusterBase(root);
            stopLeftovers(bin, base, root);
            Path directory = Files.createTempDirectory(base, "cluster-");
            Path data = directory.resolve("data");
            if (root) {
                run(List.of("chown", "-R", "postgres:postgres", directory.toString()));
            }
            int port = freePort();
            PostgresCluster cluster = new PostgresCluster(bin, directory, port, root);
            cluster.server("initdb", "-D", data.toString(), "-U", SUPERUSER, "--auth=trust", "--no-sync",
                    "--encoding=UTF8", "--locale=C");
            cluster.server("pg_ctl", "start", "-w", "-t", "60", "-D", data.toString(),
                    "-l", directory.resolve("server.log").toString(),
                    "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=" + directory
                            + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200");
            return cluster;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the test PostgreSQL cluster", e);
        }
    }

    private void stop() {
        try {
            server("pg_ctl", "stop", "-m", "immediate", "-w", "-D", directory.resolve("data").toString());
        } finally {
            delete();
        }
    }

    private void delete() {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // left under target/ for `mvn clean`
        }
    }

    /**
     * Where this checkout's clusters live: {@code target/postgres}, except as root, where the {@code postgres} user
     * must be able to reach the data directory although the checkout may sit under a directory only root can enter
     * (a {@code mktemp -d} clone is mode 700): then a directory of this checkout's own under {@code /tmp}, named
     * after the checkout so that two checkouts never stop each other's clusters.
     */
    private static Path clusterBase(boolean root) throws IOException {
        Path target = Path.of("target", "postgres").toAbsolutePath().normalize();
        if (!root) {
            return Files.createDirectories(target);
        }
        String checkout = HexFormat.of().formatHex(sha256(target.toString())).substring(0, 16);
        Path shared = Path.of("/tmp", "latchkey-postgres");
        Path base = shared.resolve(checkout);
        Files.createDirectories(base);
        for (Path reachable : List.of(shared, base)) {
            Files.setPosixFilePermissions(reachable, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return base;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Clusters of an earlier test JVM that was killed before its shutdown hook ran: stopped and deleted. */
    private static void stopLeftovers(Path bin, Path base, boolean root) throws IOException {
        try (DirectoryStream<Path> clusters = Files.newDirectoryStream(base, "cluster-*")) {
            for (Path directory : clusters) {
                PostgresCluster leftover = new PostgresCluster(bin, directory, 0, root);
                if (Files.exists(directory.resolve("data").resolve("postmaster.pid"))) {
                    try {
                        leftover.stop();
                    } catch (IllegalStateException e) {
                        leftover.delete();
                    }
                } else {
                    leftover.delete();
                }
            }
        }
    }

    private static Optional<Path> binaries() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> versions = Files.newDirectoryStream(root)) {
            for (Path version : versions) {
                if (Files.isExecutable(version.resolve("bin").resolve("initdb"))
                        && Files.isExecutable(version.resolve("bin").resolve("pg_ctl"))) {
                    found.add(version.resolve("bin"));
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return found.stream().max(Comparator.comparing(PostgresCluster::majorVersion));
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private void server(String command, String... arguments) {
        List<String> line = new ArrayList<>();
        if (asPostgresUser) {
            line.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        line.add(bin.resolve(command).toString());
        line.addAll(List.of(arguments));
        run(line);
    }

    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(String.join(" ", command) + " could not run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(String.join(" ", command) + " was interrupted", e);
        }
    }

    private static boolean isUidZero() {
        try {
            return Files.getAttribute(Path.of("/proc/self"), "unix:uid").equals(0);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
