package io.latchkey.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.security.Secret;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordHasherTest {
    private static final Secret PASSWORD = Secret.of("correct horse battery staple");
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d+),t=(\\d+),p=(\\d+)\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
    private final PasswordHasher cheap = new PasswordHasher(TestDatabases.CHEAP);

    @Test
    void defaultParametersAreAtLeastTheOwaspMinimum() {
        Argon2Parameters p = Argon2Parameters.DEFAULT;

        assertTrue(p.memoryKiB() >= 19456, "memory");
        assertTrue(p.iterations() >= 2, "iterations");
        assertTrue(p.parallelism() >= 1, "parallelism");
        assertTrue(p.hashLength() >= 32 && p.saltLength() >= 16, "lengths");
    }

    @Test
    void hashesToAPhcStringWithTheDefaultParametersAndVerifiesIt() {
        PasswordHasher hasher = new PasswordHasher(Argon2Parameters.DEFAULT);

        String phc = hasher.hash(PASSWORD);

        Matcher m = PHC.matcher(phc);
        assertTrue(m.matches(), phc);
        assertEquals(Argon2Parameters.DEFAULT.phcSegment(), "m=" + m.group(1) + ",t=" + m.group(2) + ",p=" + m.group(3));
        assertEquals(16, Base64.getDecoder().decode(m.group(4)).length);
        assertEquals(32, Base64.getDecoder().decode(m.group(5)).length);
        assertEquals(new PasswordHasher.Verification(true, false), hasher.verify(PASSWORD, phc));
    }

    @Test
    void verifiesHashesMadeByTheReferenceImplementation() {
        // Debian's argon2 CLI (the reference C implementation):
        //   echo -n password | argon2 somesalt -id -t 2 -m 16 -p 1 -l 32 -e
        //   echo -n 'correct horse battery staple' | argon2 latchkeysalt16b -id -t 1 -k 256 -p 1 -l 32 -e
        String readme = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
        String cheapOne = "$argon2id$v=19$m=256,t=1,p=1$bGF0Y2hrZXlzYWx0MTZi$jD9uBMkd6vSJV8eNhgiMU9+ffh71fYAljdWqa+dQ/+g";

        assertEquals(new PasswordHasher.Verification(true, true), cheap.verify(Secret.of("password"), readme));
        // same m, t, p as the cheap test parameters, but a 15-byte salt: still a rehash
        assertEquals(new PasswordHasher.Verification(true, true), cheap.verify(PASSWORD, cheapOne));
        assertFalse(cheap.verify(Secret.of("password"), cheapOne).matches());
    }

    @Test
    void doesNotShowThePasswordInTheHash() {
        assertFalse(cheap.hash(PASSWORD).contains(PASSWORD.reveal()));
    }

    @Test
    void saltsEveryHashDifferently() {
        assertNotEquals(cheap.hash(PASSWORD), cheap.hash(PASSWORD));
    }

    @Test
    void rejectsAWrongPassword() {
        String phc = cheap.hash(PASSWORD);

        assertFalse(cheap.verify(Secret.of("correct horse battery stapler"), phc).matches());
        assertFalse(cheap.verify(Secret.of(""), phc).matches());
    }

    @Test
    void asksForARehashWhenTheParametersChange() {
        String old = cheap.hash(PASSWORD);
        PasswordHasher stronger = new PasswordHasher(new Argon2Parameters(512, 2, 1, 32, 16));

        assertEquals(new PasswordHasher.Verification(true, true), stronger.verify(PASSWORD, old));
        assertEquals(new PasswordHasher.Verification(true, false), stronger.verify(PASSWORD, stronger.hash(PASSWORD)));
    }

    @Test
    void asksForARehashWhenOnlyTheLengthsChange() {
        PasswordHasher longerSalt = new PasswordHasher(new Argon2Parameters(256, 1, 1, 32, 32));

        assertTrue(longerSalt.verify(PASSWORD, cheap.hash(PASSWORD)).needsRehash());
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "not a hash", "$argon2i$v=19$m=256,t=1,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
            "$argon2id$v=16$m=256,t=1,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
            "$argon2id$v=19$m=256,t=1,p=1$c29tZXNhbHQ$short", "$argon2id$v=19$m=4,t=1,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
            "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy"})
    void matchesNothingForAMissingOrUnreadableHash(String stored) {
        assertEquals(new PasswordHasher.Verification(false, false), cheap.verify(PASSWORD, stored));
    }

    @Test
    void hashesSafelyFromSeveralThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                Secret password = Secret.of("password number " + i);
                results.add(pool.submit(() -> cheap.verify(password, cheap.hash(password)).matches()));
            }
            for (Future<Boolean> result : results) {
                assertTrue(result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void verifyNothingSpendsAboutAsLongAsARealVerification() {
        PasswordHasher hasher = new PasswordHasher(Argon2Parameters.DEFAULT);
        String phc = hasher.hash(PASSWORD);
        Secret wrong = Secret.of("wrong password");
        for (int i = 0; i < 2; i++) {
            hasher.verify(wrong, phc);
            hasher.verifyNothing(wrong);
        }
        long verify = Long.MAX_VALUE;
        long nothing = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime();
            hasher.verify(wrong, phc);
            verify = Math.min(verify, System.nanoTime() - start);
            start = System.nanoTime();
            hasher.verifyNothing(wrong);
            nothing = Math.min(nothing, System.nanoTime() - start);
        }

        assertTrue(nothing * 3 >= verify, "verifyNothing took " + nothing / 1_000_000 + " ms, a verify "
                + verify / 1_000_000 + " ms");
    }
}
