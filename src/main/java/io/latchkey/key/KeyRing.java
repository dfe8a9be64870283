package io.latchkey.key;

import io.latchkey.audit.Actor;
import io.latchkey.audit.AuditEvent;
import io.latchkey.audit.AuditTrail;
import io.latchkey.store.ConfigurationCache;
import io.latchkey.store.ConfigurationChanges;
import io.latchkey.store.SigningKeyEntity;
import io.latchkey.store.SigningKeyRepository;
import io.latchkey.store.Transactions;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParserBuilder;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.Locator;
import io.jsonwebtoken.LocatorAdapter;
import io.jsonwebtoken.ProtectedHeader;
import java.security.Key;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The signing keys as this node uses them: per enabled algorithm the current key that signs, and every key JWKS
 * publishes (next, current, retiring; DESIGN §4). A stored ring reads the keys through a {@link ConfigurationCache}
 * of kind {@link ConfigurationChanges.Kind#KEYS}, so a rotation or revocation made on any node reaches this one
 * within about a second, and applies the schedule ({@link #rotateIfDue}) itself when a read finds a change due, so a
 * cluster rotates even before a job runner schedules it.
 */
public final class KeyRing {
    /** How long verifiers may cache JWKS; a new key is published at least this long before it signs. */
    public static final Duration JWKS_MAX_AGE = KeySchedule.JWKS_MAX_AGE;
    /** How often one node tries a change its cached keys say is due, at most (another node may have made it). */
    private static final long ATTEMPT_INTERVAL_MILLIS = 1000;

    /** The keys at one moment. */
    private record View(List<SigningKey> published, Map<SigningAlgorithm, SigningKey> current,
                        List<KeySchedule.Row> rows) {
    }

    private final Supplier<View> views;
    private final List<SigningAlgorithm> algorithms;
    private final Duration jwksMaxAge;
    private final Optional<KeyRotation> rotation;
    private final Clock clock;
    private final AtomicLong nextAttemptMillis = new AtomicLong(Long.MIN_VALUE);
    private final SignatureProvider provider;
    private final JwtSigner signer = new JwtSigner(this);

    private KeyRing(Supplier<View> views, List<SigningAlgorithm> algorithms, Duration jwksMaxAge,
                    Optional<KeyRotation> rotation, SignatureProvider provider, Clock clock) {
        this.views = views;
        this.provider = provider;
        this.algorithms = List.copyOf(algorithms);
        this.jwksMaxAge = jwksMaxAge;
        this.rotation = rotation;
        this.clock = clock;
    }

    /** {@link #load(Transactions, SigningKeyRepository, KeyCipher, AuditTrail, Clock)} without an audit trail. */
    public static KeyRing load(Transactions transactions, SigningKeyRepository repository, KeyCipher cipher,
                               Clock clock) {
        return load(transactions, repository, cipher, AuditTrail.logOnly(), clock);
    }

    /** A stored RS256 ring on the standard schedule, whose changes only this ring's own reloads notice. */
    public static KeyRing load(Transactions transactions, SigningKeyRepository repository, KeyCipher cipher,
                               AuditTrail audit, Clock clock) {
        return load(transactions, repository, cipher, ConfigurationChanges.stored(transactions, clock),
                KeySchedule.standard(Duration.ofHours(1)), audit, clock);
    }

    /**
     * The stored ring: applies whatever the schedule calls for now (on an empty database, the first current and
     * next keys of each algorithm; of nodes started at the same instant, one makes them and the others load them),
     * then loads the keys, recording on {@code audit} (as the system) the keys generated
     * ({@code signing_key.generated}), the keys loaded ({@code signing_key.loaded}), or a key it could not open (a
     * failed {@code signing_key.loaded}, e.g. under another master key). Events name keys by kid only.
     */
    public static KeyRing load(Transactions transactions, SigningKeyRepository repository, KeyCipher cipher,
                               ConfigurationChanges changes, KeySchedule schedule, AuditTrail audit, Clock clock) {
        return load(transactions, repository, cipher, changes, schedule, audit, SignatureProvider.jdk(), clock);
    }

    /** The stored ring (see above) whose keys sign and verify through {@code provider}. */
    public static KeyRing load(Transactions transactions, SigningKeyRepository repository, KeyCipher cipher,
                               ConfigurationChanges changes, KeySchedule schedule, AuditTrail audit,
                               SignatureProvider provider, Clock clock) {
        KeyRotation rotation = new KeyRotation(transactions, repository, cipher, changes, schedule, audit);
        rotation.rotateIfDue(clock.instant());
        ConfigurationCache<String, View> cache = new ConfigurationCache<>(changes, ConfigurationChanges.Kind.KEYS, 1,
                clock);
        Supplier<View> views = () -> cache.get("ring", ignored -> view(rotation.open(), schedule.algorithms(), provider));
        KeyRing ring = new KeyRing(views, schedule.algorithms(), schedule.jwksMaxAge(), Optional.of(rotation),
                provider, clock);
        View loaded = views.get();
        String currentKid = Optional.ofNullable(loaded.current().get(schedule.defaultAlgorithm()))
                .map(SigningKey::kid).orElse("none");
        audit.record(AuditEvent.success(Actor.SYSTEM, "signing_key.loaded", "signing_key:" + currentKid, List.of(),
                loaded.published().size() + (loaded.published().size() == 1 ? " key" : " keys")
                        + " published, signing with " + currentKid));
        return ring;
    }

    /** A ring over one key already in memory that never changes (tests, benchmarks). */
    public static KeyRing of(SigningKey current) {
        return of(current, SignatureProvider.jdk());
    }

    /** A ring over one key in memory that signs and verifies through {@code provider}. */
    public static KeyRing of(SigningKey current, SignatureProvider provider) {
        SigningKey key = provider.translate(current);
        View view = new View(List.of(key), Map.of(key.algorithm(), key), List.of());
        return new KeyRing(() -> view, List.of(key.algorithm()), JWKS_MAX_AGE, Optional.empty(), provider,
                Clock.systemUTC());
    }

    private static View view(List<KeyRotation.OpenedKey> opened, List<SigningAlgorithm> enabled,
                             SignatureProvider provider) {
        Map<SigningAlgorithm, SigningKey> current = new EnumMap<>(SigningAlgorithm.class);
        List<SigningKey> keys = new ArrayList<>();
        List<KeySchedule.Row> rows = new ArrayList<>();
        for (KeyRotation.OpenedKey opening : opened) {
            if (!enabled.contains(opening.key().algorithm())) {
                continue;
            }
            SigningKey key = provider.translate(opening.key());
            keys.add(key);
            rows.add(opening.row());
            if (opening.row().state().equals(SigningKeyEntity.CURRENT)) {
                current.put(key.algorithm(), key);
            }
        }
        return new View(List.copyOf(keys), current, List.copyOf(rows));
    }

    /** The keys now, after applying what the schedule calls for if a change is due. */
    private View view() {
        View view = views.get();
        if (rotation.isPresent()) {
            Instant now = clock.instant();
            long nowMillis = now.toEpochMilli();
            long nextAttempt = nextAttemptMillis.get();
            // The schedule is consulted at most once per interval (it walks every published key: every signature
            // paid for it), by the one caller that claims the interval.
            if (nowMillis >= nextAttempt
                    && nextAttemptMillis.compareAndSet(nextAttempt, nowMillis + ATTEMPT_INTERVAL_MILLIS)
                    && !rotation.get().schedule().due(view.rows(), now).isEmpty()) {
                rotation.get().rotateIfDue(now);
                view = views.get();
            }
        }
        return view;
    }

    /** The key the default algorithm signs with now. */
    public SigningKey current() {
        return current(algorithms.get(0));
    }

    /** The key {@code algorithm} signs with now; it must be enabled. */
    public SigningKey current(SigningAlgorithm algorithm) {
        SigningKey key = view().current().get(algorithm);
        if (key == null) {
            throw new IllegalStateException("no current " + algorithm + " signing key (is it enabled?)");
        }
        return key;
    }

    /** The keys JWKS publishes, oldest first. */
    public List<SigningKey> published() {
        return view().published();
    }

    /**
     * The published keys with their state and times (kid, algorithm, next/current/retiring, made, signing since,
     * leaving JWKS after), oldest first: for the admin API's listing. Empty for a ring held in memory.
     */
    public List<KeySchedule.Row> states() {
        return view().rows();
    }

    /** The enabled algorithms, the default first. */
    public List<SigningAlgorithm> algorithms() {
        return algorithms;
    }

    /** How long a verifier may cache JWKS: its {@code Cache-Control: max-age}. */
    public Duration jwksMaxAge() {
        return jwksMaxAge;
    }

    /** The JCA provider this ring's keys sign and verify with. */
    public SignatureProvider provider() {
        return provider;
    }

    /**
     * A JJWT parser builder that verifies with the published keys ({@link #verificationKeys}) through this ring's
     * provider.
     */
    public JwtParserBuilder parser() {
        JwtParserBuilder parser = Jwts.parser().keyLocator(verificationKeys());
        provider.jca().ifPresent(parser::provider);
        return parser;
    }

    /** Signs JWTs with the current key. */
    public JwtSigner signer() {
        return signer;
    }

    /**
     * For JJWT parsers: the published public key named by a JWS header's {@code kid}, when the header's {@code alg}
     * is the algorithm of that key (so also an enabled one); unknown kids, revoked or retired keys and other
     * algorithms fail.
     */
    public Locator<Key> verificationKeys() {
        return new LocatorAdapter<Key>() {
            @Override
            protected Key locate(ProtectedHeader header) {
                SigningKey key = published().stream().filter(k -> k.kid().equals(header.getKeyId()))
                        .findFirst().orElseThrow(() -> new JwtException("unknown kid"));
                if (!key.algorithm().name().equals(header.getAlgorithm())) {
                    throw new JwtException("the key " + key.kid() + " signs with " + key.algorithm() + " only");
                }
                return key.publicKey();
            }
        };
    }

    /** True when {@code alg} (a JWS header's) is an enabled algorithm. */
    public boolean accepts(String alg) {
        return SigningAlgorithm.byName(alg).filter(algorithms::contains).isPresent();
    }

    /**
     * Applies what the schedule calls for at {@code now} (see {@link KeyRotation#rotateIfDue}); idempotent and safe
     * when every node calls it at the same instant: exactly one makes each change. For the job runner.
     */
    public boolean rotateIfDue(Instant now) {
        return rotation.map(r -> r.rotateIfDue(now)).orElse(false);
    }

    /** "Rotate now", audited as {@code signing_key.rotated} for {@code actor} (see {@link KeyRotation#rotateNow}). */
    public List<KeyRotation.ScheduledRotation> rotateNow(Actor actor) {
        return stored().rotateNow(actor, clock.instant());
    }

    /** "Revoke now", audited as {@code signing_key.revoked} for {@code actor} (see {@link KeyRotation#revoke}). */
    public KeyRotation.Revocation revoke(Actor actor, String kid) {
        return stored().revoke(actor, kid, clock.instant());
    }

    /** Master-key rotation (see {@link KeyRotation#reseal}); restart every node with the new master key after. */
    public int reseal(Actor actor, KeyCipher newMaster) {
        return stored().reseal(actor, newMaster);
    }

    private KeyRotation stored() {
        return rotation.orElseThrow(() -> new IllegalStateException("this key ring is not stored"));
    }

    /** A new RS256 key (tests, benchmarks). */
    public static SigningKey generateKey(Instant now) {
        return generateKey(SigningAlgorithm.RS256, now);
    }

    public static SigningKey generateKey(SigningAlgorithm algorithm, Instant now) {
        return KeyRotation.generateKey(algorithm, now);
    }
}
