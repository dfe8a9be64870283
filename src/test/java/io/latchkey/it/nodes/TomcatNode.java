package io.latchkey.it.nodes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Latchkey node of the two-node test: a Tomcat process of its own (a {@code CATALINA_BASE} under {@code dir}
 * sharing the unpacked Tomcat home of the build, with the Arquillian Tomcat's configuration and the built WAR),
 * started with {@code -Dlatchkey.*} settings. Held as a {@link Process}, so {@link #kill()} is a {@code kill -9}.
 */
final class TomcatNode implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String name;
    private final Path home;
    private final Path base;
    private final int port;
    private final Map<String, String> settings;
    private Process process;

    TomcatNode(String name, Path home, Path war, Path dir, int port, Map<String, String> settings) {
        this.name = name;
        this.home = home;
        this.base = dir.resolve(name);
        this.port = port;
        this.settings = Map.copyOf(settings);
        try {
            deleteTree(base);
            for (String sub : List.of("conf", "logs", "temp", "work", "webapps", "data")) {
                Files.createDirectories(base.resolve(sub));
            }
            try (DirectoryStream<Path> conf = Files.newDirectoryStream(home.resolve("conf"))) {
                for (Path file : conf) {
                    if (Files.isRegularFile(file)) {
                        Files.copy(file, base.resolve("conf").resolve(file.getFileName()));
                    }
                }
            }
            Files.copy(war, base.resolve("webapps").resolve("latchkey.war"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lay out node " + name + " under " + base, e);
        }
    }

    String name() {
        return name;
    }

    /** {@code http://127.0.0.1:<port>/latchkey} */
    String base() {
        return "http://127.0.0.1:" + port + "/latchkey";
    }

    /** Everything the node logged (Latchkey at FINE): {@code logs/server.log} of its base. */
    Path log() {
        return base.resolve("logs").resolve("server.log");
    }

    /** Starts the process and waits until discovery answers (at most two minutes). */
    void start() {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
                "--add-opens=java.base/java.util=ALL-UNNAMED",
                "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
                "--add-opens=java.rmi/sun.rmi.transport=ALL-UNNAMED",
                "-Dcatalina.home=" + home, "-Dcatalina.base=" + base, "-Djava.io.tmpdir=" + base.resolve("temp"),
                "-Djava.util.logging.config.file=" + base.resolve("conf").resolve("logging.properties"),
                "-Djava.util.logging.manager=org.apache.juli.ClassLoaderLogManager",
                "-Dhttp.port=" + port, "-Dshutdown.port=-1",
                "-Dlatchkey.data-dir=" + base.resolve("data")));
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-cp", home.resolve("bin").resolve("bootstrap.jar") + ":"
                + home.resolve("bin").resolve("tomcat-juli.jar"), "org.apache.catalina.startup.Bootstrap", "start"));
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(base.resolve("logs").resolve("console.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start node " + name, e);
        }
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("node " + name + " ended at start-up; see " + base.resolve("logs"));
            }
            if (answers()) {
                return;
            }
            sleep(250);
        }
        throw new IllegalStateException("node " + name + " did not answer within two minutes; see " + base.resolve("logs"));
    }

    boolean answers() {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create(base() + "/.well-known/openid-configuration")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@code kill -9}: the JVM ends at once, in the middle of whatever it was doing. */
    void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            waitFor();
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    kill();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill();
            }
        }
    }

    private void waitFor() {
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

}
