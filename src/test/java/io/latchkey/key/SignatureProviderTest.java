package io.latchkey.key;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import io.jsonwebtoken.Jwts;
import io.latchkey.security.CryptoProvider;
import io.latchkey.testing.MutableClock;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.security.Provider;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * JWTs signed through Amazon Corretto Crypto Provider verify with Nimbus and with JJWT on the JDK's providers, and
 * JWTs signed by the JDK verify through ACCP; the setting picks the provider, and a native library that cannot load
 * falls back to the JDK with one warning (or stops start-up when native was asked for).
 */
class SignatureProviderTest {
    private static final Map<SigningAlgorithm, SigningKey> KEYS = new EnumMap<>(SigningAlgorithm.class);

    private static SigningKey key(SigningAlgorithm algorithm) {
        return KEYS.computeIfAbsent(algorithm, a -> KeyRing.generateKey(a, MutableClock.START));
    }

    private static SignatureProvider nativeProvider() {
        assumeTrue("Linux".equals(System.getProperty("os.name")) && "amd64".equals(System.getProperty("os.arch")),
                "ACCP's native library is built for Linux x86-64 only");
        SignatureProvider provider = SignatureProvider.choose(CryptoProvider.NATIVE);
        assertTrue(provider.isNative(), provider::toString);
        return provider;
    }

    private static String sign(KeyRing ring) {
        return ring.signer().sign(Jwts.builder().issuer("https://login.example.com").subject("app").claim("scope", "a"));
    }

    @ParameterizedTest
    @EnumSource(SigningAlgorithm.class)
    void signsNativelyWhatNimbusAndJjwtOnTheJdkVerify(SigningAlgorithm algorithm) throws Exception {
        KeyRing ring = KeyRing.of(key(algorithm), nativeProvider());
        assertTrue(ring.current().privateKey().getClass().getName().startsWith("com.amazon.corretto."),
                "the ring keeps ACCP's own form of the key");

        String jwt = sign(ring);

        SignedJWT parsed = SignedJWT.parse(jwt);
        assertEquals(algorithm.name(), parsed.getHeader().getAlgorithm().getName());
        assertTrue(parsed.verify(algorithm.keyType().equals("RSA")
                ? new RSASSAVerifier((RSAPublicKey) key(algorithm).publicKey())
                : new ECDSAVerifier((ECPublicKey) key(algorithm).publicKey())), "Nimbus verifies it");
        assertEquals("app", Jwts.parser().verifyWith(key(algorithm).publicKey()).build().parseSignedClaims(jwt)
                .getPayload().getSubject(), "JJWT on the JDK's providers verifies it");
    }

    @ParameterizedTest
    @EnumSource(SigningAlgorithm.class)
    void verifiesNativelyWhatTheJdkSigned(SigningAlgorithm algorithm) {
        String jwt = sign(KeyRing.of(key(algorithm), SignatureProvider.jdk()));
        KeyRing nativeRing = KeyRing.of(key(algorithm), nativeProvider());

        assertEquals("app", nativeRing.parser().build().parseSignedClaims(jwt).getPayload().getSubject());
        int signature = jwt.lastIndexOf('.') + 1;
        // the signature's first character changed (to one it is not): its first byte differs
        String tampered = jwt.substring(0, signature) + (jwt.charAt(signature) == 'A' ? 'B' : 'A')
                + jwt.substring(signature + 1);
        assertThrows(io.jsonwebtoken.security.SignatureException.class,
                () -> nativeRing.parser().build().parseSignedClaims(tampered));
    }

    @Test
    void theJdkSettingNeverLoadsTheNativeProvider() {
        SignatureProvider jdk = SignatureProvider.choose(CryptoProvider.JDK,
                () -> { throw new AssertionError("must not be asked"); });

        assertSame(SignatureProvider.jdk(), jdk);
        assertFalse(jdk.isNative());
        KeyRing ring = KeyRing.of(key(SigningAlgorithm.RS256), jdk);
        assertSame(key(SigningAlgorithm.RS256).privateKey(), ring.current().privateKey());
        assertEquals("app", Jwts.parser().verifyWith(key(SigningAlgorithm.RS256).publicKey()).build()
                .parseSignedClaims(sign(ring)).getPayload().getSubject());
    }

    @Test
    void autoFallsBackToTheJdkWithOneWarningWhenTheLibraryCannotLoad() {
        List<LogRecord> records = new ArrayList<>();
        Logger logger = Logger.getLogger(SignatureProvider.class.getName());
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
            SignatureProvider chosen = SignatureProvider.choose(CryptoProvider.AUTO,
                    () -> { throw new UnsatisfiedLinkError("no libamazonCorrettoCryptoProvider for this CPU"); });

            assertSame(SignatureProvider.jdk(), chosen);
            assertEquals(1, records.size());
            assertEquals(Level.WARNING, records.get(0).getLevel());
            assertTrue(records.get(0).getMessage().contains("fall back to the JDK"), records.get(0).getMessage());
            assertTrue(records.get(0).getMessage().contains("no libamazonCorrettoCryptoProvider"));
        } finally {
            logger.removeHandler(handler);
        }
    }

    @Test
    void nativeRefusesToStartWhenTheLibraryCannotLoad() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SignatureProvider.choose(
                CryptoProvider.NATIVE, () -> { throw new IllegalStateException("broken"); }));

        assertTrue(e.getMessage().startsWith("LATCHKEY_CRYPTO_PROVIDER=native"), e.getMessage());
    }

    @Test
    void autoUsesTheNativeProviderWhereItLoads() {
        nativeProvider();
        assertTrue(SignatureProvider.choose(CryptoProvider.AUTO).isNative());
    }

    /**
     * A second copy of the WAR in the same JVM has its own class loader; ACCP extracts its library to a new
     * temporary file for each, so each loads natively (a JVM refuses one library file to two class loaders).
     */
    @Test
    void twoClassLoadersEachLoadTheNativeLibrary() throws Exception {
        nativeProvider();
        URL jar = Path.of(AmazonCorrettoCryptoProvider.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI()).toUri().toURL();
        for (int copy = 0; copy < 2; copy++) {
            try (URLClassLoader war = new URLClassLoader(new URL[] {jar}, ClassLoader.getPlatformClassLoader())) {
                Class<?> accp = war.loadClass(AmazonCorrettoCryptoProvider.class.getName());
                assertFalse(accp == AmazonCorrettoCryptoProvider.class);
                Provider instance = (Provider) accp.getField("INSTANCE").get(null);
                assertNull(accp.getMethod("getLoadingError").invoke(instance), "copy " + copy);
                accp.getMethod("assertHealthy").invoke(instance);
            }
        }
    }
}
