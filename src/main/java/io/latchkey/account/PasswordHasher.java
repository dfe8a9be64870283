package io.latchkey.account;

import io.latchkey.security.RandomValues;
import io.latchkey.security.Secret;
import java.lang.ref.SoftReference;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters.Builder;

/**
 * People's passwords: Argon2id (RFC 9106) through the native reference library ({@link NativeArgon2}) where it
 * loads, else Bouncy Castle (both compute the same bytes), stored as a PHC string
 * {@code $argon2id$v=19$m=19456,t=5,p=1$<salt>$<hash>} (standard base64 without padding). The comparison is
 * constant-time, and {@link #verifyNothing} spends a full verification so an unknown username costs what a
 * known one does.
 *
 * <p>At most {@link #MAX_CONCURRENT_HASHES} hashes run at once, each in one of as many {@link HashingSlot}s
 * (a native hash takes a slot too, for its native memory, but not its blocks):
 * more hashes than cores only add memory, not throughput. A slot keeps the {@code m} KiB of Argon2 blocks of
 * its last hash (cleared, and softly referenced, so the collector may still take them under memory pressure)
 * and lends them to the next one. Without that, every sign-in allocated {@code m} KiB that stayed live for the
 * whole hash; in a small heap the young collections then copied and promoted them, and the collector, not the
 * hash, bounded sign-ins (scripts/bench-sign-in).
 */
public final class PasswordHasher {
    /** Hashes computed at once; further callers wait their turn (fairly). */
    public static final int MAX_CONCURRENT_HASHES = Math.max(2, Runtime.getRuntime().availableProcessors());

    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]+={0,2})\\$([A-Za-z0-9+/]+={0,2})");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Argon2Parameters parameters;
    private final Optional<NativeArgon2> nativeArgon2;
    private final BlockingQueue<HashingSlot> slots = new ArrayBlockingQueue<>(MAX_CONCURRENT_HASHES, true);
    private final String dummyHash;

    /** Hashes with Bouncy Castle. */
    public PasswordHasher(Argon2Parameters parameters) {
        this(parameters, Optional.empty());
    }

    /** Hashes with the native library if given ({@link NativeArgon2#choose}), else with Bouncy Castle. */
    public PasswordHasher(Argon2Parameters parameters, Optional<NativeArgon2> nativeArgon2) {
        this.parameters = parameters;
        this.nativeArgon2 = nativeArgon2;
        int keptBlocks = Argon2BytesGenerator.getBlockCount(parameters.memoryKiB(), parameters.parallelism())
                + HashingSlot.FILLER_BLOCKS;
        for (int i = 0; i < MAX_CONCURRENT_HASHES; i++) {
            slots.add(new HashingSlot(keptBlocks));
        }
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
        byte[] out = new byte[cost.hashLength()];
        HashingSlot slot = takeSlot();
        try {
            if (nativeArgon2.isPresent()) {
                return nativeArgon2.get().compute(cost, plain, salt);
            }
            Argon2BytesGenerator argon2 = new Argon2BytesGenerator();
            argon2.init(new Builder(org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_id)
                    .withVersion(org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_VERSION_13)
                    .withMemoryAsKB(cost.memoryKiB())
                    .withIterations(cost.iterations())
                    .withParallelism(cost.parallelism())
                    .withSalt(salt)
                    .withBlockPool(slot.open())
                    .build());
            argon2.generateBytes(plain, out);
            return out;
        } finally {
            slot.close();
            slots.add(slot);
            Arrays.fill(plain, (byte) 0);
        }
    }

    /** Waits (fairly, in arrival order) for a free slot; an interrupt is kept for the caller to see. */
    private HashingSlot takeSlot() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return slots.take();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The right to run one hash, and the Argon2 blocks the previous hash in this slot left behind. Used by one
     * thread at a time (between {@link #open} and {@link #close}); the queue of free slots hands it over.
     * Bouncy Castle clears every block before it gives it back. Blocks beyond what the configured parameters
     * need (a stored hash with a larger {@code m}) are left to the collector.
     */
    private static final class HashingSlot implements Argon2BytesGenerator.BlockPool {
        /** Blocks Bouncy Castle takes besides the memory itself (its working blocks for one hash). */
        static final int FILLER_BLOCKS = 4;

        private final int keep;
        private SoftReference<ArrayDeque<Argon2BytesGenerator.Block>> kept = new SoftReference<>(null);
        private ArrayDeque<Argon2BytesGenerator.Block> free;

        HashingSlot(int keep) {
            this.keep = keep;
        }

        HashingSlot open() {
            free = kept.get();
            if (free == null) {
                free = new ArrayDeque<>(keep);
            }
            return this;
        }

        void close() {
            if (free != null) {
                kept = new SoftReference<>(free);
            }
            free = null;
        }

        @Override
        public Argon2BytesGenerator.Block allocate() {
            Argon2BytesGenerator.Block block = free.pollLast();
            return block != null ? block : new Argon2BytesGenerator.Block();
        }

        @Override
        public void deallocate(Argon2BytesGenerator.Block block) {
            if (free.size() < keep) {
                free.addLast(block);
            }
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
