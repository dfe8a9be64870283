package io.latchkey.key;

import io.latchkey.audit.Actor;
import io.latchkey.audit.AuditEvent;
import io.latchkey.audit.AuditTrail;
import io.latchkey.security.RedactedLog;
import io.latchkey.store.ClusterLock;
import io.latchkey.store.ConfigurationChanges;
import io.latchkey.store.SigningKeyEntity;
import io.latchkey.store.SigningKeyRepository;
import io.latchkey.store.Transactions;
import jakarta.persistence.EntityManager;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The stored signing keys and every change of them: the schedule's steps ({@link #rotateIfDue}), a rotation asked
 * for ({@link #rotateNow}) and a revocation ({@link #revoke}). Each change happens in one transaction under the
 * {@link ClusterLock#SIGNING_KEYS} lock, re-reads the keys under it, and records a {@link ConfigurationChanges.Kind#KEYS}
 * change with it, so of nodes asking at the same instant exactly one makes it and every node reloads its ring.
 */
public final class KeyRotation {
    private static final Logger LOG = RedactedLog.of(KeyRotation.class);

    private final Transactions transactions;
    private final SigningKeyRepository repository;
    private final KeyCipher cipher;
    private final ConfigurationChanges changes;
    private final KeySchedule schedule;
    private final AuditTrail audit;

    public KeyRotation(Transactions transactions, SigningKeyRepository repository, KeyCipher cipher,
                       ConfigurationChanges changes, KeySchedule schedule, AuditTrail audit) {
        this.transactions = transactions;
        this.repository = repository;
        this.cipher = cipher;
        this.changes = changes;
        this.schedule = schedule;
        this.audit = audit;
    }

    public KeySchedule schedule() {
        return schedule;
    }

    /** The published keys as the schedule sees them. */
    public List<KeySchedule.Row> rows() {
        return transactions.inTransaction(em -> rows(repository.published(em)));
    }

    /** The published keys, opened: the private half of current keys only (the others never sign). */
    public List<OpenedKey> open() {
        List<SigningKeyEntity> stored = transactions.inTransaction(repository::published);
        List<OpenedKey> opened = new ArrayList<>();
        for (SigningKeyEntity entity : stored) {
            Optional<KeySchedule.Row> row = KeySchedule.Row.of(entity);
            if (row.isEmpty()) {
                continue;
            }
            try {
                opened.add(new OpenedKey(open(entity, row.get().algorithm(),
                        entity.getStatus().equals(SigningKeyEntity.CURRENT)), row.get()));
            } catch (RuntimeException e) {
                audit.record(AuditEvent.failure(Actor.SYSTEM, "signing_key.loaded", "signing_key:" + entity.getKid(),
                        "the key could not be opened (" + e.getClass().getSimpleName() + "); is the master key the "
                                + "one it was sealed with?"));
                throw e;
            }
        }
        return opened;
    }

    /** A published key with its state. */
    public record OpenedKey(SigningKey key, KeySchedule.Row row) {
    }

    /**
     * Makes the changes the schedule calls for at {@code now} (the first keys, the next key, a rotation, a retirement),
     * recording {@code signing_key.generated}, {@code signing_key.rotated} and {@code signing_key.retired} as the
     * system. Idempotent, and safe when every node calls it at the same instant: it reads without a lock first and
     * returns at once when nothing is due; otherwise it decides again under the lock. True when this call changed
     * something.
     */
    public boolean rotateIfDue(Instant now) {
        if (schedule.due(rows(), now).isEmpty()) {
            return false;
        }
        return transactions.inTransaction(em -> {
            ClusterLock.hold(em, ClusterLock.SIGNING_KEYS);
            return apply(em, now, Actor.SYSTEM);
        });
    }

    /** When a rotation asked for takes effect: the kid that signs until then, the one that signs after. */
    public record ScheduledRotation(SigningAlgorithm algorithm, String currentKid, String nextKid,
                                    Instant nextSignsFrom) {
    }

    /**
     * "Rotate now": for every enabled algorithm the next key signs as soon as it has been published for the JWKS
     * cache lifetime (at once when it has), and the current one starts retiring. Records {@code signing_key.rotated}
     * for {@code actor} when it is asked, naming when the next key signs.
     */
    public List<ScheduledRotation> rotateNow(Actor actor, Instant now) {
        return transactions.inTransaction(em -> {
            ClusterLock.hold(em, ClusterLock.SIGNING_KEYS);
            apply(em, now, Actor.SYSTEM);
            List<ScheduledRotation> answer = new ArrayList<>();
            List<SigningKeyEntity> published = repository.published(em);
            for (SigningAlgorithm algorithm : schedule.algorithms()) {
                Optional<SigningKeyEntity> current = newest(published, algorithm, SigningKeyEntity.CURRENT);
                Optional<SigningKeyEntity> next = newest(published, algorithm, SigningKeyEntity.NEXT);
                if (current.isPresent() && next.isPresent()) {
                    current.get().requestRotation(now);
                    Instant signsFrom = latest(now, schedule.earliestSigning(KeySchedule.Row.of(next.get()).orElseThrow()));
                    answer.add(new ScheduledRotation(algorithm, current.get().getKid(), next.get().getKid(), signsFrom));
                    audit.record(em, AuditEvent.success(actor, "signing_key.rotated", "signing_key:" + current.get().getKid(),
                            List.of("state"), "rotation asked for; " + next.get().getKid() + " (" + algorithm
                                    + ") signs from " + signsFrom));
                }
            }
            em.flush();
            apply(em, now, Actor.SYSTEM);
            changes.record(em, ConfigurationChanges.Kind.KEYS);
            return answer;
        });
    }

    /** What a revocation found. */
    public enum Revocation {
        REVOKED,
        /** No published key has that kid (unknown, or already retired). */
        NOT_FOUND
    }

    /**
     * "Revoke now": the key leaves JWKS at once and its private half is destroyed, so nothing it signed verifies any
     * more. A revoked current key is replaced by the next one at once (without waiting for the JWKS cache lifetime:
     * a compromised key cannot wait), and a new next key is made. Records {@code signing_key.revoked} for
     * {@code actor}, a failure when no published key has that kid.
     */
    public Revocation revoke(Actor actor, String kid, Instant now) {
        Revocation outcome = transactions.inTransaction(em -> {
            ClusterLock.hold(em, ClusterLock.SIGNING_KEYS);
            Optional<SigningKeyEntity> found = repository.find(em, kid)
                    .filter(k -> !k.getStatus().equals(SigningKeyEntity.RETIRED));
            if (found.isEmpty()) {
                return Revocation.NOT_FOUND;
            }
            String stateBefore = found.get().getStatus();
            found.get().retire(now, true);
            em.flush();
            audit.record(em, AuditEvent.success(actor, "signing_key.revoked", "signing_key:" + kid, List.of("state"),
                    "was " + stateBefore + "; removed from JWKS, tokens it signed no longer verify"));
            apply(em, now, Actor.SYSTEM);
            changes.record(em, ConfigurationChanges.Kind.KEYS);
            return Revocation.REVOKED;
        });
        if (outcome == Revocation.NOT_FOUND) {
            // Nothing changed: the refusal is recorded on its own.
            audit.record(AuditEvent.failure(actor, "signing_key.revoked", "signing_key:" + kid,
                    "no published key has this kid"));
        } else {
            LOG.warning(() -> "signing key " + kid + " revoked");
        }
        return outcome;
    }

    /**
     * Master-key rotation: re-seals the private half of every key that still has one under {@code newMaster}, in one
     * transaction under the lock (all or nothing). Afterwards only the new master key opens them, so run it with every
     * node stopped (a running node re-reads its keys at least once a minute and could no longer open them), then
     * start every node with the new master key. Records {@code signing_key.resealed} for {@code actor}; answers how many keys were re-sealed.
     */
    public int reseal(Actor actor, KeyCipher newMaster) {
        return transactions.inTransaction(em -> {
            ClusterLock.hold(em, ClusterLock.SIGNING_KEYS);
            List<String> kids = new ArrayList<>();
            for (SigningKeyEntity key : repository.published(em)) {
                if (key.getPrivateKeySealed() != null) {
                    byte[] plain = cipher.decrypt(key.getPrivateKeySealed(), key.getKid());
                    try {
                        key.reseal(newMaster.encrypt(plain, key.getKid()));
                    } finally {
                        java.util.Arrays.fill(plain, (byte) 0);
                    }
                    kids.add(key.getKid());
                }
            }
            audit.record(em, AuditEvent.success(actor, "signing_key.resealed", "signing_keys",
                    List.of("private_key_sealed"),
                    kids.size() + " keys re-sealed under a new master key: " + String.join(", ", kids)));
            return kids.size();
        });
    }

    /** Applies the due steps under the lock the caller holds; true when there were any. */
    private boolean apply(EntityManager em, Instant now, Actor actor) {
        List<KeySchedule.Step> steps = schedule.due(rows(repository.published(em)), now);
        if (steps.isEmpty()) {
            return false;
        }
        for (KeySchedule.Step step : steps) {
            if (step instanceof KeySchedule.Generate generate) {
                SigningKeyEntity made = generate(generate.algorithm(), generate.state(), now);
                repository.add(em, made);
                LOG.info(() -> "generated " + generate.state() + " signing key " + made.getKid() + " ("
                        + generate.algorithm() + ")");
                audit.record(em, AuditEvent.success(actor, "signing_key.generated", "signing_key:" + made.getKid(),
                        List.of(), "the " + generate.state() + " " + generate.algorithm() + " key"));
            } else if (step instanceof KeySchedule.Rotate rotate) {
                rotate.currentKid().flatMap(kid -> repository.find(em, kid))
                        .ifPresent(current -> current.startRetiring(schedule.retireAfter(now)));
                repository.find(em, rotate.nextKid()).orElseThrow().activate(now);
                LOG.info(() -> "signing key " + rotate.nextKid() + " (" + rotate.algorithm() + ") now signs");
                audit.record(em, AuditEvent.success(actor, "signing_key.rotated",
                        "signing_key:" + rotate.currentKid().orElse(rotate.nextKid()), List.of("state"),
                        rotate.nextKid() + " (" + rotate.algorithm() + ") signs from " + now));
            } else if (step instanceof KeySchedule.Retire retire) {
                repository.find(em, retire.kid()).orElseThrow().retire(now, false);
                audit.record(em, AuditEvent.success(actor, "signing_key.retired", "signing_key:" + retire.kid(),
                        List.of("state"), "removed from JWKS, private half destroyed"));
            }
            em.flush();
        }
        changes.record(em, ConfigurationChanges.Kind.KEYS);
        return true;
    }

    private static List<KeySchedule.Row> rows(List<SigningKeyEntity> entities) {
        return entities.stream().flatMap(e -> KeySchedule.Row.of(e).stream()).toList();
    }

    private static Optional<SigningKeyEntity> newest(List<SigningKeyEntity> rows, SigningAlgorithm algorithm,
                                                     String state) {
        return rows.stream().filter(r -> r.getAlgorithm().equals(algorithm.name()) && r.getStatus().equals(state))
                .reduce((first, second) -> second);
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** A new key of {@code algorithm}, its private half sealed under the master key. */
    private SigningKeyEntity generate(SigningAlgorithm algorithm, String state, Instant now) {
        SigningKey key = generateKey(algorithm, now);
        return new SigningKeyEntity(key.kid(), algorithm.name(),
                Base64.getEncoder().encodeToString(key.publicKey().getEncoded()),
                cipher.encrypt(key.privateKey().getEncoded(), key.kid()), state, now);
    }

    static SigningKey generateKey(SigningAlgorithm algorithm, Instant now) {
        KeyPair pair = algorithm.generateKeyPair();
        return new SigningKey(SigningKey.thumbprint(pair.getPublic()), algorithm, pair.getPublic(), pair.getPrivate(),
                now);
    }

    private SigningKey open(SigningKeyEntity entity, SigningAlgorithm algorithm, boolean withPrivateHalf) {
        try {
            KeyFactory factory = KeyFactory.getInstance(algorithm.keyType());
            PublicKey publicKey = factory.generatePublic(
                    new X509EncodedKeySpec(Base64.getDecoder().decode(entity.getPublicKey())));
            PrivateKey privateKey = withPrivateHalf && entity.getPrivateKeySealed() != null
                    ? factory.generatePrivate(new PKCS8EncodedKeySpec(
                            cipher.decrypt(entity.getPrivateKeySealed(), entity.getKid())))
                    : null;
            return new SigningKey(entity.getKid(), algorithm, publicKey, privateKey, entity.getCreatedAt());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing key " + entity.getKid() + " is not a valid "
                    + algorithm.keyType() + " key", e);
        }
    }
}
