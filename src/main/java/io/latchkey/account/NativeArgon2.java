package io.latchkey.account;

import de.mkammerer.argon2.Argon2Advanced;
import de.mkammerer.argon2.Argon2Factory;
import de.mkammerer.argon2.Argon2Version;
import io.latchkey.security.CryptoProvider;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Argon2id through the reference C implementation (libargon2, bundled for Linux by argon2-jvm and called through
 * JNA): the same function, parameters and PHC strings as Bouncy Castle's, at a fraction of the time, and its
 * {@code m} KiB are native memory the collector never sees. Chosen by {@code LATCHKEY_CRYPTO_PROVIDER} like the
 * signature provider: {@code auto} uses it where the library loads (and answers a known test vector) and logs one line
 * when it falls back to Bouncy Castle; {@code native} refuses to start without it; {@code jdk} never loads it.
 *
 * <p>JNA extracts its dispatch library to a temporary file of its own for each class loader, so a second copy of the
 * WAR in the same JVM loads it too; where it cannot (a system-wide libjnidispatch already bound to another class
 * loader), the load fails and {@code auto} falls back.
 */
public final class NativeArgon2 {
    private static final Logger LOG = Logger.getLogger(NativeArgon2.class.getName());
    /** Argon2id v19, m=8, t=1, p=1, 32 bytes of "password" salted "somesalt", as Bouncy Castle computes it. */
    private static final String CHECK_HEX = "f137f8e186a403a679ccd0606e5ab5dcdafe43c1640855ac8c6e33e9bd63eeb3";

    /** The hash length of {@code Argon2Factory.createAdvanced(type)}, the one {@code rawHash} produces. */
    private static final int DEFAULT_HASH_LENGTH = 32;

    private final Argon2Advanced argon2;

    private NativeArgon2(Argon2Advanced argon2) {
        this.argon2 = argon2;
    }

    /** The native implementation if the setting allows it and the library loads; empty means Bouncy Castle. */
    public static Optional<NativeArgon2> choose(CryptoProvider setting) {
        return choose(setting, () -> Argon2Factory.createAdvanced(Argon2Factory.Argon2Types.ARGON2id));
    }

    /** The native implementation where it loads, silently (tests and benchmarks). */
    public static Optional<NativeArgon2> ifAvailable() {
        try {
            return Optional.of(load(() -> Argon2Factory.createAdvanced(Argon2Factory.Argon2Types.ARGON2id)));
        } catch (RuntimeException | LinkageError e) {
            return Optional.empty();
        }
    }

    static Optional<NativeArgon2> choose(CryptoProvider setting, Supplier<Argon2Advanced> library) {
        if (setting == CryptoProvider.JDK) {
            LOG.info("Passwords hash with Bouncy Castle's Argon2id (LATCHKEY_CRYPTO_PROVIDER=jdk)");
            return Optional.empty();
        }
        try {
            NativeArgon2 loaded = load(library);
            LOG.info("Passwords hash with the native Argon2id library (libargon2 through JNA)");
            return Optional.of(loaded);
        } catch (RuntimeException | LinkageError e) {
            if (setting == CryptoProvider.NATIVE) {
                throw new IllegalStateException("LATCHKEY_CRYPTO_PROVIDER=native: the native Argon2 library cannot "
                        + "load: " + e, e);
            }
            LOG.warning("Passwords fall back to Bouncy Castle's Argon2id (slower): the native Argon2 library cannot "
                    + "load on " + System.getProperty("os.name") + "/" + System.getProperty("os.arch") + ": " + e);
            return Optional.empty();
        }
    }

    /** Loads the library and checks it computes Argon2id: a library that answers wrongly is as good as none. */
    private static NativeArgon2 load(Supplier<Argon2Advanced> library) {
        NativeArgon2 loaded = new NativeArgon2(library.get());
        byte[] check = loaded.compute(new Argon2Parameters(8, 1, 1, 32, 8),
                "password".getBytes(StandardCharsets.US_ASCII), "somesalt".getBytes(StandardCharsets.US_ASCII));
        if (!HexFormat.of().formatHex(check).equals(CHECK_HEX)) {
            throw new IllegalStateException("the native Argon2 library computed a wrong test hash");
        }
        return loaded;
    }

    /** The raw Argon2id (version 0x13) hash of {@code password}, {@code cost.hashLength()} bytes. */
    byte[] compute(Argon2Parameters cost, byte[] password, byte[] salt) {
        if (cost.hashLength() == DEFAULT_HASH_LENGTH) {
            // argon2id_hash_raw (version 0x13) with plain integer arguments. The advanced call passes a JNA
            // Structure, whose per-thread bookkeeping (a ThreadLocal of the web application's class loader) stays
            // on every request thread and makes Tomcat log a SEVERE leak at each stop.
            return argon2.rawHash(cost.iterations(), cost.memoryKiB(), cost.parallelism(), password, salt);
        }
        return argon2.rawHashAdvanced(cost.iterations(), cost.memoryKiB(), cost.parallelism(), password, salt,
                null, null, cost.hashLength(), Argon2Version.V13);
    }
}
