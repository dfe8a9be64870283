package io.latchkey.key;

import io.latchkey.audit.Actor;
import io.latchkey.audit.AuditEvent;
import io.latchkey.audit.AuditTrail;
import io.latchkey.store.ClusterLock;
import io.latchkey.store.SigningKeyEntity;
import io.latchkey.store.SigningKeyRepository;
import io.latchkey.store.Transactions;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.Locator;
import io.jsonwebtoken.LocatorAdapter;
import io.jsonwebtoken.ProtectedHeader;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import io.latchkey.security.RedactedLog;
import java.util.logging.Logger;

/**
 * The signing keys: the current one that signs, and every key JWKS still publishes. At first start an
 * RSA 2048 key is generated and stored with its private half sealed under the master key.
 * Rotation (a later slice) publishes the next key for at least {@link #JWKS_MAX_AGE} before signing with it.
 */
public final class KeyRing {
    /** How long verifiers may cache JWKS; a new key is published at least this long before it signs. */
    public static final Duration JWKS_MAX_AGE = Duration.ofMinutes(15);
    private static final Logger LOG = RedactedLog.of(KeyRing.class);

    private final SigningKey current;
    private final List<SigningKey> published;

    private KeyRing(SigningKey current, List<SigningKey> published) {
        this.current = current;
        this.published = List.copyOf(published);
    }

    /**
     * Loads the stored keys, generating and storing the first one when there is none. Under the cluster's start-up
     * lock: of nodes started at the same instant on an empty database, one generates the key and the others load it.
     */
    public static KeyRing load(Transactions transactions, SigningKeyRepository repository, KeyCipher cipher,
                               Clock clock) {
        return load(transactions, repository, cipher, AuditTrail.logOnly(), clock);
    }

    /**
     * {@link #load(Transactions, SigningKeyRepository, KeyCipher, Clock)}, recording on {@code audit} (as the
     * system) the key this node generated ({@code signing_key.generated}), the keys it loaded
     * ({@code signing_key.loaded}), or the key it could not open (a failed {@code signing_key.loaded}, e.g. under
     * another master key). Events name keys by kid only.
     */
    public static KeyRing load(Transactions transactions, SigningKeyRepository repository, KeyCipher cipher,
                               AuditTrail audit, Clock clock) {
        List<SigningKeyEntity> stored = transactions.inTransaction(repository::published);
        if (stored.stream().noneMatch(k -> k.getStatus().equals(SigningKeyEntity.CURRENT))) {
            List<String> generatedKid = new ArrayList<>(1);
            stored = transactions.inTransaction(em -> {
                generatedKid.clear();
                ClusterLock.hold(em, ClusterLock.START_UP);
                List<SigningKeyEntity> published = repository.published(em);
                if (published.stream().anyMatch(k -> k.getStatus().equals(SigningKeyEntity.CURRENT))) {
                    return published;
                }
                SigningKeyEntity generated = generate(cipher, clock.instant());
                repository.add(em, generated);
                LOG.info(() -> "generated the first signing key, kid " + generated.getKid());
                em.flush();
                generatedKid.add(generated.getKid());
                return repository.published(em);
            });
            generatedKid.forEach(kid -> audit.record(AuditEvent.success(Actor.SYSTEM, "signing_key.generated",
                    "signing_key:" + kid, List.of(), "the first signing key (" + SigningKey.ALGORITHM + ")")));
        }
        List<SigningKey> keys = new ArrayList<>();
        SigningKey current = null;
        for (SigningKeyEntity entity : stored) {
            SigningKey key;
            try {
                key = open(entity, cipher);
            } catch (RuntimeException e) {
                audit.record(AuditEvent.failure(Actor.SYSTEM, "signing_key.loaded", "signing_key:" + entity.getKid(),
                        "the key could not be opened (" + e.getClass().getSimpleName() + "); is the master key the "
                                + "one it was sealed with?"));
                throw e;
            }
            keys.add(key);
            if (entity.getStatus().equals(SigningKeyEntity.CURRENT)) {
                current = key;
            }
        }
        String currentKid = current == null ? "none" : current.kid();
        audit.record(AuditEvent.success(Actor.SYSTEM, "signing_key.loaded", "signing_key:" + currentKid, List.of(),
                keys.size() + (keys.size() == 1 ? " key" : " keys") + " published, signing with " + currentKid));
        return new KeyRing(current, keys);
    }

    /** A ring over keys already in memory (tests, benchmarks). */
    public static KeyRing of(SigningKey current) {
        return new KeyRing(current, List.of(current));
    }

    public SigningKey current() {
        return current;
    }

    public List<SigningKey> published() {
        return published;
    }

    /** For JJWT parsers: the published public key named by a JWS header's {@code kid}; unknown kids fail. */
    public Locator<Key> verificationKeys() {
        return new LocatorAdapter<Key>() {
            @Override
            protected Key locate(ProtectedHeader header) {
                return published.stream().filter(k -> k.kid().equals(header.getKeyId()))
                        .map(SigningKey::publicKey).findFirst()
                        .orElseThrow(() -> new JwtException("unknown kid"));
            }
        };
    }

    public static SigningKey generateKey(Instant now) {
        KeyPair pair = rsaKeyPair();
        RSAPublicKey publicKey = (RSAPublicKey) pair.getPublic();
        return new SigningKey(SigningKey.thumbprint(publicKey), publicKey, pair.getPrivate(), now);
    }

    private static SigningKeyEntity generate(KeyCipher cipher, Instant now) {
        SigningKey key = generateKey(now);
        return new SigningKeyEntity(key.kid(), SigningKey.ALGORITHM,
                Base64.getEncoder().encodeToString(key.publicKey().getEncoded()),
                cipher.encrypt(key.privateKey().getEncoded(), key.kid()),
                SigningKeyEntity.CURRENT, now);
    }

    private static SigningKey open(SigningKeyEntity entity, KeyCipher cipher) {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPublicKey publicKey = (RSAPublicKey) rsa.generatePublic(
                    new X509EncodedKeySpec(Base64.getDecoder().decode(entity.getPublicKey())));
            PrivateKey privateKey = rsa.generatePrivate(
                    new PKCS8EncodedKeySpec(cipher.decrypt(entity.getPrivateKeySealed(), entity.getKid())));
            return new SigningKey(entity.getKid(), publicKey, privateKey, entity.getCreatedAt());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing key " + entity.getKid() + " is not a valid RSA key", e);
        }
    }

    private static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is unavailable", e);
        }
    }
}
