package io.latchkey.it.browser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The axe-core accessibility engine's script, for {@link Chromium#assertAccessible}: the npm package at a pinned
 * version, fetched once with {@code npm pack} into {@code target/} (no webjar of it resolves from Maven Central
 * here), checked against the registry's sha512 integrity pinned below before it is unpacked. The system property
 * {@code axe.script} names a local {@code axe.min.js} instead (offline runs).
 */
final class AxeCore {
    static final String VERSION = "4.14.1";
    /** What the npm registry publishes as this version's {@code dist.integrity}. */
    static final String INTEGRITY =
            "sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ==";
    private static final Path HOME = Path.of("target", "axe-core-" + VERSION);
    private static String source;

    private AxeCore() {
    }

    static synchronized String script() {
        if (source == null) {
            try {
                String local = System.getProperty("axe.script", "");
                Path script = local.isEmpty() ? unpacked() : Path.of(local);
                source = Files.readString(script, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return source;
    }

    private static Path unpacked() throws IOException {
        Path script = HOME.resolve("package").resolve("axe.min.js");
        if (Files.isRegularFile(script)) {
            return script;
        }
        Files.createDirectories(HOME);
        Path tarball = HOME.resolve("axe-core-" + VERSION + ".tgz");
        if (!Files.isRegularFile(tarball)) {
            run(List.of("npm", "pack", "--silent", "axe-core@" + VERSION, "--pack-destination", HOME.toString()));
        }
        String integrity = "sha512-" + Base64.getEncoder().encodeToString(sha512(tarball));
        if (!INTEGRITY.equals(integrity)) {
            Files.delete(tarball);
            throw new AssertionError("axe-core " + VERSION + " from npm has integrity " + integrity + ", not "
                    + INTEGRITY);
        }
        run(List.of("tar", "-xzf", tarball.toString(), "-C", HOME.toString(), "package/axe.min.js"));
        return script;
    }

    private static byte[] sha512(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-512");
            byte[] buffer = new byte[65536];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroy();
                throw new AssertionError("could not get axe-core " + VERSION + ": " + command + " said " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while getting axe-core", e);
        }
    }
}
