package io.latchkey.account;

/**
 * The cost of one Argon2id hash (RFC 9106). {@link #DEFAULT} is above the OWASP minimum (m=19456 KiB, t=2,
 * p=1) and takes about 40-50 ms on one core of the 2-core test machine; a stored hash with other parameters is
 * upgraded at the next successful sign-in.
 *
 * @param memoryKiB   memory per hash in KiB (m)
 * @param iterations  passes over the memory (t)
 * @param parallelism lanes (p); 1 keeps one hash on one thread, which is what a busy server wants
 * @param hashLength  output bytes
 * @param saltLength  random salt bytes per hash
 */
public record Argon2Parameters(int memoryKiB, int iterations, int parallelism, int hashLength, int saltLength) {
    /** 19 MiB, 5 passes, 1 lane, 32-byte hash, 16-byte salt: about 40-50 ms per hash on one core here. */
    public static final Argon2Parameters DEFAULT = new Argon2Parameters(19456, 5, 1, 32, 16);

    public Argon2Parameters {
        if (parallelism < 1 || parallelism > 64) {
            throw new IllegalArgumentException("Argon2 parallelism must be between 1 and 64");
        }
        if (memoryKiB < 8 * parallelism || memoryKiB > 4 * 1024 * 1024) {
            throw new IllegalArgumentException("Argon2 memory must be between 8 KiB per lane and 4 GiB");
        }
        if (iterations < 1 || iterations > 100) {
            throw new IllegalArgumentException("Argon2 iterations must be between 1 and 100");
        }
        if (hashLength < 16 || hashLength > 128) {
            throw new IllegalArgumentException("Argon2 hash length must be between 16 and 128 bytes");
        }
        if (saltLength < 8 || saltLength > 64) {
            throw new IllegalArgumentException("Argon2 salt length must be between 8 and 64 bytes");
        }
    }

    /** The PHC parameter segment, e.g. {@code m=19456,t=5,p=1}. */
    public String phcSegment() {
        return "m=" + memoryKiB + ",t=" + iterations + ",p=" + parallelism;
    }

    @Override
    public String toString() {
        return "argon2id " + phcSegment() + " hash=" + hashLength + "B salt=" + saltLength + "B";
    }
}
