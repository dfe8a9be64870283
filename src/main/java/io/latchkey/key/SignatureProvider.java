package io.latchkey.key;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import io.latchkey.security.CryptoProvider;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The JCA provider Latchkey's JWT signatures and their verification use, passed explicitly to JJWT (never installed
 * JVM-wide, which every other web application of the container would feel): Amazon Corretto Crypto Provider, whose
 * AWS-LC native code signs RSA about four times as fast as the JDK here, or the JDK's own providers.
 *
 * <p>ACCP's native library loads from the ACCP jar in {@code WEB-INF/lib}; it is built for Linux on x86-64 only.
 * Each class loader that loads ACCP extracts its own copy of the library to a temporary file, so a second copy of
 * the WAR in the same JVM loads natively as well (SignatureProviderTest checks that with two class loaders).
 * Keys are translated to the chosen provider once, when the ring loads them, not at each signature.
 */
public final class SignatureProvider {
    private static final Logger LOG = Logger.getLogger(SignatureProvider.class.getName());
    private static final SignatureProvider JDK = new SignatureProvider(Optional.empty(), "JDK");

    private final Optional<Provider> provider;
    private final String description;

    private SignatureProvider(Optional<Provider> provider, String description) {
        this.provider = provider;
        this.description = description;
    }

    /** The JDK's providers, in the JVM's order. */
    public static SignatureProvider jdk() {
        return JDK;
    }

    /** The provider the setting asks for: see {@link CryptoProvider}. */
    public static SignatureProvider choose(CryptoProvider setting) {
        return choose(setting, SignatureProvider::loadCorretto);
    }

    /** ACCP when it loads; the JDK otherwise (no log line: for tests and benchmarks). */
    public static SignatureProvider nativeIfAvailable() {
        try {
            return natively(loadCorretto());
        } catch (RuntimeException | LinkageError e) {
            return JDK;
        }
    }

    static SignatureProvider choose(CryptoProvider setting, Supplier<Provider> nativeProvider) {
        if (setting == CryptoProvider.JDK) {
            LOG.info("JWT signatures use the JDK's providers (LATCHKEY_CRYPTO_PROVIDER=jdk)");
            return JDK;
        }
        Provider loaded;
        try {
            loaded = nativeProvider.get();
        } catch (RuntimeException | LinkageError e) {
            if (setting == CryptoProvider.NATIVE) {
                throw new IllegalStateException("LATCHKEY_CRYPTO_PROVIDER=native: Amazon Corretto Crypto Provider "
                        + "cannot load its native library: " + e, e);
            }
            LOG.warning("JWT signatures fall back to the JDK's providers (slower): Amazon Corretto Crypto Provider "
                    + "cannot load its native library on " + System.getProperty("os.name") + "/"
                    + System.getProperty("os.arch") + ": " + e);
            return JDK;
        }
        SignatureProvider chosen = natively(loaded);
        LOG.info("JWT signatures use " + chosen.description);
        return chosen;
    }

    private static SignatureProvider natively(Provider provider) {
        return new SignatureProvider(Optional.of(provider), provider.getName() + " " + provider.getVersionStr()
                + " (native)");
    }

    /** ACCP, healthy, or an exception saying why not. */
    private static Provider loadCorretto() {
        AmazonCorrettoCryptoProvider accp = AmazonCorrettoCryptoProvider.INSTANCE;
        if (accp.getLoadingError() != null) {
            throw new IllegalStateException(accp.getLoadingError().toString(), accp.getLoadingError());
        }
        accp.assertHealthy();
        return accp;
    }

    /** The provider to hand JJWT, empty for the JDK's. */
    public Optional<Provider> jca() {
        return provider;
    }

    /**
     * A JCA signature of {@code algorithm} as JWS defines it (RFC 7518 §3.3–3.5), from this provider: RSASSA-PKCS1-v1_5
     * with SHA-256 (RS256), RSASSA-PSS with SHA-256, MGF1 with SHA-256 and a 32-byte salt (PS256), or ECDSA with
     * SHA-256 (ES256, whose JCA form is DER: {@link JwtSigner} and {@link JwtVerifier} convert it).
     */
    public Signature signature(SigningAlgorithm algorithm) throws GeneralSecurityException {
        String name = switch (algorithm) {
            case RS256 -> "SHA256withRSA";
            case PS256 -> "RSASSA-PSS";
            case ES256 -> "SHA256withECDSA";
        };
        Signature signature = provider.isPresent() ? Signature.getInstance(name, provider.get())
                : Signature.getInstance(name);
        if (algorithm == SigningAlgorithm.PS256) {
            signature.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
        }
        return signature;
    }

    public boolean isNative() {
        return provider.isPresent();
    }

    /** This provider's form of {@code key} (a no-op for the JDK). */
    PublicKey translate(PublicKey key) {
        if (key == null || provider.isEmpty()) {
            return key;
        }
        try {
            return (PublicKey) KeyFactory.getInstance(key.getAlgorithm(), provider.get()).translateKey(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(description + " cannot take a " + key.getAlgorithm() + " key", e);
        }
    }

    /** This provider's form of {@code key} (a no-op for the JDK, and for null). */
    PrivateKey translate(PrivateKey key) {
        if (key == null || provider.isEmpty()) {
            return key;
        }
        try {
            return (PrivateKey) KeyFactory.getInstance(key.getAlgorithm(), provider.get()).translateKey(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(description + " cannot take a " + key.getAlgorithm() + " key", e);
        }
    }

    SigningKey translate(SigningKey key) {
        return provider.isEmpty() ? key : new SigningKey(key.kid(), key.algorithm(), translate(key.publicKey()),
                translate(key.privateKey()), key.createdAt());
    }

    @Override
    public String toString() {
        return description;
    }
}
