package io.latchkey.bench;

import io.latchkey.account.Argon2Parameters;
import io.latchkey.account.NativeArgon2;
import io.latchkey.account.PasswordHasher;
import io.latchkey.security.Secret;
import java.util.Optional;

/**
 * The machine's ceiling for the sign-in benchmark (scripts/bench-sign-in, DESIGN §9): how many password checks
 * Latchkey's own {@link PasswordHasher} with {@link Argon2Parameters#DEFAULT} does per second on this machine,
 * right now. Each unit is one {@link PasswordHasher#verify} of a correct password against a stored PHC string,
 * which is what one successful sign-in costs. The hasher admits as many hashes at once as the server's does, and
 * hashes with the native Argon2id library as the server does where it loads ({@code native}, the default; it fails
 * when the library cannot load), or with Bouncy Castle ({@code bc}).
 *
 * <p>Usage: {@code java -cp "target/bench-classes:target/classes:target/latchkey/WEB-INF/lib/*"
 * io.latchkey.bench.PasswordHashRate [seconds] [threads] [native|bc]} (defaults 10, 2 and native). Prints
 * {@code RESULT password_hash_per_s=N (argon2id m=…,t=…,p=… hash=…B salt=…B) threads=T seconds=S implementation=I
 * cpu_ms_per_hash=C} (C: this JVM's CPU time during the measured run over the hashes it did, the cost of one
 * hash that scripts/bench-sign-in takes off the server's CPU per sign-in).
 */
public final class PasswordHashRate {
    private PasswordHashRate() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 10;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        boolean natively = args.length <= 2 || !args[2].equals("bc");
        PasswordHasher hasher = new PasswordHasher(Argon2Parameters.DEFAULT, natively
                ? Optional.of(NativeArgon2.ifAvailable().orElseThrow(() ->
                        new IllegalStateException("the native Argon2 library does not load here")))
                : Optional.empty());
        Secret password = Secret.of("bench-password-" + System.nanoTime());
        String stored = hasher.hash(password);
        if (!hasher.verify(password, stored).matches()) {
            throw new IllegalStateException("the hasher does not verify its own hash");
        }

        // Warm-up (JIT of the Argon2 loops) on all threads, not counted.
        ThreadedRate.Rate rate = ThreadedRate.measure("hash", threads, Math.min(3.0, seconds / 3), seconds,
                () -> hasher.verify(password, stored).matches());
        System.out.printf("RESULT password_hash_per_s=%.1f (%s) threads=%d seconds=%.1f implementation=%s"
                        + " cpu_ms_per_hash=%.2f%n", rate.perSecond(), hasher.parameters(), threads, rate.seconds(),
                natively ? "native" : "bc", rate.cpuMillisPerUnit());
    }
}
