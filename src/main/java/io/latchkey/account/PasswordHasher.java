package io.latchkey.account;

import com.password4j.Argon2Function;
import com.password4j.types.Argon2;
import io.latchkey.security.RandomValues;
import io.latchkey.security.Secret;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * People's passwords: Argon2id (RFC 9106) through password4j, stored as a PHC string
 * {@code $argon2id$v=19$m=19456,t=3,p=1$<salt>$<hash>} (standard base64 without padding). The comparison is
 * constant-time, and {@link #verifyNothing} spends a full verification so an unknown username costs what a
 * known one does. At most {@link #MAX_CONCURRENT_HASHES} hashes run at once: each holds {@code m} KiB, and
 * more hashes than cores only add memory, not throughput.
 */
public final class PasswordHasher {
    /** Hashes computed at once; further callers wait their turn (fairly). */
    public static final int MAX_CONCURRENT_HASHES = Math.max(2, Runtime.getRuntime().availableProcessors());

    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]+={0,2})\\$([A-Za-z0-9+/]+={0,2})");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Argon2Parameters parameters;
    private final Semaphore slots = new Semaphore(MAX_CONCURRENT_HASHES, true);
    private final String dummyHash;

    public PasswordHasher(Argon2Parameters parameters) {
        this.parameters = parameters;
        this.dummyHash = hash(Secret.of(RandomValues.base64Url(128)));
    }

    /** The outcome of a check; {@code needsRehash} when the stored hash was made with other parameters. */
    public record Verification(boolean matches, boolean needsRehash) {
    }

    public Argon2Parameters parameters() {
        return parameters;
    }

    /** A new PHC string for {@code password} with a fresh random salt and the current parameters. */
    public String hash(Secret password) {
        byte[] salt = new byte[parameters.saltLength()];
        RANDOM.nextBytes(salt);
        byte[] hash = compute(parameters, password, salt);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return "$argon2id$v=19$" + parameters.phcSegment() + "$" + b64.encodeToString(salt) + "$"
                + b64.encodeToString(hash);
    }

    /**
     * Checks {@code password} against a stored PHC string. A missing or unreadable hash matches nothing, after
     * the same work as a real check.
     */
    public Verification verify(Secret password, String phc) {
        Optional<Stored> stored = parse(phc);
        if (stored.isEmpty()) {
            verifyNothing(password);
            return new Verification(false, false);
        }
        byte[] computed = compute(stored.get().parameters(), password, stored.get().salt());
        boolean matches = MessageDigest.isEqual(computed, stored.get().hash());
        return new Verification(matches, !stored.get().parameters().equals(parameters));
    }

    /** Spends the time of a {@link #verify} (for a username that does not exist) and learns nothing. */
    public void verifyNothing(Secret password) {
        Stored dummy = parse(dummyHash).orElseThrow();
        MessageDigest.isEqual(compute(dummy.parameters(), password, dummy.salt()), dummy.hash());
    }

    private byte[] compute(Argon2Parameters cost, Secret password, byte[] salt) {
        byte[] plain = password.utf8();
        slots.acquireUninterruptibly();
        try {
            return Argon2Function.getInstance(cost.memoryKiB(), cost.iterations(), cost.parallelism(),
                            cost.hashLength(), Argon2.ID, Argon2Function.ARGON2_VERSION_13)
                    .hash(plain, salt)
                    .getBytes();
        } finally {
            slots.release();
            Arrays.fill(plain, (byte) 0);
        }
    }

    private record Stored(Argon2Parameters parameters, byte[] salt, byte[] hash) {
    }

    private static Optional<Stored> parse(String phc) {
        if (phc == null) {
            return Optional.empty();
        }
        Matcher m = PHC.matcher(phc);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            byte[] salt = Base64.getDecoder().decode(m.group(4));
            byte[] hash = Base64.getDecoder().decode(m.group(5));
            Argon2Parameters cost = new Argon2Parameters(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), hash.length, salt.length);
            return Optional.of(new Stored(cost, salt, hash));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
