package io.latchkey.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The PostgreSQL database of the in-container tests on Tomcat, run by the build (pom.xml, exec:java) around them:
 * {@code start <dir>} starts a throwaway {@link PostgresCluster}, creates a database for the Arquillian suite and
 * one for the two-node test, and writes into {@code <dir>}
 * <ul>
 * <li>{@code latchkey.properties}: the settings the Tomcat of the suite is started with ({@code -Dlatchkey.config});
 * <li>{@code cluster.properties}: the cluster's directory and the two-node test's database URL;
 * </ul>
 * {@code stop <dir>} stops that cluster and deletes it. A cluster left behind by a killed build is stopped by the
 * next start ({@link PostgresCluster}).
 */
public final class ContainerTestDatabase {
    public static final String SETTINGS_FILE = "latchkey.properties";
    public static final String CLUSTER_FILE = "cluster.properties";
    public static final String NODES_DATABASE_URL = "nodes.database-url";
    private static final String CLUSTER_DIRECTORY = "cluster.directory";

    private ContainerTestDatabase() {
    }

    public static void main(String[] arguments) throws IOException {
        if (arguments.length != 2 || !(arguments[0].equals("start") || arguments[0].equals("stop"))) {
            throw new IllegalArgumentException("usage: ContainerTestDatabase start|stop <directory>");
        }
        Path directory = Path.of(arguments[1]).toAbsolutePath();
        if (arguments[0].equals("start")) {
            start(directory);
        } else {
            stop(directory);
        }
    }

    private static void start(Path directory) throws IOException {
        stop(directory);
        Files.createDirectories(directory);
        PostgresCluster cluster = PostgresCluster.startUnattended();
        Properties clusterFile = new Properties();
        clusterFile.setProperty(CLUSTER_DIRECTORY, cluster.directory().toString());
        write(directory.resolve(CLUSTER_FILE), clusterFile);
        Properties settings = new Properties();
        settings.setProperty("latchkey.db-url", cluster.createDatabase("container_tests"));
        settings.setProperty("latchkey.db-user", PostgresCluster.user());
        write(directory.resolve(SETTINGS_FILE), settings);
        clusterFile.setProperty(NODES_DATABASE_URL, cluster.createDatabase("two_nodes"));
        write(directory.resolve(CLUSTER_FILE), clusterFile);
        System.out.println("[latchkey] in-container tests on PostgreSQL: " + settings.getProperty("latchkey.db-url"));
    }

    private static void stop(Path directory) {
        Properties cluster = read(directory.resolve(CLUSTER_FILE));
        String clusterDirectory = cluster.getProperty(CLUSTER_DIRECTORY);
        if (clusterDirectory != null) {
            PostgresCluster.stopAt(Path.of(clusterDirectory));
        }
        try {
            Files.deleteIfExists(directory.resolve(CLUSTER_FILE));
            Files.deleteIfExists(directory.resolve(SETTINGS_FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The properties of {@code file}; none when it does not exist. */
    public static Properties read(Path file) {
        Properties properties = new Properties();
        if (Files.isReadable(file)) {
            try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return properties;
    }

    private static void write(Path file, Properties properties) throws IOException {
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(writer, "written by io.latchkey.testing.ContainerTestDatabase");
        }
    }
}
