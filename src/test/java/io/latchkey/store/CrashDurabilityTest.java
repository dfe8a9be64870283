package io.latchkey.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.latchkey.error.ErrorCode;
import io.latchkey.error.OAuthException;
import io.latchkey.security.Secret;
import io.latchkey.testing.SignInWorld;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every answer the server has sent survives a crash of its process: a child JVM works through the real services on
 * the embedded database, opened as production opens it, and is killed with SIGKILL in the middle of the burst; the
 * database reopened, every token the child handed out behaves as it should.
 */
class CrashDurabilityTest {
    /** Answers read before the kill: past the set-up, in the middle of the burst. */
    private static final int ANSWERS_BEFORE_KILL = 300;

    @Test
    void everyAnswerSentBeforeAKillMinusNineSurvivesIt() throws Exception {
        Path dataDir = Files.createDirectories(Path.of("target", "crash-durability"))
                .resolve("run-" + System.nanoTime()).toAbsolutePath();
        Files.createDirectories(dataDir);
        Path stderr = dataDir.resolve("child-stderr.txt");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), CrashBurst.class.getName(), dataDir.toString())
                .redirectError(stderr.toFile())
                .start();
        List<String> answers = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                answers.add(line);
                if (answers.size() == ANSWERS_BEFORE_KILL) {
                    // SIGKILL through the handle, which (unlike Process.destroyForcibly) leaves the pipe open:
                    // the answers already written to it were sent, and are read to the end.
                    child.toHandle().destroyForcibly();
                }
            }
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child did not die");
        }
        assertTrue(answers.size() >= ANSWERS_BEFORE_KILL, "the child stopped early (exit " + child.exitValue()
                + ", see " + stderr + "): " + answers);
        assertEquals(137, child.exitValue(), "the child was not killed by SIGKILL");

        Burst burst = Burst.read(answers);
        try (Database database = Database.open(DatabaseUrl.embedded(dataDir), "", new char[0])) {
            SignInWorld world = new SignInWorld(database);
            for (int i = 0; i < CrashBurst.CHAINS; i++) {
                List<String> chain = burst.chains.get(i);
                String last = chain.get(chain.size() - 1);
                if (!burst.inFlight.equals("rotate " + i)) {
                    // The last token the client holds is the live one (a lost rotation makes it unknown).
                    try {
                        world.refreshTokens.rotate(Secret.of(last), CrashBurst.CLIENT, Set.of());
                    } catch (OAuthException e) {
                        fail("chain " + i + ": the last refresh token the client received is refused: " + e.detail());
                    }
                }
                if (chain.size() > 1) {
                    // The one before was rotated (a lost rotation makes it live again): reuse.
                    String earlier = chain.get(chain.size() - 2);
                    OAuthException refused = assertThrows(OAuthException.class, () -> world.refreshTokens
                            .rotate(Secret.of(earlier), CrashBurst.CLIENT, Set.of()), "chain " + i);
                    assertEquals(ErrorCode.INVALID_GRANT, refused.error().code());
                }
            }
            for (String code : burst.redeemed) {
                assertTrue(world.codes.redeem(Secret.of(code)).isEmpty(), "a redeemed code was accepted again");
            }
            long person = burst.person;
            for (String application : burst.granted) {
                assertTrue(world.consents.covers(person, application, CrashBurst.SCOPES), "consent lost: " + application);
            }
            for (String application : burst.forgotten) {
                assertFalse(world.consents.covers(person, application, CrashBurst.SCOPES),
                        "a revoked consent came back: " + application);
            }
        }
        assertTrue(burst.rotations > 0 && !burst.redeemed.isEmpty() && !burst.forgotten.isEmpty(),
                "the kill came before the burst: " + answers.size() + " answers");
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /** What the child answered, by kind. */
    private static final class Burst {
        long person;
        final Map<Integer, List<String>> chains = new HashMap<>();
        final Set<String> redeemed = new LinkedHashSet<>();
        final Set<String> granted = new LinkedHashSet<>();
        final Set<String> forgotten = new HashSet<>();
        int rotations;
        String inFlight = "";

        static Burst read(List<String> answers) {
            Burst burst = new Burst();
            for (String line : answers) {
                String[] words = line.split(" ");
                switch (words[0]) {
                    case "person" -> burst.person = Long.parseLong(words[1]);
                    case "chain" -> burst.chains.computeIfAbsent(Integer.parseInt(words[1]), i -> new ArrayList<>())
                            .add(words[2]);
                    case "rotated" -> {
                        burst.chains.get(Integer.parseInt(words[1])).add(words[2]);
                        burst.rotations++;
                    }
                    case "redeemed" -> burst.redeemed.add(words[1]);
                    case "granted" -> burst.granted.add(words[1]);
                    case "forgot" -> {
                        burst.granted.remove(words[1]);
                        burst.forgotten.add(words[1]);
                    }
                    case "begin", "code" -> {
                    }
                    default -> throw new IllegalStateException("unexpected answer: " + line);
                }
                burst.inFlight = words[0].equals("begin") ? words[1] + " " + words[2] : "";
            }
            return burst;
        }
    }
}
