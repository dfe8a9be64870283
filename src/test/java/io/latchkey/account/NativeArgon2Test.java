package io.latchkey.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import de.mkammerer.argon2.Argon2Advanced;
import de.mkammerer.argon2.Argon2Factory;
import io.latchkey.security.CryptoProvider;
import io.latchkey.security.Secret;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The native Argon2id and Bouncy Castle's compute the same PHC strings: each verifies the other's hashes, at the
 * default parameters and at odd lengths; the setting and the fallback rule are those of the signature provider.
 */
class NativeArgon2Test {
    private static final Secret PASSWORD = Secret.of("correct horse battery staple");

    private static NativeArgon2 nativeArgon2() {
        assumeTrue("Linux".equals(System.getProperty("os.name")), "argon2-jvm bundles libargon2 for Linux only");
        return NativeArgon2.choose(CryptoProvider.NATIVE).orElseThrow();
    }

    /** The real library, counting its hashes. */
    private static Argon2Advanced counting(AtomicInteger hashes) {
        Argon2Advanced real = Argon2Factory.createAdvanced(Argon2Factory.Argon2Types.ARGON2id);
        return (Argon2Advanced) Proxy.newProxyInstance(Argon2Advanced.class.getClassLoader(),
                new Class<?>[] {Argon2Advanced.class}, (proxy, method, args) -> {
                    if (method.getName().startsWith("rawHash")) {
                        hashes.incrementAndGet();
                    }
                    return method.invoke(real, args);
                });
    }

    @Test
    void hashesEachImplementationMakesVerifyWithTheOtherAtTheDefaultParameters() {
        PasswordHasher nativeHasher = new PasswordHasher(Argon2Parameters.DEFAULT, Optional.of(nativeArgon2()));
        PasswordHasher bouncyCastle = new PasswordHasher(Argon2Parameters.DEFAULT);

        String madeNatively = nativeHasher.hash(PASSWORD);
        String madeByBouncyCastle = bouncyCastle.hash(PASSWORD);

        assertEquals(new PasswordHasher.Verification(true, false), bouncyCastle.verify(PASSWORD, madeNatively));
        assertEquals(new PasswordHasher.Verification(true, false), nativeHasher.verify(PASSWORD, madeByBouncyCastle));
        assertFalse(nativeHasher.verify(Secret.of("correct horse battery stapler"), madeByBouncyCastle).matches());
        assertFalse(bouncyCastle.verify(Secret.of("Correct horse battery staple"), madeNatively).matches());
    }

    @Test
    void bothAgreeAtOtherLengthsAndLanes() {
        for (Argon2Parameters cost : List.of(new Argon2Parameters(64, 1, 1, 16, 8),
                new Argon2Parameters(256, 3, 2, 64, 64), new Argon2Parameters(512, 2, 4, 128, 16))) {
            PasswordHasher nativeHasher = new PasswordHasher(cost, Optional.of(nativeArgon2()));
            PasswordHasher bouncyCastle = new PasswordHasher(cost);
            Secret password = Secret.of("pässwörd " + cost);

            assertTrue(bouncyCastle.verify(password, nativeHasher.hash(password)).matches(), cost::toString);
            assertTrue(nativeHasher.verify(password, bouncyCastle.hash(password)).matches(), cost::toString);
        }
    }

    @Test
    void verifiesHashesOfTheReferenceCommandLineTool() {
        PasswordHasher nativeHasher = new PasswordHasher(TestDatabases.CHEAP, Optional.of(nativeArgon2()));
        // echo -n password | argon2 somesalt -id -t 2 -m 16 -p 1 -l 32 -e
        String readme = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";

        assertEquals(new PasswordHasher.Verification(true, true), nativeHasher.verify(Secret.of("password"), readme));
        assertFalse(nativeHasher.verify(Secret.of("passwort"), readme).matches());
    }

    @Test
    void aHasherGivenTheNativeLibraryHashesWithIt() {
        nativeArgon2();
        AtomicInteger hashes = new AtomicInteger();
        NativeArgon2 counted = NativeArgon2.choose(CryptoProvider.AUTO, () -> counting(hashes)).orElseThrow();
        PasswordHasher hasher = new PasswordHasher(TestDatabases.CHEAP, Optional.of(counted));
        int before = hashes.get();

        hasher.verify(PASSWORD, hasher.hash(PASSWORD));

        assertEquals(2, hashes.get() - before);
    }

    @Test
    void theJdkSettingNeverLoadsTheLibrary() {
        assertEquals(Optional.empty(), NativeArgon2.choose(CryptoProvider.JDK,
                () -> { throw new AssertionError("must not be asked"); }));
    }

    @Test
    void autoFallsBackToBouncyCastleWithOneWarningWhenTheLibraryCannotLoadOrAnswersWrongly() {
        Argon2Advanced wrong = (Argon2Advanced) Proxy.newProxyInstance(Argon2Advanced.class.getClassLoader(),
                new Class<?>[] {Argon2Advanced.class}, (proxy, method, args) -> new byte[32]);
        List<LogRecord> records = new ArrayList<>();
        Logger logger = Logger.getLogger(NativeArgon2.class.getName());
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        try {
            assertEquals(Optional.empty(), NativeArgon2.choose(CryptoProvider.AUTO,
                    () -> { throw new UnsatisfiedLinkError("Unable to load library 'argon2'"); }));
            assertEquals(Optional.empty(), NativeArgon2.choose(CryptoProvider.AUTO, () -> wrong));

            assertEquals(2, records.size());
            assertTrue(records.stream().allMatch(r -> r.getLevel() == Level.WARNING
                    && r.getMessage().startsWith("Passwords fall back to Bouncy Castle")));
            assertTrue(records.get(0).getMessage().contains("Unable to load library 'argon2'"));
            assertTrue(records.get(1).getMessage().contains("wrong test hash"));
        } finally {
            logger.removeHandler(handler);
        }
    }

    @Test
    void nativeRefusesToStartWhenTheLibraryCannotLoad() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> NativeArgon2.choose(
                CryptoProvider.NATIVE, () -> { throw new UnsatisfiedLinkError("no argon2"); }));

        assertTrue(e.getMessage().startsWith("LATCHKEY_CRYPTO_PROVIDER=native"), e.getMessage());
    }
}
