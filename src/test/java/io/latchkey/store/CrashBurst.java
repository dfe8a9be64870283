package io.latchkey.store;

import io.latchkey.account.Account;
import io.latchkey.security.Secret;
import io.latchkey.testing.SignInWorld;
import io.latchkey.testing.TestRequests;
import io.latchkey.token.RefreshTokens;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The child process of {@link CrashDurabilityTest}: opens the embedded database in {@code args[0]} exactly as
 * the server does, then works through the real services until it is killed — refresh token rotations on several
 * chains, code issues and redemptions, consents granted and taken back — printing each answer on stdout the moment
 * it has it (what a client would have received). {@code begin ...} lines name the operation in flight.
 *
 * <p>Lines: {@code person <id>}, {@code chain <i> <token>}, {@code begin rotate <i>}, {@code rotated <i> <token>},
 * {@code code <code>}, {@code begin redeem <code>}, {@code redeemed <code>}, {@code granted <client>},
 * {@code begin forget <client>}, {@code forgot <client>}.
 */
public final class CrashBurst {
    static final int CHAINS = 8;
    static final Set<String> SCOPES = Set.of("openid", "offline_access");
    static final String CLIENT = "web";
    /** The child stops by itself after this long, should the parent never kill it. */
    private static final Duration SAFETY = Duration.ofSeconds(60);

    private CrashBurst() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true);
        Database database = Database.open(DatabaseUrl.embedded(Path.of(args[0])), "", new char[0]);
        SignInWorld world = new SignInWorld(database);
        Account person = world.person();
        out.println("person " + person.id());
        Instant authTime = world.clock.instant();
        Secret[] chains = new Secret[CHAINS];
        for (int i = 0; i < CHAINS; i++) {
            chains[i] = world.refreshTokens.start("family-" + i, CLIENT, person.id(), SCOPES, authTime, "sid-" + i);
            out.println("chain " + i + " " + chains[i].reveal());
        }
        long stopAt = System.nanoTime() + SAFETY.toNanos();
        for (int round = 0; System.nanoTime() < stopAt; round++) {
            for (int i = 0; i < CHAINS; i++) {
                out.println("begin rotate " + i);
                RefreshTokens.Rotation rotation = world.refreshTokens.rotate(chains[i], CLIENT, Set.of());
                chains[i] = rotation.next();
                out.println("rotated " + i + " " + chains[i].reveal());
            }
            Secret code = world.codes.issue(CLIENT, person.id(), "https://app.example.com/callback", true,
                    TestRequests.CHALLENGE, Optional.empty(), SCOPES, authTime, "sid-0");
            out.println("code " + code.reveal());
            out.println("begin redeem " + code.reveal());
            world.codes.redeem(code).orElseThrow();
            out.println("redeemed " + code.reveal());
            String application = "app-" + round;
            world.consents.remember(person.id(), application, SCOPES);
            out.println("granted " + application);
            if (round % 2 == 0) {
                out.println("begin forget " + application);
                world.consents.forget(person.id(), application);
                out.println("forgot " + application);
            }
        }
        database.close();
    }
}
