package io.latchkey.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.latchkey.key.KeyRing;
import io.latchkey.key.SignatureProvider;
import io.latchkey.key.SigningAlgorithm;
import io.latchkey.key.SigningKey;
import io.latchkey.security.CryptoProvider;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * What the JWS tests (JwtSignerTest, JwtVerifierTest) sign with: one key per algorithm, made once and shared (RSA
 * keys are slow to make), and every algorithm paired with each signature provider, the JDK's ({@code jdk}) and the
 * native one ({@code native}, skipped where its library does not run). Use the pairs as
 * {@code @MethodSource(SigningFixture.ALGORITHMS_AND_PROVIDERS)}.
 */
public final class SigningFixture {
    /** The {@code @MethodSource} of {@link #algorithmsAndProviders()}. */
    public static final String ALGORITHMS_AND_PROVIDERS = "io.latchkey.testing.SigningFixture#algorithmsAndProviders";
    private static final Map<SigningAlgorithm, SigningKey> KEYS = new ConcurrentHashMap<>();

    private SigningFixture() {
    }

    /** The shared key of this algorithm. */
    public static SigningKey key(SigningAlgorithm algorithm) {
        return KEYS.computeIfAbsent(algorithm, a -> KeyRing.generateKey(a, MutableClock.START));
    }

    /** Every algorithm with {@code jdk} and with {@code native}. */
    public static Stream<Arguments> algorithmsAndProviders() {
        return Stream.of(SigningAlgorithm.values()).flatMap(algorithm ->
                Stream.of(Arguments.of(algorithm, "jdk"), Arguments.of(algorithm, "native")));
    }

    /** The provider named {@code jdk} or {@code native}; the test is skipped where the native one cannot run. */
    public static SignatureProvider provider(String name) {
        if (name.equals("jdk")) {
            return SignatureProvider.jdk();
        }
        assumeTrue("Linux".equals(System.getProperty("os.name")) && "amd64".equals(System.getProperty("os.arch")),
                "ACCP's native library is built for Linux x86-64 only");
        return SignatureProvider.choose(CryptoProvider.NATIVE);
    }

    /** A key ring holding the shared key of {@code algorithm}, signing and verifying on the provider named. */
    public static KeyRing ring(SigningAlgorithm algorithm, String providerName) {
        return KeyRing.of(key(algorithm), provider(providerName));
    }
}
